using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Tests.Drivers.Yaml;

namespace OpenVisa.Instruments.Tests.Cli;

/// <summary>'ovisa driver check/list' and bench files that name YAML drivers.</summary>
public sealed class DriverCommandTests : IDisposable
{
    private const string LoadDriver = """
        driver: rigol/DL3021-yaml
        description: Rigol DL3021 DC electronic load, described in YAML
        interface: IElectronicLoad
        simulation:
          profile: dl3021_sim.yaml
          address: TCPIP0::sim-dl3021::inst0::INSTR
        parameters:
          mode: {type: str, get: ":SOUR:FUNC?", set: ":SOUR:FUNC {0}", mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT, ConstantResistance: RES, ConstantPower: POW}, replies: {CC: ConstantCurrent, CV: ConstantVoltage, CR: ConstantResistance, CP: ConstantPower}}
          current: {get: ":SOUR:CURR?", set: ":SOUR:CURR {0}", unit: A, validator: {min: 0, max: 40}}
          voltage: {get: ":SOUR:VOLT?", set: ":SOUR:VOLT {0}", unit: V, validator: {min: 0, max: 150}}
          resistance: {get: ":SOUR:RES?", set: ":SOUR:RES {0}", unit: Ohm, validator: {min: 0.05, max: 15000}}
          power: {get: ":SOUR:POW?", set: ":SOUR:POW {0}", unit: W, validator: {min: 0, max: 200}}
          input: {type: bool, get: ":INP?", set: ":INP {0}", mapping: {true: "ON", false: "OFF"}}
          measured_voltage: {get: ":MEAS:VOLT?", unit: V}
          measured_current: {get: ":MEAS:CURR?", unit: A}
          measured_power: {get: ":MEAS:POW?", unit: W}
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openvisa-driver-cli-");

    public DriverCommandTests() =>
        File.WriteAllText(Path.Combine(_folder.FullName, "dl3021_sim.yaml"), SimulationProfiles.Text("rigol_dl3021.yaml"));

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Driver_check_describes_a_valid_file_and_exits_0()
    {
        var path = Write("psu.yaml", YamlDriverTests.TwoOutputSupply);
        var (code, output, error) = Run("driver", "check", path);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("driver acme/PS2 (Acme two-output supply), valid: 11 parameters, 2 channels, 1 function, declares IPowerSupply, no simulation profile", output);
    }

    [Fact]
    public void Driver_check_prints_each_problem_with_line_and_column_and_exits_2()
    {
        var path = Write("bad.yaml", "driver: acme/X\ndescription: x\nparameters:\n  v: {get: 'V?', unit: V, lable: Volts}\n");
        var (code, output, error) = Run("driver", "check", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}:4:", error);
        Assert.Contains("unknown field 'lable'; did you mean 'label'?", error);
        Assert.Contains("1 error(s)", output);
        var json = Run("--json", "driver", "check", path);
        using var document = JsonDocument.Parse(json.Out);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        var problem = document.RootElement.GetProperty("files")[0].GetProperty("problems")[0];
        Assert.Equal(4, problem.GetProperty("line").GetInt32());
        Assert.Equal("parameters.v.lable", problem.GetProperty("field").GetString());
    }

    [Fact]
    public void Driver_list_shows_csharp_and_yaml_drivers_with_their_interfaces()
    {
        var path = Write("load.yaml", LoadDriver);
        var (code, output, _) = Run("driver", "list", path);
        Assert.Equal(0, code);
        Assert.Matches(@"keysight/E36313A\s+C#\s+IPowerSupply", output);
        Assert.Matches(@"rigol/DL3021-yaml\s+YAML\s+IElectronicLoad", output);
        Assert.Matches(@"rigol/DSA815\s+C#\s+ISpectrumAnalyzer", output);
        var json = Run("--json", "driver", "list", path);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.GetProperty("drivers").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("key").GetString() == "rigol/DL3021-yaml" && r.GetProperty("kind").GetString() == "YAML");
        Assert.Contains(rows, r => r.GetProperty("key").GetString() == "keithley/2400" && r.GetProperty("interface").GetString() == "ISourceMeter");
    }

    [Fact]
    public void A_bench_snapshot_of_a_bench_with_a_yaml_driver_works()
    {
        Write("load.yaml", LoadDriver);
        var bench = Write("bench.yaml", """
            bench_name: yaml bench
            simulate: true
            instruments:
              load:
                driver: load.yaml
            """);
        var (code, output, error) = Run("bench", "snapshot", bench);
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var load = document.RootElement.GetProperty("instruments").GetProperty("load");
        Assert.Equal(12.0, load.GetProperty("parameters").GetProperty("measured_voltage").GetProperty("value").GetDouble(), 2);
        Assert.Equal("OpenVisa.Instruments.Drivers.Yaml.YamlElectronicLoad", load.GetProperty("__class__").GetString());
    }

    [Fact]
    public void Driver_list_marks_the_yaml_drivers_shipped_in_the_library()
    {
        var (code, output, _) = Run("driver", "list");
        Assert.Equal(0, code);
        Assert.Matches(@"rigol/DP832\s+YAML\s+IPowerSupply", output);
        Assert.Matches(@"lakeshore/336\s+YAML\s+ITemperatureController", output);
        Assert.Matches(@"keysight/E4980A\s+YAML\s+ILcrMeter", output);
        Assert.Matches(@"keysight/34465A\s+C#\s+IMultimeter", output);
        var json = Run("--json", "driver", "list");
        using var document = JsonDocument.Parse(json.Out);
        var dp832 = document.RootElement.GetProperty("drivers").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "rigol/DP832");
        Assert.Equal("rigol_dp832.yaml", dp832.GetProperty("simulationProfile").GetString());
        Assert.False(dp832.TryGetProperty("file", out var file) && file.ValueKind != JsonValueKind.Null, "a library driver has no file");
    }

    [Fact]
    public void Driver_list_check_runs_each_drivers_interface_check_on_its_profile()
    {
        // A driver whose get command its profile answers with something else (a mode, not watts) fails the check, naming the parameter.
        var broken = Write("broken-load.yaml", LoadDriver.Replace("rigol/DL3021-yaml", "rigol/DL3021-broken").Replace("measured_power: {get: \":MEAS:POW?\"", "measured_power: {get: \":SOUR:FUNC?\""));
        var (code, output, error) = Run("driver", "list", "--check", broken);
        Assert.True(code == 0, error);
        Assert.Matches(@"rigol/DP832\s+YAML\s+IPowerSupply\s+passes", output);
        Assert.Matches(@"keysight/34465A\s+C#\s+IMultimeter\s+passes", output);
        Assert.Matches(@"rigol/DL3021-broken\s+YAML\s+IElectronicLoad\s+fails", output);
        Assert.Contains("reading IElectronicLoad.MeasuredPower", output);
        var json = Run("--json", "driver", "list", "--check", broken);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.GetProperty("drivers").EnumerateArray().ToList();
        Assert.All(rows.Where(r => r.GetProperty("key").GetString() != "rigol/DL3021-broken"), r => Assert.Equal("passes", r.GetProperty("check").GetProperty("result").GetString()));
    }

    [Fact]
    public void A_bench_snapshot_of_a_bench_with_library_yaml_drivers_works()
    {
        // Names no other test class uses: the instrument registry is process-wide and test classes run in parallel.
        var bench = Write("library-bench.yaml", """
            bench_name: yaml library bench
            simulate: true
            instruments:
              library_psu:
                driver: rigol/DP832
              library_tc:
                driver: lakeshore/336
              library_lcr:
                driver: keysight/E4980A
            """);
        var (code, output, error) = Run("bench", "snapshot", bench);
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var instruments = document.RootElement.GetProperty("instruments");
        var psu = instruments.GetProperty("library_psu");
        Assert.Equal("OpenVisa.Instruments.Drivers.Yaml.YamlPowerSupply", psu.GetProperty("__class__").GetString());
        Assert.Equal(0.0, psu.GetProperty("submodules").GetProperty("ch1").GetProperty("parameters").GetProperty("voltage").GetProperty("value").GetDouble());
        var loop1 = instruments.GetProperty("library_tc").GetProperty("submodules").GetProperty("loop1").GetProperty("parameters");
        Assert.Equal("Off", loop1.GetProperty("heater_range").GetProperty("value").GetString());
        Assert.Equal(4.2, loop1.GetProperty("temperature").GetProperty("value").GetDouble(), 3);
        Assert.Equal("CpD", instruments.GetProperty("library_lcr").GetProperty("parameters").GetProperty("function").GetProperty("value").GetString());
    }

    [Fact]
    public void A_bench_naming_a_broken_yaml_driver_reports_the_driver_files_error()
    {
        Write("broken.yaml", "driver: acme/X\ndescription: x\nparameters: {v: {type: flot}}\n");
        var bench = Write("bench2.yaml", """
            bench_name: broken driver
            instruments:
              thing:
                driver: broken.yaml
                address: "TCPIP0::127.0.0.1::INSTR"
            """);
        var (code, _, error) = Run("bench", "check", bench);
        Assert.Equal(2, code);
        Assert.Contains("instruments.thing.driver: the driver file has an error: ", error);
        Assert.Contains("'flot' is not a parameter type", error);
    }
}
