using System.Net;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Perf;

/// <summary>
/// HiSLIP: <see cref="HislipServer"/> on 127.0.0.1 serving the perf device as <c>hislip0</c>, the <c>@managed</c> client
/// and the raw HiSLIP client on <c>TCPIP::127.0.0.1::hislip0,PORT::INSTR</c>. pyvisa-py 0.5.1 has no HiSLIP.
/// </summary>
internal sealed class HislipPerfTransport : PerfTransport
{
    /// <summary>Room for the 64-client load beside the single clients (each session is one of these).</summary>
    private const int MaxSessions = 1024;

    public override string Name => "hislip";

    public override bool HasRawClient => true;

    public override async Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken)
    {
        var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", device)], new HislipServerOptions { MaxSessions = MaxSessions, MaxSessionsPerAddress = MaxSessions });
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PerfServer(server.ResourceNameOf("hislip0"), "@managed", server.DisposeAsync);
    }

    public override IPerfClient CreateRawClient(string resourceName, int blockBytes) =>
        new RawHislipPerfClient(resourceName, blockBytes, PerfDefaults.ClientTimeout);
}
