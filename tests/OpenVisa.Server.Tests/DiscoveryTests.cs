using System.Net;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

/// <summary>
/// VXI-11 discovery by portmapper broadcast, inside network namespaces the test creates: our server (with its own
/// portmapper on port 111) on one side, lxi and our ListResources on the other.
/// </summary>
public sealed class DiscoveryTests
{
    [InteropFact("netns")]
    public void ListResources_finds_our_server_by_broadcast_and_opens_it()
    {
        Peers.Require("netns");
        using var pair = NetworkNamespacePair.Create();
        var demo = new DemoInstrument("discovered");
        var server = NetworkNamespacePair.RunIn(pair.ServerNamespace, () => StartServer(demo));
        try
        {
            var (names, identity, quiet) = NetworkNamespacePair.RunIn(pair.ClientNamespace, () =>
            {
                using var library = new ManagedLibrary("") { DiscoveryTimeout = TimeSpan.FromSeconds(1) };
                using var rm = new ResourceManager(library);
                var found = rm.ListResources("TCPIP?*::INSTR"); // the network's; ?*::INSTR also lists this computer's serial ports
                using var inst = rm.Open<MessageBasedResource>(found[0]);
                var idn = inst.Query("*IDN?");
                library.DiscoveryTimeout = TimeSpan.Zero;
                var withoutDiscovery = rm.ListResources("TCPIP?*");
                return (found, idn, withoutDiscovery);
            });
            Assert.Equal([$"TCPIP0::{pair.ServerAddress}::inst0::INSTR"], names);
            Assert.Equal(demo.Identity + "\n", identity);
            Assert.Equal(names, quiet); // only what was opened
        }
        finally
        {
            server.StopAsync().Wait(TimeSpan.FromSeconds(10));
        }
    }

    [InteropFact("netns", "lxi")]
    public void Lxi_discover_finds_our_server()
    {
        Peers.Require("netns", "lxi");
        using var pair = NetworkNamespacePair.Create();
        var demo = new DemoInstrument("lxi-found");
        var server = NetworkNamespacePair.RunIn(pair.ServerNamespace, () => StartServer(demo));
        try
        {
            var run = NetworkNamespacePair.Exec(pair.ClientNamespace, TimeSpan.FromSeconds(30), Peers.Lxi, "discover", "-t", "2");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains(pair.ServerAddress.ToString(), run.Out);
            Assert.Contains(demo.Identity, run.Out);
        }
        finally
        {
            server.StopAsync().Wait(TimeSpan.FromSeconds(10));
        }
    }

    [InteropFact("netns")]
    public void Discovery_with_no_instrument_on_the_network_finds_nothing_within_its_budget()
    {
        Peers.Require("netns");
        using var pair = NetworkNamespacePair.Create();
        var (names, elapsed) = NetworkNamespacePair.RunIn(pair.ClientNamespace, () =>
        {
            using var library = new ManagedLibrary("") { DiscoveryTimeout = TimeSpan.FromMilliseconds(500) };
            using var rm = new ResourceManager(library);
            var started = DateTime.UtcNow;
            var found = rm.ListResources("TCPIP?*::INSTR"); // the network's; ?*::INSTR also lists this computer's serial ports
            return (found, DateTime.UtcNow - started);
        });
        Assert.Empty(names);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    private static Vxi11InstrumentServer StartServer(DemoInstrument demo)
    {
        var server = new Vxi11InstrumentServer([new("inst0", demo)], new Vxi11ServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Any, 0),
            Portmapper = Vxi11PortmapperMode.Own,
        });
        server.Start();
        return server;
    }
}
