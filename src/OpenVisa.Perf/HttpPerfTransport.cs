using System.Net;
using OpenVisa.Server;
using OpenVisa.Server.Http;

namespace OpenVisa.Perf;

/// <summary>
/// HTTP: the perf device served by <see cref="HttpInstrumentServer"/> (what <c>ovisa serve --http</c> runs) on 127.0.0.1
/// as <c>PERF0::INSTR</c>, reached through the <c>@lamb</c> backend with one keep-alive connection. There is no raw HTTP
/// client: issue 16's target compares it with <c>@managed</c> over SOCKET (<see cref="PerfTargets"/>), and pyvisa-py
/// has no HTTP transport.
/// </summary>
internal sealed class HttpPerfTransport : PerfTransport
{
    private const string Name0 = "PERF0::INSTR";

    public override string Name => "http";

    public override async Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken)
    {
        // The 16 MiB block goes server to client; requests stay small, so the default body limit is plenty.
        var server = new HttpInstrumentServer([new ServedInstrument(Name0, device)], IPAddress.Loopback, new HttpServerOptions { Port = 0 });
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PerfServer(Name0, $"{server.Url}@lamb", server.DisposeAsync);
    }
}
