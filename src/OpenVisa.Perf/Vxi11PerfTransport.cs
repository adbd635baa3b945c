using System.Globalization;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Perf;

/// <summary>
/// VXI-11 (TCPIP INSTR): <see cref="Vxi11InstrumentServer"/> on 127.0.0.1 serving the perf device as <c>inst0</c>, the
/// <c>@managed</c> client and the raw VXI-11 client on <c>TCPIP::127.0.0.1,PORT::inst0::INSTR</c> (no portmapper), and
/// pyvisa-py on <c>TCPIP::127.0.0.1::inst0::INSTR</c> when the server could register with the portmapper on port 111.
/// </summary>
internal sealed class Vxi11PerfTransport : PerfTransport
{
    /// <summary>The name pyvisa-py opens: it asks the portmapper on port 111 for the core port.</summary>
    public const string PortmapperResourceName = "TCPIP::127.0.0.1::inst0::INSTR";

    public override string Name => "vxi11";

    /// <summary>VXI-11 marks the end of every message (END), so pyvisa-py reads without a termination character.</summary>
    public override string? PyvisaPyReadTermination => "";

    public override bool PyvisaPyNeedsPortmapper => true;

    public override bool HasRawClient => true;

    public override async Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken)
    {
        string? note = null;
        Vxi11InstrumentServer server;
        try
        {
            server = await StartAsync(device, options.Portmapper).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (options.Portmapper != PerfPortmapper.None)
        {
            // Measure OpenVisa and raw anyway; only pyvisa-py needs the portmapper.
            note = $"the vxi11 server could not register with a portmapper on port 111 ({e.Message}), so pyvisa-py cannot reach it";
            server = await StartAsync(device, PerfPortmapper.None).ConfigureAwait(false);
        }
        var port = server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        var registered = server.PortmapperEndPoint?.Port == 111;
        return new PerfServer($"TCPIP::127.0.0.1,{port}::inst0::INSTR", "@managed", async () => await server.DisposeAsync().ConfigureAwait(false))
        {
            PyvisaPyResourceName = registered ? PortmapperResourceName : null,
            Note = note,
        };
    }

    public override IPerfClient CreateRawClient(string resourceName, int blockBytes) =>
        new RawVxi11PerfClient(resourceName, blockBytes, PerfDefaults.ClientTimeout);

    private static async Task<Vxi11InstrumentServer> StartAsync(PerfDevice device, PerfPortmapper portmapper)
    {
        var mode = portmapper switch
        {
            PerfPortmapper.System => Vxi11PortmapperMode.System,
            PerfPortmapper.Own => Vxi11PortmapperMode.Own,
            _ => Vxi11PortmapperMode.None,
        };
        var server = new Vxi11InstrumentServer([new KeyValuePair<string, IMessageDevice>("inst0", device)], new Vxi11ServerOptions { Portmapper = mode });
        try
        {
            server.Start();
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
