using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// <c>ovisa serve --advertise</c> through the real command line, in a pair of network namespaces made for the test
/// (never on the host's interfaces): Debian's python3-zeroconf finds the served instrument's services, and
/// <c>ovisa list</c> on the other side lists them and <c>ovisa query</c> reaches the instrument through one.
/// </summary>
public sealed class MdnsServeInteropTests
{
    /// <summary>Browses the three service types for four seconds and prints each service found, with port and addresses.</summary>
    private const string Browse = """
        import sys, time
        from zeroconf import IPVersion, ServiceBrowser, Zeroconf
        zc = Zeroconf(interfaces=[sys.argv[1]], ip_version=IPVersion.V4Only)
        class Listener:
            def add_service(self, zeroconf, service_type, name):
                info = zeroconf.get_service_info(service_type, name, 3000)
                print("found", name, info.port if info else None, ",".join(info.parsed_addresses()) if info else None, flush=True)
            def remove_service(self, zeroconf, service_type, name):
                pass
            def update_service(self, zeroconf, service_type, name):
                pass
        browser = ServiceBrowser(zc, ["_hislip._tcp.local.", "_scpi-raw._tcp.local.", "_vxi-11._tcp.local."], Listener())
        time.sleep(4)
        zc.close()
        """;

    [PeerFact(Peer.NetworkNamespaces, Peer.Zeroconf)]
    public void Zeroconf_and_ovisa_list_find_what_ovisa_serve_advertises()
    {
        Peers.Require(Peer.NetworkNamespaces);
        Peers.Require(Peer.Zeroconf);
        using var pair = NamespacePair.Create();
        var dll = Path.Combine(AppContext.BaseDirectory, "ovisa.dll");
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var serveInfo = new ProcessStartInfo(NamespacePair.Ip) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["netns", "exec", pair.Server, dotnet, dll, "serve", "--demo", "--socket", "5025", "--hislip", "--bind", "0.0.0.0", "--portmapper", "none", "--advertise"])
            serveInfo.ArgumentList.Add(argument);
        using var serve = Process.Start(serveInfo)!;
        var served = new System.Text.StringBuilder();
        var advertising = new ManualResetEventSlim();
        serve.OutputDataReceived += (_, e) =>
        {
            lock (served)
                served.AppendLine(e.Data);
            if (e.Data?.StartsWith("Advertising", StringComparison.Ordinal) == true)
                advertising.Set();
        };
        serve.BeginOutputReadLine();
        var serveErrors = serve.StandardError.ReadToEndAsync();
        try
        {
            Assert.True(advertising.Wait(TimeSpan.FromSeconds(60)), $"ovisa serve did not start advertising: {served} {(serveErrors.IsCompleted ? serveErrors.Result : "")}");
            var host = pair.ServerAddress;

            var zeroconf = ChildProcess.Run(NamespacePair.Ip, ["netns", "exec", pair.Client, Peers.DebianPython, "-c", Browse, pair.ClientAddress], TimeSpan.FromSeconds(60));
            var list = ChildProcess.Run(NamespacePair.Ip, ["netns", "exec", pair.Client, "env", "OPENVISA_DISCOVERY_TIMEOUT_MS=1500", dotnet, dll, "list", "TCPIP?*"], TimeSpan.FromSeconds(60));
            var query = ChildProcess.Run(NamespacePair.Ip, ["netns", "exec", pair.Client, dotnet, dll, "query", $"TCPIP0::{host}::hislip0::INSTR", "*IDN?"], TimeSpan.FromSeconds(60));

            Assert.True(zeroconf.ExitCode == 0, $"zeroconf failed: {zeroconf.StandardError}");
            Assert.Contains($"found DEMO0::INSTR._hislip._tcp.local. 4880 {host}", zeroconf.StandardOutput);
            Assert.Contains($"found DEMO0::INSTR._scpi-raw._tcp.local. 5025 {host}", zeroconf.StandardOutput);
            Assert.True(list.ExitCode == 0, $"ovisa list failed: {list.StandardError}");
            Assert.Equal($"TCPIP0::{host}::5025::SOCKET\nTCPIP0::{host}::hislip0::INSTR\n", list.StandardOutput);
            Assert.True(query.ExitCode == 0, $"ovisa query failed: {query.StandardError}");
            Assert.StartsWith("OpenVisa,Demo Instrument", query.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            // SIGTERM stops the server cleanly: the advertisements are withdrawn before it exits.
            kill(serve.Id, 15);
            if (!serve.WaitForExit(TimeSpan.FromSeconds(30)))
                serve.Kill(entireProcessTree: true);
        }
        serve.WaitForExit();
        lock (served)
            Assert.Contains("Stopped.", served.ToString());
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
