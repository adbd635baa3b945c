using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers.Yaml;

/// <summary>
/// A YAML driver that declares an interface is checked against it when read: each thing missing or wrong is an error
/// with its line, column and field, saying what the interface needs. And what it builds is the interface.
/// </summary>
public sealed class YamlInterfaceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openvisa-yaml-interface-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Problems(string yaml)
    {
        var path = Path.Combine(_folder.FullName, "driver.yaml");
        File.WriteAllText(path, yaml);
        var problems = YamlDriverLoader.Check(path);
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.True(p.Line > 0 && p.Column > 0, p.ToString()));
        return string.Join("\n", problems);
    }

    private const string Load = """
        driver: acme/L1
        description: a load
        interface: IElectronicLoad
        parameters:
          mode: {type: str, get: "FUNC?", set: "FUNC {0}", mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT}}
          current: {get: "CURR?", set: "CURR {0}", unit: A}
          voltage: {get: "VOLT?", set: "VOLT {0}", unit: V}
          resistance: {get: "RES?", set: "RES {0}", unit: Ohm}
          power: {get: "POW?", set: "POW {0}", unit: W}
          input: {type: bool, get: "INP?", set: "INP {0}"}
          measured_voltage: {get: "MEAS:VOLT?", unit: V}
          measured_current: {get: "MEAS:CURR?", unit: A}
          measured_power: {get: "MEAS:POW?", unit: W}
        """;

    [Fact]
    public void A_complete_definition_builds_the_interface_class()
    {
        var path = Path.Combine(_folder.FullName, "load.yaml");
        File.WriteAllText(path, Load);
        var definition = YamlDriverLoader.Load(path);
        Assert.Equal(typeof(LoadMode), definition.Parameters.Single(p => p.Name == "mode").InterfaceType);
        var device = new FakeDevice();
        device.Values["FUNC"] = "VOLT";
        using var instrument = YamlInstrument.Create(definition, TestNames.Unique("l1"), FakeLibrary.Open(device));
        var load = Assert.IsType<YamlElectronicLoad>(instrument);
        Assert.Empty(InterfaceCheck.Check(load));
        Assert.Equal(LoadMode.ConstantVoltage, load.Mode.Get());
        load.Mode.Set(LoadMode.ConstantCurrent);
        Assert.Equal("FUNC CURR", device.Received[^1]);
        // The mapping names the modes the instrument has: another is refused, naming those it has.
        Assert.Contains("ConstantPower", Assert.ThrowsAny<Exception>(() => load.Mode.Set(LoadMode.ConstantPower)).Message);
        // Bool replies of 1/0 read as true/false even though the switch is sent as 1/0 here too.
        device.Values["INP"] = "1";
        Assert.True(load.Input.Get());
    }

    [Fact]
    public void A_missing_parameter_is_named_with_its_type_and_unit()
    {
        var text = Problems(Load.Replace("  measured_power: {get: \"MEAS:POW?\", unit: W}", ""));
        Assert.Contains("parameters.measured_power: IElectronicLoad needs the parameter 'measured_power' (float, unit W); add it under parameters:", text);
    }

    [Fact]
    public void A_wrong_unit_or_type_is_refused_saying_what_the_interface_requires()
    {
        var text = Problems(Load.Replace("unit: W}\n  input", "unit: kW}\n  input").Replace("input: {type: bool,", "input: {type: int,"));
        Assert.Contains("parameters.power.unit: IElectronicLoad requires unit 'W' for 'power', not 'kW'", text);
        Assert.Contains("parameters.input.type: IElectronicLoad needs 'input' as bool (type: bool), not int", text);
        text = Problems(Load.Replace("input: {type: bool, get: \"INP?\", set: \"INP {0}\"}", "input: {type: bool, get: \"INP?\", set: \"INP {0}\", unit: V}"));
        Assert.Contains("parameters.input.unit: IElectronicLoad requires 'input' without a unit, not 'V'", text);
    }

    [Fact]
    public void An_enum_parameter_needs_a_mapping_from_the_enum_names()
    {
        var text = Problems(Load.Replace("mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT}", "mapping: {ConstantCurrent: CURR, Constant: VOLT}"));
        Assert.Contains("parameters.mode.mapping.Constant: 'Constant' is not a LoadMode; use one of ConstantCurrent, ConstantVoltage, ConstantResistance, ConstantPower", text);
        text = Problems(Load.Replace(", mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT}", ""));
        Assert.Contains("parameters.mode.type: IElectronicLoad needs 'mode' as a LoadMode: type: str with mapping: from LoadMode values (ConstantCurrent, ConstantVoltage, ConstantResistance, ConstantPower) to the instrument's tokens", text);
    }

    [Fact]
    public void Replies_must_name_mapped_values()
    {
        var text = Problems(Load.Replace("mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT}", "mapping: {ConstantCurrent: CURR, ConstantVoltage: VOLT}, replies: {CC: ConstantCurrent, CP: ConstantPower}"));
        Assert.Contains("parameters.mode.replies.CP: the reply 'CP' stands for 'ConstantPower', which is not a value of the mapping (ConstantCurrent, ConstantVoltage)", text);
        text = Problems(Load.Replace("  current: {get: \"CURR?\", set: \"CURR {0}\", unit: A}", "  current: {get: \"CURR?\", set: \"CURR {0}\", unit: A}\n  label_text: {type: str, get: \"LAB?\", replies: {X: y}}"));
        Assert.Contains("parameters.label_text.replies: replies: adds answers to a mapping: give mapping: too", text);
    }

    [Fact]
    public void A_channelled_interface_needs_a_channel_list_with_its_parameters()
    {
        var text = Problems("driver: acme/P\ndescription: p\ninterface: IPowerSupply\nparameters: {v: {get: 'V?'}}\n");
        Assert.Contains("channels: IPowerSupply needs channels: a channel list (its first) whose channels each have 'voltage' (float, unit V), 'current' (float, unit A), 'output' (bool), 'measured_voltage' (float, unit V), 'measured_current' (float, unit A)", text);
        text = Problems("""
            driver: acme/P
            description: p
            interface: IPowerSupply
            channels:
              outputs:
                ids: [1, 2]
                parameters:
                  voltage: {get: "VOLT? (@{channel})", set: "VOLT {0},(@{channel})", unit: V}
                  current: {get: "CURR? (@{channel})", set: "CURR {0},(@{channel})", unit: A}
                  output: {type: bool, get: "OUTP? (@{channel})", set: "OUTP {0},(@{channel})"}
                  measured_voltage: {get: "MEAS:VOLT? (@{channel})", unit: V}
            """);
        Assert.Contains("channels.outputs.parameters.measured_current: IPowerSupply needs the parameter 'measured_current' (float, unit A); add it under channels.outputs.parameters:", text);
    }

    [Fact]
    public void Methods_need_their_query_functions()
    {
        const string meter = """
            driver: acme/M
            description: m
            interface: IMultimeter
            parameters:
              function: {type: str, get: "FUNC?", set: "FUNC {0}", mapping: {DcVoltage: VOLT}}
              nplc: {get: "NPLC?", set: "NPLC {0}"}
              autorange: {type: bool, get: "RANG:AUTO?", set: "RANG:AUTO {0}"}
              voltage: {get: "MEAS:VOLT?", unit: V}
              current: {get: "MEAS:CURR?", unit: A}
              resistance: {get: "MEAS:RES?", unit: Ohm}
            functions:
              read: "INIT"
            """;
        var text = Problems(meter);
        Assert.Contains("functions.read: IMultimeter reads the reply of 'read', so its command must be a query (end in ?), not 'INIT'", text);
        Assert.Contains("functions.measure_dc_voltage: IMultimeter needs the function 'measure_dc_voltage' for Measure(DcVoltage); Measure(f) calls measure_<f in snake case>; add it under functions:, e.g. measure_dc_voltage: \"MEAS:VOLT:DC?\"", text);
    }

    [Fact]
    public void An_interface_that_needs_code_is_refused_saying_why()
    {
        var text = Problems("driver: acme/S\ndescription: s\ninterface: IOscilloscope\nparameters: {v: {get: 'V?'}}\n");
        Assert.Contains("interface: 'IOscilloscope' cannot be implemented in YAML: reading a waveform means decoding a binary block and scaling it by the preamble; write the driver in C#", text);
    }

    [Fact]
    public void Channel_variables_are_checked_and_bound_each_channels_validator()
    {
        var text = Problems("""
            driver: acme/V
            description: v
            channels:
              outs:
                ids: [1, 2]
                variables: {vmax: [6], input: [A, B]}
                parameters:
                  voltage: {get: "VOLT? {channel}", set: "VOLT {channel},{0}", validator: {min: 0, max: "{vmax}"}}
                  limit: {get: "LIM? {channel}", set: "LIM {channel},{0}", validator: {min: 0, max: "{input}"}}
                  gain: {type: int, get: "GAIN?", validator: {min: 0, max: "{input}"}}
            parameters:
              top: {get: "TOP?", set: "TOP {0}", validator: {max: "{vmax}"}}
            """);
        Assert.Contains("channels.outs.variables.vmax: the variable vmax has 1 value(s) but the list has 2 channel id(s); give one value per id, in the same order", text);
        Assert.Contains("channels.outs.parameters.voltage.validator: the bound {vmax} names no variable of the list", text);
        Assert.Contains("channels.outs.variables.input: 'A' is not a number, but {input} bounds the validator of limit", text);
        Assert.Contains("channels.outs.parameters.gain.validator.max: a bound from a channel variable ({input}) applies to float parameters with min/max only", text);
        Assert.Contains("parameters.top.validator: a bound written {name} is a channel-list variable", text);
    }

    [Fact]
    public async Task A_reply_that_is_not_a_number_names_the_function_and_the_reply()
    {
        var path = Path.Combine(_folder.FullName, "lcr.yaml");
        File.WriteAllText(path, """
            driver: acme/LCR
            description: lcr
            interface: ILcrMeter
            parameters:
              function: {type: str, get: "FUNC?", set: "FUNC {0}", mapping: {CpD: CPD}}
              frequency: {get: "FREQ?", set: "FREQ {0}", unit: Hz}
              voltage_level: {get: "VOLT?", set: "VOLT {0}", unit: V}
            functions:
              measure: "FETC?"
            """);
        var device = new FakeDevice();
        device.Handlers["FETC?"] = _ => "+1.0E-09,OVLD";
        using var instrument = YamlInstrument.Create(YamlDriverLoader.Load(path), TestNames.Unique("lcr"), FakeLibrary.Open(device));
        var lcr = Assert.IsAssignableFrom<ILcrMeter>(instrument);
        var e = Assert.Throws<FormatException>(lcr.Measure);
        Assert.Contains("the reply '+1.0E-09,OVLD' to the function 'measure' is not 2 comma-separated numbers; check the function's command in the driver file", e.Message);
        device.Handlers["FETC?"] = _ => "+1.0E-09,+2.0E-03,+1";
        var reading = await lcr.MeasureAsync();
        Assert.Equal(1e-9, reading.Primary);
        Assert.False(reading.IsValid);
    }
}
