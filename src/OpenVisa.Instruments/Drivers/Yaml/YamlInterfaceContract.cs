using System.Reflection;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Interfaces;
using YamlDotNet.RepresentationModel;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>A function a YAML driver must declare for its interface's methods.</summary>
/// <param name="Name">The function's name in the driver file.</param>
/// <param name="Purpose">What the interface uses it for, for messages.</param>
/// <param name="Example">An example declaration, for messages.</param>
internal sealed record RequiredFunction(string Name, string Purpose, string Example);

/// <summary>
/// How a YAML driver implements one C# instrument interface: the interface's parameters (by the names and units of
/// their <see cref="ParameterSpecAttribute"/>) come from the driver's parameters of those names, a channelled
/// interface's channels from the driver's first channel list, and its methods from the functions listed in
/// <see cref="Functions"/>. <see cref="Apply"/> checks a definition against it when the file is read, so that a driver
/// that cannot be the interface is refused with file, line and what is missing, before anything opens.
/// </summary>
internal sealed record YamlInterfaceContract(
    Type Interface,
    Type? ChannelInterface,
    Type InstrumentType,
    Func<YamlDriverDefinition, string, MessageBasedResource?, InstrumentOptions?, YamlInstrument> Create,
    IReadOnlyList<RequiredFunction> Functions)
{
    private static readonly YamlInterfaceContract[] All =
    [
        new(typeof(IPowerSupply), typeof(IPowerSupplyChannel), typeof(YamlPowerSupply), (d, n, r, o) => new YamlPowerSupply(d, n, r, o), []),
        new(typeof(IMultimeter), null, typeof(YamlMultimeter), (d, n, r, o) => new YamlMultimeter(d, n, r, o),
        [
            new("read", "Read(): a reading with the present settings", "read: \"READ?\""),
            new("measure_dc_voltage", "Measure(DcVoltage); Measure(f) calls measure_<f in snake case>", "measure_dc_voltage: \"MEAS:VOLT:DC?\""),
        ]),
        new(typeof(IElectronicLoad), null, typeof(YamlElectronicLoad), (d, n, r, o) => new YamlElectronicLoad(d, n, r, o), []),
        new(typeof(ISourceMeter), null, typeof(YamlSourceMeter), (d, n, r, o) => new YamlSourceMeter(d, n, r, o), []),
        new(typeof(IWaveformGenerator), typeof(IWaveformGeneratorChannel), typeof(YamlWaveformGenerator), (d, n, r, o) => new YamlWaveformGenerator(d, n, r, o), []),
        new(typeof(ILcrMeter), null, typeof(YamlLcrMeter), (d, n, r, o) => new YamlLcrMeter(d, n, r, o),
        [
            new("measure", "Measure(): a query answering primary,secondary[,status]", "measure: \":FETC?\""),
        ]),
        new(typeof(ITemperatureController), typeof(ITemperatureLoop), typeof(YamlTemperatureController), (d, n, r, o) => new YamlTemperatureController(d, n, r, o), []),
    ];

    /// <summary>The interfaces a YAML driver can implement.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>The interface's name, e.g. <c>IPowerSupply</c>.</summary>
    public string Name => Interface.Name;

    /// <summary>The contract for <paramref name="name"/>; null when YAML cannot implement it.</summary>
    public static YamlInterfaceContract? Find(string? name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>Why <paramref name="name"/> is an interface only C# can implement; null when it is not one.</summary>
    public static string? NeedsCode(string name) => name switch
    {
        nameof(IOscilloscope) => "reading a waveform means decoding a binary block and scaling it by the preamble",
        nameof(ISpectrumAnalyzer) => "reading a trace means decoding its block and building its frequency axis",
        _ => null,
    };

    /// <summary>The parameters <paramref name="contract"/> declares: name, unit and value type.</summary>
    public static IEnumerable<(ParameterSpecAttribute Spec, Type ValueType)> Specs(Type contract) =>
        contract.GetProperties()
            .Select(p => (Spec: p.GetCustomAttribute<ParameterSpecAttribute>(), p.PropertyType))
            .Where(p => p.Spec is not null)
            .Select(p => (p.Spec!, p.PropertyType.GetGenericArguments()[0]));

    /// <summary>
    /// Checks <paramref name="definition"/> against the interface it declares, reporting into <paramref name="fields"/>
    /// what is missing or wrong, and returns it with each interface parameter given the value type the interface needs.
    /// </summary>
    public static YamlDriverDefinition Apply(YamlDriverDefinition definition, YamlMappingNode root, YamlFields fields)
    {
        var contract = Find(definition.Interface) ?? throw new ArgumentException($"'{definition.Interface}' is not an interface a YAML driver can implement.", nameof(definition));
        var parameters = CheckParameters(contract, contract.Interface, definition.Parameters, root, "parameters", "parameters", fields);
        var channels = definition.Channels;
        if (contract.ChannelInterface is { } channelInterface)
        {
            if (channels.Count == 0)
            {
                fields.Error(YamlFields.Get(root, "channels") ?? root, "channels",
                    $"{contract.Name} needs channels: a channel list (its first) whose channels each have {string.Join(", ", Specs(channelInterface).Select(s => Describe(s.Spec, s.ValueType)))}");
            }
            else
            {
                var first = channels[0];
                var listNode = YamlFields.Get(root, "channels") is YamlMappingNode lists ? YamlFields.Get(lists, first.Name) as YamlMappingNode : null;
                var at = YamlFields.Join("channels", first.Name) + ".parameters";
                var checkedParameters = CheckParameters(contract, channelInterface, first.Parameters, listNode ?? root, "parameters", at, fields);
                channels = [first with { Parameters = checkedParameters }, .. channels.Skip(1)];
            }
        }
        foreach (var required in contract.Functions)
        {
            var function = definition.Functions.FirstOrDefault(f => f.Name == required.Name);
            var functionsNode = YamlFields.Get(root, "functions");
            if (function is null)
                fields.Error(functionsNode ?? root, YamlFields.Join("functions", required.Name), $"{contract.Name} needs the function '{required.Name}' for {required.Purpose}; add it under functions:, e.g. {required.Example}");
            else if (!function.Command.TrimEnd().EndsWith('?'))
                fields.Error(functionsNode is YamlMappingNode f ? YamlFields.Get(f, required.Name) : root, YamlFields.Join("functions", required.Name), $"{contract.Name} reads the reply of '{required.Name}', so its command must be a query (end in ?), not '{function.Command}'");
        }
        return definition with { Parameters = parameters, Channels = channels };
    }

    private static List<YamlParameterDefinition> CheckParameters(YamlInterfaceContract contract, Type iface, IReadOnlyList<YamlParameterDefinition> declared, YamlMappingNode owner, string key, string field, YamlFields fields)
    {
        var result = new List<YamlParameterDefinition>(declared);
        var parametersNode = YamlFields.Get(owner, key) as YamlMappingNode;
        foreach (var (spec, valueType) in Specs(iface))
        {
            var index = result.FindIndex(p => p.Name == spec.Name);
            var at = YamlFields.Join(field, spec.Name);
            if (index < 0)
            {
                fields.Error(parametersNode ?? owner, at, $"{contract.Name} needs the parameter {Describe(spec, valueType)}; add it under {field}:");
                continue;
            }
            var parameter = result[index];
            var node = parametersNode is null ? owner : YamlFields.Get(parametersNode, spec.Name) as YamlMappingNode ?? parametersNode;
            if ((parameter.Unit ?? "") != spec.Unit)
            {
                fields.Error(YamlFields.Get(node, "unit") ?? node, at + ".unit", spec.Unit.Length == 0
                    ? $"{contract.Name} requires '{spec.Name}' without a unit, not '{parameter.Unit}'"
                    : $"{contract.Name} requires unit '{spec.Unit}' for '{spec.Name}', not '{parameter.Unit}'{(parameter.Unit is null ? " (none given)" : "")}");
            }
            if (Typed(parameter, valueType, contract, at, node, fields) is { } typed)
                result[index] = typed;
        }
        return result;
    }

    /// <summary>The parameter with the value type the interface needs, or null (with an error) when its YAML type cannot be it.</summary>
    private static YamlParameterDefinition? Typed(YamlParameterDefinition parameter, Type valueType, YamlInterfaceContract contract, string at, YamlMappingNode node, YamlFields fields)
    {
        var typeNode = YamlFields.Get(node, "type") ?? node;
        if (valueType.IsEnum)
        {
            var members = Enum.GetNames(valueType);
            if (parameter.Type != YamlValueType.Str || parameter.Mapping.Count == 0)
            {
                fields.Error(typeNode, at + ".type", $"{contract.Name} needs '{parameter.Name}' as a {valueType.Name}: type: str with mapping: from {valueType.Name} values ({string.Join(", ", members)}) to the instrument's tokens");
                return null;
            }
            var ok = true;
            var mappingNode = YamlFields.Get(node, "mapping") ?? node;
            foreach (var (value, _) in parameter.Mapping)
            {
                if (!Enum.TryParse(valueType, value, ignoreCase: true, out _) || int.TryParse(value, out _))
                {
                    fields.Error(mappingNode, YamlFields.Join(at + ".mapping", value), $"'{value}' is not a {valueType.Name}; use one of {string.Join(", ", members)}");
                    ok = false;
                }
            }
            if (parameter.Validator is not null)
            {
                fields.Error(YamlFields.Get(node, "validator") ?? node, at + ".validator", $"the mapping already limits '{parameter.Name}' to {valueType.Name} values; remove the validator");
                ok = false;
            }
            return ok ? parameter with { InterfaceType = valueType } : null;
        }
        var expected = valueType == typeof(double) ? YamlValueType.Float
            : valueType == typeof(bool) ? YamlValueType.Bool
            : valueType == typeof(int) || valueType == typeof(long) ? YamlValueType.Int
            : YamlValueType.Str;
        if (parameter.Type != expected)
        {
            fields.Error(typeNode, at + ".type", $"{contract.Name} needs '{parameter.Name}' as {TypeWord(expected)} (type: {TypeWord(expected)}), not {TypeWord(parameter.Type)}");
            return null;
        }
        return valueType == typeof(int) ? parameter with { InterfaceType = typeof(int) } : parameter;
    }

    private static string Describe(ParameterSpecAttribute spec, Type valueType)
    {
        var type = valueType.IsEnum ? $"str mapped to {valueType.Name}" : TypeWord(valueType == typeof(double) ? YamlValueType.Float : valueType == typeof(bool) ? YamlValueType.Bool : valueType == typeof(int) ? YamlValueType.Int : YamlValueType.Str);
        return spec.Unit.Length == 0 ? $"'{spec.Name}' ({type})" : $"'{spec.Name}' ({type}, unit {spec.Unit})";
    }

    private static string TypeWord(YamlValueType type) => type.ToString().ToLowerInvariant();
}
