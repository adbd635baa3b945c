using System.Diagnostics;
using OpenVisa.Managed;
using OpenVisa.Managed.Discovery.Mdns;

namespace OpenVisa.Server.Tests;

/// <summary>
/// mDNS / DNS-SD discovery against Debian's python3-zeroconf, inside a pair of network namespaces made for each test
/// (never on the host's interfaces): our browser finds what zeroconf publishes, and zeroconf's browser finds what we
/// advertise and sees it withdrawn.
/// </summary>
public sealed class MdnsDiscoveryTests
{
    /// <summary>Publishes an instrument's four LXI service types with zeroconf, prints "ready", and keeps them until stdin closes.</summary>
    private const string Publisher = """
        import socket, sys
        from zeroconf import IPVersion, ServiceInfo, Zeroconf
        address = sys.argv[1]
        zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
        for service, port in [("_hislip._tcp.local.", 4880), ("_scpi-raw._tcp.local.", 5025), ("_vxi-11._tcp.local.", 111), ("_lxi._tcp.local.", 80)]:
            zc.register_service(ServiceInfo(service, "Fake Scope 1.2." + service, addresses=[socket.inet_aton(address)], port=port,
                                            properties={"Manufacturer": "Fake"}, server="fakescope.local."))
        print("ready", flush=True)
        sys.stdin.read()
        zc.unregister_all_services()
        zc.close()
        """;

    [InteropFact("netns", "zeroconf")]
    public void Our_browser_finds_the_services_zeroconf_publishes_as_resource_names()
    {
        Peers.Require("netns", "zeroconf");
        using var pair = NetworkNamespacePair.Create();
        using var publisher = Background.Start(pair.ServerNamespace, Peers.Python, "-c", Publisher, pair.ServerAddress.ToString());
        publisher.WaitForLine("ready", TimeSpan.FromSeconds(30));

        var budget = TimeSpan.FromSeconds(2);
        var (names, elapsed) = NetworkNamespacePair.RunIn(pair.ClientNamespace, () =>
        {
            using var library = new ManagedLibrary("") { DiscoveryTimeout = budget };
            using var rm = new ResourceManager(library);
            var clock = Stopwatch.StartNew();
            var found = rm.ListResourcesInfo("TCPIP?*");
            return (found, clock.Elapsed);
        });

        var host = pair.ServerAddress.ToString();
        Assert.Equal(
            new[] { $"TCPIP0::{host}::5025::SOCKET", $"TCPIP0::{host}::hislip0::INSTR", $"TCPIP0::{host}::inst0::INSTR" }.Select(n => ResourceName.Parse(n).Canonical).Order(StringComparer.Ordinal),
            names.Keys);
        // The DNS-SD instance name is the instrument's name: every resource it announced has it as alias.
        Assert.All(names.Values, info => Assert.Equal("Fake Scope 1.2", info.Alias));
        Assert.True(elapsed < budget + TimeSpan.FromSeconds(2), $"listing took {elapsed} for a {budget} budget");
    }

    /// <summary>Browses two service types with zeroconf and prints each service added (with its port and addresses) and removed.</summary>
    private const string Watcher = """
        import sys
        from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf
        zc = Zeroconf(interfaces=[sys.argv[1]], ip_version=IPVersion.V4Only)
        def changed(zeroconf, service_type, name, state_change):
            if state_change is ServiceStateChange.Added:
                info = zeroconf.get_service_info(service_type, name, 5000)
                print("added", name, info.port if info else None, ",".join(info.parsed_addresses()) if info else None, flush=True)
            elif state_change is ServiceStateChange.Removed:
                print("removed", name, flush=True)
        browser = ServiceBrowser(zc, ["_hislip._tcp.local.", "_scpi-raw._tcp.local."], handlers=[changed])
        print("browsing", flush=True)
        sys.stdin.read()
        zc.close()
        """;

    [InteropFact("netns", "zeroconf")]
    public void Zeroconf_finds_what_we_advertise_and_sees_it_withdrawn_and_our_browser_finds_it_too()
    {
        Peers.Require("netns", "zeroconf");
        using var pair = NetworkNamespacePair.Create();
        using var watcher = Background.Start(pair.ClientNamespace, Peers.Python, "-c", Watcher, pair.ClientAddress.ToString());
        watcher.WaitForLine("browsing", TimeSpan.FromSeconds(30));

        var advertiser = NetworkNamespacePair.RunIn(pair.ServerNamespace, () => MdnsAdvertiser.Start(
            [
                new MdnsAnnouncement("Bench DMM 2.0", LxiServiceTypes.Hislip, 4881, ["txtvers=1", "device=hislip1"]),
                new MdnsAnnouncement("Bench DMM 2.0", LxiServiceTypes.ScpiRaw, 5025, ["txtvers=1"]),
            ], "bench-test", [pair.ServerAddress]));
        var host = pair.ServerAddress.ToString();
        try
        {
            watcher.WaitForLine($"added Bench DMM 2.0._hislip._tcp.local. 4881 {host}", TimeSpan.FromSeconds(30));
            watcher.WaitForLine($"added Bench DMM 2.0._scpi-raw._tcp.local. 5025 {host}", TimeSpan.FromSeconds(30));
            var names = NetworkNamespacePair.RunIn(pair.ClientNamespace, () =>
            {
                using var library = new ManagedLibrary("") { DiscoveryTimeout = TimeSpan.FromSeconds(2) };
                using var rm = new ResourceManager(library);
                return rm.ListResources("TCPIP?*");
            });
            Assert.Equal(
                new[] { $"TCPIP0::{host}::5025::SOCKET", $"TCPIP0::{host}::hislip1,4881::INSTR" }.Select(n => ResourceName.Parse(n).Canonical).Order(StringComparer.Ordinal),
                names);
        }
        finally
        {
            advertiser.Dispose();
        }
        watcher.WaitForLine("removed Bench DMM 2.0._hislip._tcp.local.", TimeSpan.FromSeconds(30));
    }
}

/// <summary>A program running in a network namespace while the test goes on; killed when disposed.</summary>
internal sealed class Background : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringWriter _errors = new();

    private Background(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_lines)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
                _errors.WriteLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="program"/> inside <paramref name="ns"/> with stdin open (closing it asks it to stop).</summary>
    public static Background Start(string ns, string program, params string[] arguments)
    {
        var ip = File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip";
        var info = new ProcessStartInfo(ip) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["netns", "exec", ns, program, .. arguments])
            info.ArgumentList.Add(argument);
        return new Background(Process.Start(info)!);
    }

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/>; fails with what the program printed when it does not in time.</summary>
    public void WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited)
                    Assert.Fail($"'{text}' was not printed within {timeout}. Output: {string.Join('\n', _lines)} Errors: {Errors}");
                Monitor.Wait(_lines, TimeSpan.FromMilliseconds(Math.Clamp(left.TotalMilliseconds, 1, 200)));
            }
        }
    }

    /// <summary>What the program wrote to stderr.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    /// <summary>Closes stdin and waits up to <paramref name="timeout"/> for the program to end.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        return _process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
                    _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile.
            }
        }
        _process.Dispose();
    }
}
