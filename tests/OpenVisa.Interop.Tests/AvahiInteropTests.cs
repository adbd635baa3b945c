using System.Text.Json;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// avahi as the third-party mDNS peer, in a pair of network namespaces made for each test with a private avahi-daemon
/// and D-Bus bus (<see cref="AvahiDaemon"/>; the host's avahi and interfaces are never touched): avahi-browse finds
/// what <c>ovisa serve --advertise</c> announces and sees it withdrawn, and <c>ovisa list</c> finds what
/// avahi-publish publishes, with the instrument's name as the alias.
/// </summary>
public sealed class AvahiInteropTests
{
    [PeerFact(Peer.NetworkNamespaces, Peer.Avahi)]
    public void Avahi_browse_finds_what_ovisa_serve_advertises_and_sees_it_withdrawn()
    {
        Peers.Require(Peer.NetworkNamespaces);
        Peers.Require(Peer.Avahi);
        using var pair = NamespacePair.Create();
        using var avahi = AvahiDaemon.Start(pair.Client, pair.ClientDevice);
        var serve = StartOvisa(pair.Server, "serve", "--demo", "--socket", "5025", "--vxi11", "--hislip", "--bind", "0.0.0.0", "--portmapper", "own", "--advertise");
        try
        {
            serve.WaitForLine("Advertising 3 services", TimeSpan.FromSeconds(60));
            var host = pair.ServerAddress;
            // avahi-browse -p escapes the instance name: "DEMO0::INSTR" is DEMO0\058\058INSTR.
            var hislip = avahi.BrowseUntil("_hislip._tcp", @"DEMO0\058\058INSTR;_hislip._tcp;local;", TimeSpan.FromSeconds(30));
            var raw = avahi.BrowseUntil("_scpi-raw._tcp", @"DEMO0\058\058INSTR;_scpi-raw._tcp;local;", TimeSpan.FromSeconds(30));
            var vxi11 = avahi.BrowseUntil("_vxi-11._tcp", @"DEMO0\058\058INSTR;_vxi-11._tcp;local;", TimeSpan.FromSeconds(30));
            Assert.Contains($";{host};4880;", hislip);
            Assert.Contains("\"device=hislip0\"", hislip);
            Assert.Contains($";{host};5025;", raw);
            Assert.Contains($";{host};111;", vxi11);
            Assert.Contains("\"device=inst0\"", vxi11);
        }
        finally
        {
            serve.Dispose(); // SIGTERM: the server withdraws its services before it exits
        }
        Assert.Contains("Stopped.", serve.Output);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ChildProcess.Result browse;
        while ((browse = avahi.Browse("_hislip._tcp")).StandardOutput.Contains("DEMO0", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"avahi still lists the served instrument 30 s after ovisa serve stopped:\n{browse.StandardOutput}");
            Thread.Sleep(500);
        }
        Assert.Equal(0, browse.ExitCode);
    }

    [PeerFact(Peer.NetworkNamespaces, Peer.Avahi)]
    public void Ovisa_list_finds_what_avahi_publish_publishes_with_the_instrument_name_as_alias()
    {
        Peers.Require(Peer.NetworkNamespaces);
        Peers.Require(Peer.Avahi);
        using var pair = NamespacePair.Create();
        using var avahi = AvahiDaemon.Start(pair.Server, pair.ServerDevice);
        using var hislip = avahi.Publish("Fake Scope 9 - SN42", "_hislip._tcp", 4881, "txtvers=1", "device=hislip1");
        using var raw = avahi.Publish("Fake Scope 9 - SN42", "_scpi-raw._tcp", 5025);
        using var lxi = avahi.Publish("Fake Meter 3", "_lxi._tcp", 80);
        using var other = avahi.Publish("A printer", "_ipp._tcp", 631);

        var list = ChildProcess.Run(NamespacePair.Ip,
            ["netns", "exec", pair.Client, "env", "OPENVISA_DISCOVERY_TIMEOUT_MS=2000", Dotnet, OvisaDll, "list", "--json", "TCPIP?*"], TimeSpan.FromSeconds(60));

        Assert.True(list.ExitCode == 0, $"ovisa list failed: {list.StandardError}");
        using var json = JsonDocument.Parse(list.StandardOutput);
        var found = json.RootElement.GetProperty("resources").EnumerateArray()
            .Select(r => (Name: r.GetProperty("name").GetString(), Alias: r.GetProperty("alias").GetString()))
            .ToList();
        var host = pair.ServerAddress;
        Assert.Equal(
            [
                ($"TCPIP0::{host}::5025::SOCKET", "Fake Scope 9 - SN42"),
                ($"TCPIP0::{host}::hislip1,4881::INSTR", "Fake Scope 9 - SN42"),
                ($"TCPIP0::{host}::inst0::INSTR", "Fake Meter 3"),
            ],
            found);
    }

    private static string OvisaDll => Path.Combine(AppContext.BaseDirectory, "ovisa.dll");

    private static string Dotnet => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static WatchedProcess StartOvisa(string ns, params string[] arguments) =>
        WatchedProcess.Start(NamespacePair.Ip, ["netns", "exec", ns, Dotnet, OvisaDll, .. arguments]);
}
