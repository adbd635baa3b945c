using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Benches;

public class BenchLoaderTests
{
    private const string Full = """
        bench_name: "Electronics Test Bench v2"
        description: Power-up checks
        version: "1.2"
        last_modified: 2025-03-01
        changelog:
          - first version
          - added the scope
        experiment:
          title: Regulator sweep
          operator: Ada
          date: 2025-03-01
          notes: room 4
          database_path: results.db
        simulate: true
        backend_defaults: {type: sim, timeout_ms: 10000}
        continue_on_instrument_error: true
        instruments:
          psu1:
            driver: test/supply
            address: "TCPIP0::192.168.1.5::INSTR"
            serial_number: MY123
            simulate: false
            backend: {type: managed, timeout_ms: 5000}
            backend_type_hint: ivi
            safety_limits:
              channels:
                1: {voltage: {max: 5.5}, current: {min: 0, max: 2.2}}
              voltage_all: {max: 30}
          psu2:
            profile: test/psu3
        traceability:
          calibration: {psu1: "2024-12-01"}
          environment: {temperature: 22.5}
        measurement_plan:
          - {name: ripple, instrument: psu1}
        """;

    [Fact]
    public void Every_PyTestLab_field_is_read()
    {
        var bench = BenchLoader.Parse(Full, "bench.yaml", TestDrivers.Catalog());
        Assert.Equal("Electronics Test Bench v2", bench.Name);
        Assert.Equal("1.2", bench.Version);
        Assert.Equal(["first version", "added the scope"], bench.Changelog);
        Assert.Equal(new BenchExperiment("Regulator sweep", null, "Ada", "2025-03-01", "room 4", "results.db"), bench.Experiment);
        Assert.Equal(new BenchSetting<bool>(true, 14), bench.Simulate);
        Assert.Equal(new BenchBackend("sim", 10000, 15), bench.BackendDefaults);
        Assert.True(bench.ContinueOnInstrumentError);
        var psu1 = bench.Instruments[0];
        Assert.Equal("psu1", psu1.Alias);
        Assert.Equal("test/supply", psu1.Driver);
        Assert.Equal("TCPIP0::192.168.1.5::INSTR", psu1.Address);
        Assert.Equal("MY123", psu1.SerialNumber);
        Assert.Equal(new BenchSetting<bool>(false, 22), psu1.Simulate);
        Assert.Equal(new BenchBackend("managed", 5000, 23), psu1.Backend);
        Assert.Equal("ivi", psu1.BackendTypeHint!.Value);
        Assert.Equal(
        [
            new BenchSafetyLimit("1", "voltage", null, 5.5, "instruments.psu1.safety_limits.channels.1.voltage", 27),
            new BenchSafetyLimit("1", "current", 0, 2.2, "instruments.psu1.safety_limits.channels.1.current", 27),
            new BenchSafetyLimit(null, "voltage_all", null, 30, "instruments.psu1.safety_limits.voltage_all", 28),
        ], psu1.SafetyLimits);
        Assert.Equal("test/psu3", bench.Instruments[1].Driver);
        Assert.NotNull(bench.Traceability);
        Assert.NotNull(bench.MeasurementPlan);
        Assert.Empty(bench.Warnings);
    }

    [Fact]
    public void A_lamb_backend_url_is_read_from_backend_and_backend_defaults()
    {
        var bench = BenchLoader.Parse("""
            bench_name: remote
            backend_defaults: {type: lamb, url: "http://lamb-server:8000"}
            instruments:
              scope:
                driver: test/supply
                address: "LAMB::DSOX1204G::INSTR"
                backend: {type: lamb, url: "http://127.0.0.1:8000", timeout_ms: 30000}
            """, "bench.yaml", TestDrivers.Catalog());
        Assert.Equal(new BenchBackend("lamb", null, 2, "http://lamb-server:8000"), bench.BackendDefaults);
        Assert.Equal(new BenchBackend("lamb", 30000, 7, "http://127.0.0.1:8000"), bench.Instruments[0].Backend);
        Assert.Empty(bench.Warnings);
    }

