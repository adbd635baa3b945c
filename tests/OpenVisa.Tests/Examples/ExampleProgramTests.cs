using System.Globalization;
using OpenVisa.Tests.Packaging;

namespace OpenVisa.Tests.Examples;

/// <summary>
/// The programs in examples/ run as a user runs them (their built output, on the simulator) and do what their comments
/// promise. This project references them without their assemblies, so a test build builds them too; the xunit example
/// (examples/SimulatedTest) is in the solution and runs under dotnet test by itself.
/// </summary>
public sealed class ExampleProgramTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    private readonly string _scratch = Directory.CreateTempSubdirectory("openvisa-examples-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void QueryInstrument_asks_the_simulated_supply_who_it_is()
    {
        var run = Run("QueryInstrument");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("TCPIP0::sim-psu.local::inst0::INSTR answered *IDN? with: OpenVisa,SIM-PSU3,", run.Out);
    }

    [Fact]
    public void QueryInstrument_of_an_unknown_resource_exits_1_with_the_VISA_status_and_the_name()
    {
        var run = Run("QueryInstrument", "TCPIP0::no-such-psu::inst0::INSTR", "*IDN?", "@sim");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("VI_ERROR_", run.Error);
        Assert.Contains("no-such-psu", run.Error);
    }

    [Fact]
    public void ScopeWaveformToCsv_writes_every_point_of_the_simulated_sine()
    {
        var csv = Path.Combine(_scratch, "waveform.csv");
        var run = Run("ScopeWaveformToCsv", csv, "1");
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(csv);
        Assert.Equal("time_s,voltage_v", lines[0]);
        var points = lines.Skip(1).Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(1000, points.Count);
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second[0] > pair.First[0], "time goes forward"));
        // Channel 1 is a 1.5 V peak sine: the samples reach about ±1.5 V (byte codes quantise it).
        Assert.InRange(points.Max(p => p[1]), 1.3, 1.7);
        Assert.InRange(points.Min(p => p[1]), -1.7, -1.3);
        Assert.Contains($"1000 points of channel 1", run.Out);
    }

    [Fact]
    public void RecordReplay_replays_the_recorded_replies_and_refuses_what_was_not_recorded()
    {
        var session = Path.Combine(_scratch, "session.jsonl");
        var run = Run("RecordReplay", session);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("replayed without the instrument: OpenVisa,SIM-PSU3,", run.Out);
        Assert.Contains("a query the recording never saw fails: Replay of ", run.Out);
        Assert.Contains("diverged at operation #6", run.Out);
        Assert.StartsWith("{\"format\":\"openvisa-session\"", File.ReadLines(session).First());
    }

    [Fact]
    public void BenchMeasurementLoop_sweeps_the_supply_and_the_bench_safety_limit_refuses_5_8_V()
    {
        var run = Run("BenchMeasurementLoop");
        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.Out.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0]) && l.Contains(',')).ToList();
        Assert.Equal(["1.0", "2.0", "3.0", "4.0", "5.0"], rows.Select(r => r.Split(',')[0]));
        Assert.Contains("5.8 V refused:", run.Out);
        Assert.Contains("5.5", run.Out);
        Assert.Equal("", run.Error);
    }

    private static DotnetCommand Run(string example, params string[] args)
    {
        var assembly = Path.Combine(DotnetCommand.RepositoryRoot, "examples", example, "bin", DotnetCommand.Configuration, "net10.0", example + ".dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: the test build builds the examples (ProjectReference without the assembly).");
        return DotnetCommand.Run("dotnet", [assembly, .. args], Generous);
    }
}
