using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Perf;

namespace OpenVisa.Interop.Tests;

/// <summary>One tiny <c>ovisa perf --json</c> run over VXI-11, HiSLIP and the simulator, shared by the tests that read it.</summary>
public sealed class ThreeTransportRun
{
    public ThreeTransportRun()
    {
        var (exit, output, error) = PerfHarnessTests.RunAsync(
            ["perf", "--json", "--transports", "vxi11,hislip,sim", "--seconds", "0.05", "--rounds", "1", "--block-bytes", "65536", "--no-pyvisa-py"]).GetAwaiter().GetResult();
        Exit = exit;
        Error = error;
        Json = exit == CliApp.Ok ? JsonDocument.Parse(output).RootElement.Clone() : default;
    }

    public int Exit { get; }

    public string Error { get; }

    public JsonElement Json { get; }
}

/// <summary>
/// <c>ovisa perf</c> with the VXI-11, HiSLIP and simulator transports: the JSON shape and metric names for each (never the
/// timings), the simulator's profile, and the table's comparison with raw SOCKET.
/// </summary>
public sealed class PerfTransportsHarnessTests(ThreeTransportRun run) : IClassFixture<ThreeTransportRun>
{
    private static readonly string[] ServerMetrics = ["server_qps_1", "server_qps_8", "server_qps_64", "server_p99_us_64"];

    private static string[] PerClient => PerfLauncher.CanPin
        ? ["roundtrips_per_s", "roundtrips_per_s_1cpu", "cpu_us_per_query", "cpu_us_per_query_1cpu", "p50_us", "p99_us", "block_mb_per_s", "alloc_bytes_per_query"]
        : ["roundtrips_per_s", "cpu_us_per_query", "p50_us", "p99_us", "block_mb_per_s", "alloc_bytes_per_query"];

    [Theory]
    [InlineData("vxi11")]
    [InlineData("hislip")]
    public void A_wire_transport_has_every_figure_for_openvisa_and_its_own_raw_client(string transport)
    {
        var results = Results();

        Assert.Equal([.. PerClient, .. ServerMetrics], MetricsOf(results, transport, "openvisa"));
        Assert.Equal(PerClient, MetricsOf(results, transport, "raw"));
        Assert.Empty(MetricsOf(results, transport, "pyvisa-py"));
        Assert.All(results.Where(r => r.Transport == transport), r => Assert.True(double.IsFinite(r.Value) && r.Value >= 0, $"{r.Client} {r.Metric} = {r.Value}"));
        // Each protocol is held to its own raw client, not to raw SOCKET.
        Assert.Contains(Targets(), t => t.StartsWith($"{transport} ", StringComparison.Ordinal) && t.Contains("openvisa / raw", StringComparison.Ordinal));
    }

    [Fact]
    public void The_simulator_has_the_single_client_figures_and_its_rate_target()
    {
        var results = Results();

        Assert.Equal(PerClient, MetricsOf(results, "sim", "openvisa"));
        Assert.Equal(["openvisa"], results.Where(r => r.Transport == "sim").Select(r => r.Client).Distinct());
        Assert.Contains("sim in-process queries/s ≥ 1,000,000", Targets());
    }

