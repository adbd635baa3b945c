using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Perf;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// <c>ovisa perf --json</c> end to end with tiny durations: the shape of the document and the metric names, never the
/// timings (performance is measured by the harness, not asserted by tests).
/// </summary>
public sealed class PerfHarnessTests
{
    private static readonly string[] ContractMetrics =
    [
        "roundtrips_per_s", "roundtrips_per_s_1cpu", "cpu_us_per_query", "cpu_us_per_query_1cpu", "p50_us", "p99_us",
        "block_mb_per_s", "alloc_bytes_per_query", "server_qps_1", "server_qps_8", "server_qps_64", "server_p99_us_64",
    ];

    private static readonly string[] TinyRun = ["perf", "--json", "--transports", "socket", "--seconds", "0.05", "--rounds", "1", "--block-bytes", "65536"];

    [Fact]
    public async Task Perf_json_has_every_figure_for_the_openvisa_and_raw_socket_clients()
    {
        var (exit, output, error) = await RunAsync([.. TinyRun, "--no-pyvisa-py"]);

        Assert.True(exit == CliApp.Ok, $"ovisa perf exited {exit}: {error}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var machine = root.GetProperty("machine");
        Assert.True(machine.GetProperty("logicalCpus").GetInt32() >= 1);
        Assert.False(string.IsNullOrEmpty(machine.GetProperty("cpu").GetString()));
        Assert.Equal(65536, machine.GetProperty("blockBytes").GetInt32());
        var results = Results(root);
        Assert.All(results, r => Assert.Equal("socket", r.Transport));
        Assert.All(results, r => Assert.Contains(r.Metric, ContractMetrics));
        Assert.All(results, r => Assert.True(double.IsFinite(r.Value) && r.Value >= 0, $"{r.Client} {r.Metric} = {r.Value}"));
        var pinned = PerfLauncher.CanPin;
        string[] perClient = pinned
            ? ["roundtrips_per_s", "roundtrips_per_s_1cpu", "cpu_us_per_query", "cpu_us_per_query_1cpu", "p50_us", "p99_us", "block_mb_per_s", "alloc_bytes_per_query"]
            : ["roundtrips_per_s", "cpu_us_per_query", "p50_us", "p99_us", "block_mb_per_s", "alloc_bytes_per_query"];
        Assert.Equal([.. perClient, "server_qps_1", "server_qps_8", "server_qps_64", "server_p99_us_64"], MetricsOf(results, "openvisa"));
        Assert.Equal(perClient, MetricsOf(results, "raw"));
        Assert.Empty(MetricsOf(results, "pyvisa-py"));
        Assert.All(root.GetProperty("targets").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("target").GetString())));
        Assert.Contains(root.GetProperty("targets").EnumerateArray(), t => t.GetProperty("target").GetString()!.Contains("openvisa / raw"));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("summary").GetString()));
    }

    [PeerFact(Peer.PyvisaPy)]
    public async Task Perf_json_measures_pyvisa_py_with_the_same_resource_when_it_is_installed()
    {
        Peers.Require(Peer.PyvisaPy);

        var (exit, output, error) = await RunAsync([.. TinyRun, "--no-pin"]);

        Assert.True(exit == CliApp.Ok, $"ovisa perf exited {exit}: {error}");
        using var document = JsonDocument.Parse(output);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("machine").GetProperty("pyvisaPy").GetString()));
        var results = Results(document.RootElement);
        var notes = string.Join(" | ", document.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        string[] expected = ["roundtrips_per_s", "cpu_us_per_query", "p50_us", "p99_us", "block_mb_per_s"];
        Assert.True(expected.SequenceEqual(MetricsOf(results, "pyvisa-py")), $"pyvisa-py metrics: {string.Join(", ", MetricsOf(results, "pyvisa-py"))}; notes: {notes}");
        Assert.Contains(document.RootElement.GetProperty("targets").EnumerateArray(),
            t => t.GetProperty("target").GetString()!.Contains("openvisa / pyvisa-py") && t.TryGetProperty("met", out _));
    }

    [Fact]
    public async Task Perf_prints_a_table_with_ratios_targets_and_a_closing_note()
    {
        var (exit, output, error) = await RunAsync(["perf", "--transports", "socket", "--seconds", "0.05", "--rounds", "1", "--block-bytes", "4096", "--no-pyvisa-py", "--no-pin"]);

        Assert.True(exit == CliApp.Ok, $"ovisa perf exited {exit}: {error}");
        Assert.Contains("transport  client", output);
        Assert.Contains("openvisa/raw", output);
        Assert.Contains("targets:", output);
        Assert.Contains("socket server, OpenVisa clients:", output);
        Assert.Matches(@"(All \d+ measured targets met|\d+ of \d+ measured targets missed)", output);
        Assert.Contains("perf: round 1 of 1", error);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PerfIviLibrary.Variable)))
        {
            // No VISA library named: issue 13's clients are skipped with how to build one, never a failure of the run.
            Assert.Contains("note: ivi and pyvisa-ivi skipped: no VISA library given; build it with eng/build-libopenvisa.sh OUT", output);
            Assert.Contains("n/a    socket *IDN? round trips/s: ivi / openvisa ≥ 0.85: not measured", output);
        }
    }

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Task.Run(() => CliApp.Run(arguments, new CliContext(output, error, TextReader.Null))).WaitAsync(TimeSpan.FromMinutes(3));
        return (exit, output.ToString(), error.ToString());
    }

    private static List<(string Transport, string Client, string Metric, double Value)> Results(JsonElement root) =>
        [.. root.GetProperty("results").EnumerateArray().Select(r => (
            r.GetProperty("transport").GetString()!, r.GetProperty("client").GetString()!, r.GetProperty("metric").GetString()!, r.GetProperty("value").GetDouble()))];

    private static string[] MetricsOf(List<(string Transport, string Client, string Metric, double Value)> results, string client) =>
        [.. results.Where(r => r.Client == client).Select(r => r.Metric)];
}
