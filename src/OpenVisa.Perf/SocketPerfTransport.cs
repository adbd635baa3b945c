using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Perf;

/// <summary>TCPIP SOCKET: <see cref="SocketInstrumentServer"/> on 127.0.0.1, the <c>@managed</c> client, a bare socket as the limit.</summary>
internal sealed class SocketPerfTransport : PerfTransport
{
    public override string Name => "socket";

    public override string? PyvisaPyReadTermination => "\n";

    public override bool HasRawClient => true;

    public override bool MeasuresIviClients => true;

    public override async Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken)
    {
        var server = new SocketInstrumentServer(device);
        try
        {
            server.Start();
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PerfServer(server.ResourceName, "@managed", server.DisposeAsync) { PyvisaPyResourceName = server.ResourceName };
    }

    public override IPerfClient CreateRawClient(string resourceName, int blockBytes) =>
        new RawSocketPerfClient(resourceName, blockBytes, PerfDefaults.ClientTimeout);
}