    [Theory]
    [InlineData("instruments: {a: {driver: test/supply}}", 1, "bench_name", "every bench needs a bench_name")]
    [InlineData("bench_name: x", 1, "instruments", "every bench needs instruments")]
    [InlineData("bench_name: x\ninstruments: {}", 2, "instruments", "the bench has no instruments")]
    [InlineData("bench_name: x\nsimulate: maybe\ninstruments: {a: {driver: test/supply}}", 2, "simulate", "expected true or false, found 'maybe'")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: nope/none", 4, "instruments.a.driver", "there is no driver 'nope/none'; known drivers: test/supply")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    address: TCPIP0::x::INSTR", 4, "instruments.a", "no driver: add driver: with one of test/supply")]
    [InlineData("bench_name: x\ninstruments:\n  my-psu: {driver: test/supply}", 3, "instruments.my-psu", "'my-psu' is not a valid instrument alias")]
    [InlineData("bench_name: x\ninstruments:\n  a: {driver: test/supply, adress: X}", 3, "instruments.a.adress", "unknown field 'adress'; did you mean 'address'?")]
    [InlineData("bench_name: x\nbench_nme: y\ninstruments: {a: {driver: test/supply}}", 2, "bench_nme", "did you mean 'bench_name'?")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    backend: {timeout_ms: -5}", 5, "instruments.a.backend.timeout_ms", "expected a whole number above 0, found '-5'")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    backend: {type: 'no good'}", 5, "instruments.a.backend.type", "'no good' is not a backend type")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    backend: {type: lamb, url: 'lab-pc 8000'}", 5, "instruments.a.backend.url", "'lab-pc 8000' is not an http or https URL")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    safety_limits: {channels: {1: {voltage: {max: high}}}}", 5, "instruments.a.safety_limits.channels.1.voltage.max", "expected a number, found 'high'")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    safety_limits: {voltage: {min: 5, max: 1}}", 5, "instruments.a.safety_limits.voltage", "min 5 is above max 1")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    safety_limits: {voltage: 5}", 5, "instruments.a.safety_limits.voltage", "expected min and/or max")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    profile: test/other", 5, "instruments.a.profile", "both driver 'test/supply' and profile 'test/other' are given")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    address: ''", 5, "instruments.a.address", "the address is empty")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    address: 'TCIP0::x::INSTR'", 5, "instruments.a.address", "Cannot parse 'TCIP0::x::INSTR': unknown interface type 'TCIP'; expected one of GPIB")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: test/supply\n    address: 'TCPIP0::h::inst0::SOCKT@managed'", 5, "instruments.a.address", "'TCPIP0::h::inst0::SOCKT'")]
    public void Errors_name_the_file_line_field_and_what_was_expected(string yaml, int line, string field, string message)
    {
        var e = Assert.Throws<BenchFileException>(() => BenchLoader.Parse(yaml, "bench.yaml", TestDrivers.Catalog()));
        var problem = Assert.Single(e.Problems, p => p.Severity == BenchSeverity.Error);
        Assert.Equal(line, problem.Line);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message);
        Assert.Contains($"bench.yaml:{line}:", e.Message);
        Assert.StartsWith("bench.yaml has 1 error:", e.Message);
    }

    [Fact]
    public void Simulator_lamb_and_visa_url_addresses_pass_and_an_alias_is_a_warning_naming_the_resource_name_to_write()
    {
        var bench = BenchLoader.Parse("""
            bench_name: x
            instruments:
              a: {driver: test/supply, address: "sim"}
              b: {driver: test/supply, address: "SIM::psu"}
              c: {driver: test/supply, address: "LAMB::DSOX1204G::INSTR"}
              d: {driver: test/supply, address: "GPIB0::5::INSTR@managed"}
              e: {driver: test/supply, address: "MyScope"}
            """, "bench.yaml", TestDrivers.Catalog());
        var warning = Assert.Single(bench.Warnings);
        Assert.Equal("instruments.e.address", warning.Field);
        Assert.Equal(7, warning.Line);
        Assert.Contains("'MyScope' is not a VISA resource name", warning.Message);
        Assert.Contains("e.g. TCPIP0::192.168.1.5::INSTR", warning.Message);
    }

    [Fact]
    public void Broken_YAML_and_a_non_mapping_file_are_reported_with_their_place()
    {
        var broken = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("bench_name: x\ninstruments: [a\n", "b.yaml", TestDrivers.Catalog()));
        Assert.Contains("this is not valid YAML", broken.Problems[0].Message);
        Assert.True(broken.Problems[0].Line >= 2);
        var list = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("- a\n- b\n", "b.yaml", TestDrivers.Catalog()));
        Assert.Contains("but this file holds a list", list.Problems[0].Message);
        var empty = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("", "b.yaml", TestDrivers.Catalog()));
        Assert.Contains("is empty", empty.Problems[0].Message);
    }

    [Fact]
    public void Several_errors_are_all_reported()
    {
        var e = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("simulate: 3\ninstruments: {a: {}, b: {driver: x}}", "b.yaml", TestDrivers.Catalog()));
        Assert.Equal(4, e.Problems.Count(p => p.Severity == BenchSeverity.Error));
    }

    [Fact]
    public void Hooks_and_expressions_are_never_run_only_reported()
    {
        var marker = Path.Combine(Path.GetTempPath(), "openvisa-hook-" + Guid.NewGuid().ToString("N"));
        var yaml = $$$"""
            bench_name: x
            instruments: {a: {driver: test/supply}}
            custom_validations: ["__import__('os').system('touch {{{marker}}}')"]
            automation:
              pre_experiment: ["touch {{{marker}}}", "a: output all OFF"]
            """;
        var bench = BenchLoader.Parse(yaml, "b.yaml", TestDrivers.Catalog());
        Assert.Contains(bench.Warnings, w => w.Field == "custom_validations" && w.Message.Contains("never evaluates expressions"));
        Assert.Contains(bench.Warnings, w => w.Field == "automation" && w.Message.Contains("runs no hooks or shell commands"));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_sim_profile_is_resolved_beside_the_bench_file_and_must_exist()
    {
        var folder = Directory.CreateTempSubdirectory("openvisa-bench-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "mine.yaml"), "simulation: {}");
            var path = Path.Combine(folder.FullName, "bench.yaml");
            var bench = BenchLoader.Parse("bench_name: x\ninstruments: {a: {driver: test/supply, sim_profile: mine.yaml}}", path, TestDrivers.Catalog());
            Assert.Equal(Path.Combine(folder.FullName, "mine.yaml"), bench.Instruments[0].SimProfile);
            var e = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("bench_name: x\ninstruments: {a: {driver: test/supply, sim_profile: gone.yaml}}", path, TestDrivers.Catalog()));
            Assert.Contains("does not exist", e.Problems[0].Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Check_returns_problems_without_throwing_and_Load_reads_files()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "bench_name: x\ninstruments: {a: {driver: test/supply}}\nautomation: {}\n");
        try
        {
            Assert.Equal("x", BenchLoader.Load(path, TestDrivers.Catalog()).Name);
            Assert.Equal(BenchSeverity.Warning, Assert.Single(BenchLoader.Check(path, TestDrivers.Catalog())).Severity);
            Assert.Contains("cannot be read", BenchLoader.Check(path + ".missing", TestDrivers.Catalog())[0].Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
