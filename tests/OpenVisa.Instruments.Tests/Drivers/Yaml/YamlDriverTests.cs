using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers.Yaml;

/// <summary>Drivers described in YAML: loading, every error located, and the instrument they build.</summary>
public sealed class YamlDriverTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openvisa-yaml-driver-");

    public void Dispose() => _folder.Delete(recursive: true);

    internal const string TwoOutputSupply = """
        driver: acme/PS2
        description: Acme two-output supply
        aliases: [acme/PS2A]
        interface: IPowerSupply
        parameters:
          display:
            type: str
            set: "DISP:TEXT {0}"
            quoted: true
            validator: {max_length: 12}
        functions:
          beep:
            command: "SYST:BEEP {0}"
            args: [{min: 100, max: 5000}]
        channels:
          outputs:
            ids: [1, 2]
            name: out{channel}
            parameters:
              voltage: {get: "VOLT? (@{channel})", set: "VOLT {0},(@{channel})", unit: V, label: Voltage, validator: {min: 0, max: 30}, step: 1}
              current: {get: "CURR? (@{channel})", set: "CURR {0},(@{channel})", unit: A, validator: {min: 0, max: 2}}
              output: {type: bool, get: "OUTP? (@{channel})", set: "OUTP {0},(@{channel})", mapping: {true: "ON", false: "OFF"}}
              measured_voltage: {get: "MEAS:VOLT? (@{channel})", unit: V}
              measured_current: {get: "MEAS:CURR? (@{channel})", unit: A}
            functions:
              clear: "OUTP:PROT:CLE (@{channel})"
        """;

    private string Write(string yaml, string name = "driver.yaml")
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_driver_file_builds_an_instrument_with_channels_parameters_and_functions()
    {
        var definition = YamlDriverLoader.Load(Write(TwoOutputSupply));
        Assert.Equal("acme/PS2", definition.Key);
        Assert.Equal("IPowerSupply", definition.Interface);
        var device = new FakeDevice();
        using var psu = new YamlInstrument(definition, TestNames.Unique("psu"), FakeLibrary.Open(device));
        var outputs = psu.ChannelList("outputs");
        Assert.Equal(["out1", "out2"], outputs.Select(c => c.Name));
        var volt2 = outputs[1].Parameter<double>("voltage");
        device.Values["VOLT (@2)"] = "0";
        Assert.Equal("V", volt2.Unit);
        Assert.Equal(1.0, volt2.Step);
        volt2.Set(5);
        Assert.Equal("VOLT 5,(@2)", device.Received[^1]);
        outputs.Set(c => c.Parameter<bool>("output"), true);
        Assert.Equal(["OUTP ON,(@1)", "OUTP ON,(@2)"], device.Received.TakeLast(2));
        outputs.Call("clear");
        Assert.Equal(["OUTP:PROT:CLE (@1)", "OUTP:PROT:CLE (@2)"], device.Received.TakeLast(2));
        psu.Parameter<string>("display").Set("say \"hi\"");
        Assert.Equal("DISP:TEXT \"say \"\"hi\"\"\"", device.Received[^1]);
        psu.Call("beep", 440);
        Assert.Equal("SYST:BEEP 440", device.Received[^1]);
        Assert.Throws<ValidationException>(() => psu.Call("beep", 50));
        Assert.Throws<ValidationException>(() => volt2.Set(31));
        Assert.Contains("holds string values, not int", Assert.Throws<InvalidCastException>(() => psu.Parameter<int>("display")).Message);
        var snapshot = psu.Snapshot(SnapshotUpdate.Never);
        Assert.NotNull(snapshot["submodules"]!["out1"]!["parameters"]!["voltage"]);
    }

    [Fact]
    public void A_yaml_driver_runs_against_its_simulation_profile()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "dl3021_sim.yaml"), SimulationProfiles.Text("rigol_dl3021.yaml"));
        var path = Write("""
            driver: rigol/DL3021-yaml
            description: Rigol DL3021 DC electronic load, described in YAML
            interface: IElectronicLoad
            simulation:
              profile: dl3021_sim.yaml
              address: TCPIP0::sim-dl3021::inst0::INSTR
            parameters:
              mode:
                type: str
                get: ":SOUR:FUNC?"
                set: ":SOUR:FUNC {0}"
                mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT, ConstantResistance: RES, ConstantPower: POW}
                replies: {CC: ConstantCurrent, CV: ConstantVoltage, CR: ConstantResistance, CP: ConstantPower}
              current: {get: ":SOUR:CURR?", set: ":SOUR:CURR {0}", unit: A, validator: {min: 0, max: 40}}
              voltage: {get: ":SOUR:VOLT?", set: ":SOUR:VOLT {0}", unit: V, validator: {min: 0, max: 150}}
              resistance: {get: ":SOUR:RES?", set: ":SOUR:RES {0}", unit: Ohm, validator: {min: 0.05, max: 15000}}
              power: {get: ":SOUR:POW?", set: ":SOUR:POW {0}", unit: W, validator: {min: 0, max: 200}}
              input: {type: bool, get: ":INP?", set: ":INP {0}", mapping: {true: "ON", false: "OFF"}}
              measured_current: {get: ":MEAS:CURR?", unit: A}
              measured_voltage: {get: ":MEAS:VOLT?", unit: V}
              measured_power: {get: ":MEAS:POW?", unit: W}
            """);
        var driver = YamlDriver.Load(path);
        Assert.Equal(Path.Combine(_folder.FullName, "dl3021_sim.yaml"), driver.SimulationProfilePath());
        var manager = new ResourceManager(driver.SimulationProfilePath() + "@sim");
        var resource = manager.Open<MessageBasedResource>(driver.SimulationAddress!);
        using var load = (YamlInstrument)driver.Create(TestNames.Unique("load"), resource, null);
        load.OwnManager(manager);
        // Declared IElectronicLoad, the YAML driver is one: the mode reads back through replies: (CC, CV ...).
        var asLoad = Assert.IsAssignableFrom<IElectronicLoad>(load);
        Assert.Empty(InterfaceCheck.Check(load));
        Assert.Empty(InterfaceCheck.CheckAgainstInstrument(load));
        asLoad.Mode.Set(LoadMode.ConstantResistance);
        Assert.Equal(LoadMode.ConstantResistance, asLoad.Mode.Get());
        asLoad.Mode.Set(LoadMode.ConstantCurrent);
        load.Parameter<double>("current").Set(2);
        load.Parameter<bool>("input").Set(true);
        Assert.True(load.Parameter<bool>("input").Get());
        Assert.Equal(2.0, load.Parameter<double>("measured_current").Get(), 6);
        Assert.Equal(11.8, load.Parameter<double>("measured_voltage").Get(), 6);
        var json = SnapshotJson.ToJsonString(load.Snapshot(SnapshotUpdate.All));
        Assert.Contains("\"measured_voltage\"", json);
        Assert.Contains("\"value\": 11.8", json);
    }

    [Fact]
    public void Every_error_is_reported_with_its_line_column_and_field()
    {
        var path = Write("""
            driver: acme/PS9
            description: broken on purpose
            parameters:
              voltage: {get: "VOLT?", set: "VOLT", unit: V}
              current: {type: number2}
              level: {get: "LEV?", validator: {min: 5, max: 1}}
              mode: {type: int, mapping: {a: "A"}}
              colour: {get: "COL?", stepp: 1}
            functions:
              beep: {command: "BEEP", args: [{min: 1, max: 2}]}
            """);
        var problems = YamlDriverLoader.Check(path);
        var text = string.Join("\n", problems);
        Assert.Contains($"{path}:4:", text);
        Assert.Contains("parameters.voltage.set: the set command 'VOLT' has no {0} for the value", text);
        Assert.Contains($"{path}:5:", text);
        Assert.Contains("parameters.current.type: 'number2' is not a parameter type; use float, int, bool or str", text);
        Assert.Contains("parameters.level.validator.min: the minimum 5 is above the maximum 1", text);
        Assert.Contains("parameters.mode.mapping: a mapping turns bool or str values into instrument tokens", text);
        Assert.Contains("parameters.colour.stepp: unknown field 'stepp'; did you mean 'step'?", text);
        Assert.Contains("functions.beep.command: the command 'BEEP' has no {0} for argument 0", text);
        Assert.All(problems, p => Assert.True(p.Line > 0 && p.Column > 0, p.ToString()));
        var e = Assert.Throws<DriverFileException>(() => YamlDriverLoader.Load(path));
        Assert.Contains("has 6 error(s)", e.Message);
    }

    [Theory]
    [InlineData("description: no key\nparameters: {a: {get: 'A?'}}\n", "every driver file needs driver: its key, vendor/model")]
    [InlineData("driver: acme\ndescription: x\nparameters: {a: {get: 'A?'}}\n", "'acme' is not a driver key; write vendor/model")]
    [InlineData("driver: acme/X\ndescription: x\n", "the driver has no parameters, channels or functions")]
    [InlineData("driver: acme/X\ndescription: x\ninterface: IToaster\nparameters: {a: {get: 'A?'}}\n", "'IToaster' is not an instrument interface; known: IPowerSupply")]
    [InlineData("driver: acme/X\ndescription: x\nsimulation: {profile: nope.yaml, address: 'TCPIP0::x::INSTR'}\nparameters: {a: {get: 'A?'}}\n", "nope.yaml' does not exist")]
    [InlineData("driver: acme/X\ndescription: x\nchannels: {outs: {ids: [1, 1], parameters: {v: {get: 'V?'}}}}\n", "the ids repeat")]
    [InlineData("driver: acme/X\ndescription: x\nchannels: {outs: {ids: [1], name: '{channel}', parameters: {v: {get: 'V?'}}}}\n", "the channel name '1' (for id 1) is not a valid name")]
    [InlineData("- just\n- a list\n", "a driver file is a mapping with driver, description and parameters, but this file holds a list")]
    [InlineData("driver: [unclosed\n", "this is not valid YAML")]
    public void Driver_file_errors_say_what_to_write(string yaml, string expected)
    {
        var problems = YamlDriverLoader.Check(Write(yaml));
        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal) && p.Severity == BenchSeverity.Error);
    }

    [Fact]
    public void A_missing_driver_file_is_one_located_problem()
    {
        var problems = YamlDriverLoader.Check(Path.Combine(_folder.FullName, "absent.yaml"));
        Assert.Single(problems);
        Assert.Contains("the file cannot be read", problems[0].Message);
    }
}
