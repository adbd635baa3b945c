using System.Text.Json.Nodes;
using OpenVisa.Cli;

namespace OpenVisa.Instruments.Tests.Cli;

/// <summary>The example bench, opened on the drivers' simulation profiles, as the "done" line runs it.</summary>
public sealed class BenchSimulatedCommandTests
{
    private static string Example => Path.Combine(AppContext.BaseDirectory, "examples", "bench.yaml");

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Snapshot_with_simulate_prints_a_full_snapshot_of_every_driver()
    {
        var (code, output, error) = Run("bench", "snapshot", Example, "--simulate");
        Assert.Equal(0, code);
        var snapshot = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["instruments", "parameters", "components", "config"], snapshot.Select(p => p.Key));
        var instruments = snapshot["instruments"]!.AsObject();
        Assert.Equal(["psu", "dmm", "scope", "awg", "smu", "load"], instruments.Select(p => p.Key));
        foreach (var (alias, node) in instruments)
        {
            var instrument = node!.AsObject();
            Assert.Equal(alias, (string?)instrument["name"]);
            foreach (var key in new[] { "functions", "submodules", "__class__", "parameters", "label", "address", "timeout" })
                Assert.True(instrument.ContainsKey(key), $"{alias} has no {key}");
            Assert.NotNull(instrument["parameters"]!["IDN"]!["value"]!["model"]);
            Assert.True((bool?)snapshot["config"]!["backends"]![alias]!["spec"]!.GetValue<string>().EndsWith("@sim"));
        }
        var voltage = instruments["psu"]!["submodules"]!["ch1"]!["parameters"]!["voltage"]!.AsObject();
        Assert.Equal(["__class__", "full_name", "value", "raw_value", "ts", "instrument", "instrument_name", "inter_delay", "post_delay", "name", "label", "unit",
            "validators", "vals", "safety_limits"], voltage.Select(p => p.Key));
        Assert.Equal(5.5, (double?)voltage["safety_limits"]!["max"]);
        Assert.Equal("Sine", (string?)instruments["awg"]!["submodules"]!["ch2"]!["parameters"]!["function"]!["value"]);
        Assert.Equal(1000, (int?)instruments["scope"]!["parameters"]!["waveform_points"]!["value"]);
        Assert.Equal("LDO line and load regulation", (string?)snapshot["config"]!["experiment"]!["title"]);
        Assert.Contains("info: smu: backend ", error);
        Assert.Contains("because the run asked for simulation (--simulate)", error);
        Assert.DoesNotContain("error:", error);
        Assert.DoesNotContain("could not be read", error);
        Assert.Empty(Instrument.RegisteredNames.Intersect(["psu", "dmm", "scope", "awg", "smu", "load"]));
    }

    [Fact]
    public void Open_with_simulate_prints_each_instrument_and_warns_about_present_values_outside_limits()
    {
        var (code, output, error) = Run("bench", "open", Example, "--simulate");
        Assert.Equal(0, code);
        Assert.Contains("Bench: Regulator characterisation bench", output);
        Assert.Contains("dmm: keysight/34461A, Keysight Technologies 34461A (serial:MY53220461", output);
        Assert.Contains("safety limit channel 1 voltage: v <= 5.5", output);
        Assert.Contains("psu_ch1:", output);
        Assert.Contains("warning: psu_ch1_current is 10 A now, outside the bench's safety limit: it is above the safety limit: at most 1 A is allowed (from bench.yaml line 40).", error);
        Assert.Single(error.Split('\n'), l => l.StartsWith("warning: psu_ch1_current", StringComparison.Ordinal));
    }
}
