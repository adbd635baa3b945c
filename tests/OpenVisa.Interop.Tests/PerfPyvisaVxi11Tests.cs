using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Perf;
using OpenVisa.TestSupport;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// <c>ovisa perf</c> measures Debian's pyvisa-py over VXI-11, which finds the server only through the portmapper on port 111:
/// the pinned and unpinned servers register in turn, each one's pyvisa-py client connecting before the next takes over.
/// </summary>
public sealed class PerfPyvisaVxi11Tests
{
    [PeerFact(Peer.PyvisaPy, Peer.Portmapper)]
    public async Task Perf_measures_pyvisa_py_over_vxi11_through_the_portmapper_pinned_and_not()
    {
        Peers.Require(Peer.PyvisaPy);
        Peers.Require(Peer.Portmapper);

        // Server.Tests may be using the portmapper (its rpcbind, its registrations) in another process right now.
        using var portmapper = PortmapperTestLock.Acquire(TimeSpan.FromMinutes(3));
        JsonElement root = default;
        string[] notes = [];
        // Another program's live VXI-11 server on the portmapper is left alone (a note says so); wait for it to go.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (exit, output, error) = await PerfHarnessTests.RunAsync(
                ["perf", "--json", "--transports", "vxi11", "--seconds", "0.05", "--rounds", "1", "--block-bytes", "65536"]);
            Assert.True(exit == CliApp.Ok, $"ovisa perf exited {exit}: {error}");
            root = JsonDocument.Parse(output).RootElement.Clone();
            notes = [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];
            if (!notes.Any(n => n.Contains("is registered with the portmapper", StringComparison.Ordinal)))
                break;
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        string[] expected = PerfLauncher.CanPin
            ? ["roundtrips_per_s", "roundtrips_per_s_1cpu", "cpu_us_per_query", "cpu_us_per_query_1cpu", "p50_us", "p99_us", "block_mb_per_s"]
            : ["roundtrips_per_s", "cpu_us_per_query", "p50_us", "p99_us", "block_mb_per_s"];
        var metrics = root.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("transport").GetString() == "vxi11" && r.GetProperty("client").GetString() == "pyvisa-py")
            .Select(r => r.GetProperty("metric").GetString()).ToArray();
        Assert.True(expected.SequenceEqual(metrics), $"pyvisa-py vxi11 metrics: {string.Join(", ", metrics)}; notes: {string.Join(" | ", notes)}");
        Assert.Contains(notes, n => n.StartsWith("pyvisa-py reached the vxi11 server", StringComparison.Ordinal) && n.Contains(Vxi11PerfTransport.PortmapperResourceName, StringComparison.Ordinal));
        Assert.Contains(root.GetProperty("targets").EnumerateArray(),
            t => t.GetProperty("target").GetString() == "vxi11 client CPU per query: openvisa / pyvisa-py ≤ 0.5" && t.GetProperty("met").ValueKind != JsonValueKind.Null);
    }
}