    [Fact]
    public void Results_come_in_the_order_of_the_transports_asked_for()
    {
        Assert.Equal(["vxi11", "hislip", "sim"], Results().Select(r => r.Transport).Distinct());
        Assert.Equal(["vxi11", "hislip", "sim"], run.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("transport").GetString()).Distinct());
    }

    [Fact]
    public async Task The_sim_transport_writes_a_profile_that_serves_the_perf_device_and_removes_it_when_stopped()
    {
        var server = await new SimPerfTransport().StartServerAsync(new PerfDevice(70_000), new PerfServeOptions(), CancellationToken.None);
        var profile = server.Backend[..^"@sim".Length];
        try
        {
            Assert.EndsWith("@sim", server.Backend);
            Assert.Equal(SimPerfTransport.ResourceName, server.ResourceName);
            using var client = new OpenVisaPerfClient(server.Backend, server.ResourceName, TimeSpan.FromSeconds(10));
            client.Verify(70_000); // the identity, and the block byte for byte
            Assert.Equal(70_000, client.ReadBlock());
        }
        finally
        {
            await server.Stop!();
        }
        Assert.False(File.Exists(profile), $"{profile} was left behind");
    }

    [Fact]
    public void The_table_groups_each_transport_and_compares_vxi11_and_hislip_with_raw_socket()
    {
        PerfResult[] results =
        [
            new("socket", "openvisa", "roundtrips_per_s", 45_000), new("socket", "raw", "roundtrips_per_s", 50_000),
            new("vxi11", "openvisa", "roundtrips_per_s", 20_000), new("vxi11", "raw", "roundtrips_per_s", 25_000),
            new("hislip", "openvisa", "roundtrips_per_s", 40_000), new("hislip", "raw", "roundtrips_per_s", 50_000),
            new("sim", "openvisa", "roundtrips_per_s", 2_000_000),
        ];
        var report = new PerfReport(Machine(), results, PerfTargets.Evaluate(results, PerfTransports.All), []);
        var output = new StringWriter();

        PerfTable.Write(report, output);

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Matches(@"^vxi11\s+openvisa/raw\s+0\.8×$", Line(lines, "vxi11  ", "openvisa/raw"));
        Assert.Matches(@"^vxi11\s+openvisa/socket raw\s+0\.4×$", Line(lines, "vxi11  ", "openvisa/socket raw"));
        Assert.Matches(@"^vxi11\s+raw/socket raw\s+0\.5×$", Line(lines, "vxi11  ", "raw/socket raw"));
        Assert.Matches(@"^hislip\s+openvisa/socket raw\s+0\.8×$", Line(lines, "hislip ", "openvisa/socket raw"));
        Assert.DoesNotContain(lines, l => l.StartsWith("socket", StringComparison.Ordinal) && l.Contains("socket raw", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("sim", StringComparison.Ordinal) && l.Contains('/', StringComparison.Ordinal));
        // A blank line before each transport after the first.
        foreach (var transport in (string[])["vxi11", "hislip", "sim"])
        {
            var first = Array.FindIndex(lines, l => l.StartsWith(transport + " ", StringComparison.Ordinal));
            Assert.True(first > 0 && lines[first - 1].Length == 0, $"no blank line before {transport}:\n{output}");
        }
    }

    private static string Line(string[] lines, string transport, string client) =>
        lines.Single(l => l.StartsWith(transport, StringComparison.Ordinal) && l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1] == client);

    private static PerfMachine Machine() => new()
    {
        Os = "test", Cpu = "test", LogicalCpus = 2, MemoryGiB = 1, Runtime = "test", Ovisa = "test", Seconds = 0.25, Rounds = 1,
        BlockBytes = 16, LoadClients = PerfDefaults.LoadLevels, Date = "2026-01-01T00:00:00Z", LoadAverage = "0 before, 0 after",
    };

    private List<(string Transport, string Client, string Metric, double Value)> Results()
    {
        Assert.True(run.Exit == CliApp.Ok, $"ovisa perf exited {run.Exit}: {run.Error}");
        Assert.Empty(run.Json.GetProperty("notes").EnumerateArray()); // nothing was left out
        return [.. run.Json.GetProperty("results").EnumerateArray().Select(r => (
            r.GetProperty("transport").GetString()!, r.GetProperty("client").GetString()!, r.GetProperty("metric").GetString()!, r.GetProperty("value").GetDouble()))];
    }

    private string[] Targets() => [.. run.Json.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetString()!)];

    private static string[] MetricsOf(List<(string Transport, string Client, string Metric, double Value)> results, string transport, string client) =>
        [.. results.Where(r => r.Transport == transport && r.Client == client).Select(r => r.Metric)];
}
