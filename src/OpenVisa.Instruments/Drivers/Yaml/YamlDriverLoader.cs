using System.Globalization;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Validators;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// Reads driver files: instruments described in YAML, with no C# (see docs/instruments.md for the format). Every
/// problem is reported with file, line, column and field, all at once, as bench files are.
/// </summary>
public static class YamlDriverLoader
{
    private static readonly string[] TopFields = ["driver", "description", "aliases", "interface", "simulation", "parameters", "functions", "channels"];
    private static readonly string[] SimulationFields = ["profile", "address"];
    private static readonly string[] ParameterFields = ["get", "set", "type", "unit", "label", "doc", "validator", "mapping", "scale", "offset", "step", "inter_delay", "post_delay", "quoted", "replies"];
    private static readonly string[] FunctionFields = ["command", "args", "doc"];
    private static readonly string[] ChannelFields = ["ids", "name", "parameters", "functions", "variables"];

    /// <summary>The interfaces a driver may declare.</summary>
    public static IReadOnlyList<string> KnownInterfaces => YamlInterfaceContract.Names;

    /// <summary>Reads and checks a driver file; throws <see cref="DriverFileException"/> listing every error.</summary>
    public static YamlDriverDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DriverFileException(path, [new BenchProblem(path, 0, 0, "", $"the file cannot be read: {e.Message}")]);
        }
        return Parse(text, path);
    }

    /// <summary>Every problem of a driver file, errors and warnings, without throwing.</summary>
    public static IReadOnlyList<BenchProblem> Check(string path)
    {
        try
        {
            Load(path);
            return [];
        }
        catch (DriverFileException e)
        {
            return e.Problems;
        }
    }

    /// <summary>Reads driver-file text; <paramref name="path"/> names it in messages and anchors the simulation profile.</summary>
    public static YamlDriverDefinition Parse(string text, string path) => Parse(text, path, embedded: false);

    /// <summary>
    /// Reads a driver shipped inside this assembly: <paramref name="name"/> names it in messages, and its
    /// <c>simulation.profile</c> names an embedded profile (<see cref="SimulationProfiles.Names"/>) rather than a file.
    /// </summary>
    internal static YamlDriverDefinition ParseEmbedded(string text, string name) => Parse(text, name, embedded: true);

    private static YamlDriverDefinition Parse(string text, string path, bool embedded)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new YamlFields(path);
        var stream = new YamlStream();
        try
        {
            if (BenchYamlGuard.Check(text, path) is { } limit)
                throw new DriverFileException(path, [limit]);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new DriverFileException(path, [new BenchProblem(path, (int)e.Start.Line, (int)e.Start.Column, "", $"this is not valid YAML: {e.InnerException?.Message ?? e.Message}")]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new DriverFileException(path, [new BenchProblem(path, 1, 1, "", $"this is not valid YAML (YamlDotNet says: {e.Message}); check the indentation and brackets")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            fields.Error(node, "", "a driver file is a mapping with driver, description and parameters, but this file " + (node is null ? "is empty" : $"holds {YamlFields.Describe(node)}"));
            throw new DriverFileException(path, fields.Problems);
        }
        var definition = Read(root, path, fields, embedded);
        if (fields.HasErrors || definition is null)
            throw new DriverFileException(path, fields.Problems);
        return definition;
    }

    private static YamlDriverDefinition? Read(YamlMappingNode root, string path, YamlFields fields, bool embedded)
    {
        fields.UnknownKeys(root, "", TopFields);
        var keyNode = YamlFields.Get(root, "driver");
        var key = fields.String(keyNode, "driver");
        if (key is null)
            fields.Error(root, "driver", "every driver file needs driver: its key, vendor/model (e.g. acme/PS100)");
        else if (!key.Contains('/', StringComparison.Ordinal) || key.Trim().Length != key.Length || key.Contains(' ', StringComparison.Ordinal))
            fields.Error(keyNode, "driver", $"'{key}' is not a driver key; write vendor/model without spaces, e.g. acme/PS100");
        var description = fields.String(YamlFields.Get(root, "description"), "description");
        if (description is null)
            fields.Error(root, "description", "every driver file needs description: what the instrument is");
        var interfaceNode = YamlFields.Get(root, "interface");
        var implemented = fields.String(interfaceNode, "interface");
        if (implemented is not null && !KnownInterfaces.Contains(implemented))
        {
            fields.Error(interfaceNode, "interface", YamlInterfaceContract.NeedsCode(implemented) is { } why
                ? $"'{implemented}' cannot be implemented in YAML: {why}; write the driver in C# (docs/instruments.md), or implement one of: {string.Join(", ", KnownInterfaces)}"
                : $"'{implemented}' is not an instrument interface; known: {string.Join(", ", KnownInterfaces)}");
            implemented = null;
        }
        var (profile, address) = embedded ? ReadEmbeddedSimulation(YamlFields.Get(root, "simulation"), fields) : ReadSimulation(YamlFields.Get(root, "simulation"), path, fields);
        var parameters = ReadParameters(YamlFields.Get(root, "parameters"), "parameters", fields);
        foreach (var parameter in parameters.Where(p => p.MinVariable is not null || p.MaxVariable is not null))
            fields.Error(YamlFields.Get(root, "parameters"), $"parameters.{parameter.Name}.validator", "a bound written {name} is a channel-list variable; give the instrument's own parameters numbers");
        var functions = ReadFunctions(YamlFields.Get(root, "functions"), "functions", fields);
        var channels = ReadChannels(YamlFields.Get(root, "channels"), fields);
        if (parameters.Count == 0 && channels.Count == 0 && functions.Count == 0)
            fields.Error(root, "parameters", "the driver has no parameters, channels or functions; add parameters: with at least one");
        if (key is null || description is null)
            return null;
        var definition = new YamlDriverDefinition
        {
            File = embedded ? path : Path.GetFullPath(path),
            IsEmbedded = embedded,
            Key = key,
            Aliases = fields.StringList(YamlFields.Get(root, "aliases"), "aliases"),
            Description = description,
            Interface = implemented,
            SimulationProfile = embedded ? null : profile,
            EmbeddedSimulationProfile = embedded ? profile : null,
            SimulationAddress = address,
            Parameters = parameters,
            Functions = functions,
            Channels = channels,
        };
        return implemented is null ? definition : YamlInterfaceContract.Apply(definition, root, fields);
    }

    /// <summary>The simulation section of an embedded driver: its profile is the name of an embedded profile.</summary>
    private static (string? Profile, string? Address) ReadEmbeddedSimulation(YamlNode? node, YamlFields fields)
    {
        if (fields.Mapping(node, "simulation") is not { } simulation)
            return (null, null);
        fields.UnknownKeys(simulation, "simulation", SimulationFields);
        var profileNode = YamlFields.Get(simulation, "profile");
        var profile = fields.String(profileNode, "simulation.profile");
        var address = fields.String(YamlFields.Get(simulation, "address"), "simulation.address");
        if (profile is not null && !SimulationProfiles.Names.Contains(profile))
            fields.Error(profileNode, "simulation.profile", $"there is no embedded simulation profile '{profile}'; embedded profiles: {string.Join(", ", SimulationProfiles.Names)}");
        if (profile is not null && address is null)
            fields.Error(simulation, "simulation.address", "a simulation profile needs address: the resource name it answers at");
        return (profile, address);
    }

    private static (string? Profile, string? Address) ReadSimulation(YamlNode? node, string path, YamlFields fields)
    {
        if (fields.Mapping(node, "simulation") is not { } simulation)
            return (null, null);
        fields.UnknownKeys(simulation, "simulation", SimulationFields);
        var profileNode = YamlFields.Get(simulation, "profile");
        var profile = fields.String(profileNode, "simulation.profile");
        var address = fields.String(YamlFields.Get(simulation, "address"), "simulation.address");
        if (profile is not null)
        {
            profile = Path.GetFullPath(profile, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            if (!File.Exists(profile))
                fields.Error(profileNode, "simulation.profile", $"the simulator file '{profile}' does not exist (a relative path starts at the driver file's folder)");
        }
        if (profile is not null && address is null)
            fields.Error(simulation, "simulation.address", "a simulation profile needs address: the resource name it answers at, e.g. TCPIP0::sim-ps100::inst0::INSTR");
        if (address is not null && !ResourceName.TryParse(address, out _))
            fields.Error(YamlFields.Get(simulation, "address"), "simulation.address", $"'{address}' is not a VISA resource name, e.g. TCPIP0::sim-ps100::inst0::INSTR");
        return (profile, address);
    }

    private static List<YamlParameterDefinition> ReadParameters(YamlNode? node, string field, YamlFields fields)
    {
        var result = new List<YamlParameterDefinition>();
        if (fields.Mapping(node, field) is not { } mapping)
            return result;
        foreach (var (nameNode, value) in mapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var at = YamlFields.Join(field, name);
            if (!InstrumentNames.IsValid(name))
            {
                fields.Error(nameNode, at, $"'{name}' is not a valid parameter name; use letters, digits and _ and start with a letter");
                continue;
            }
            if (fields.Mapping(value, at) is not { } entry)
            {
                fields.Error(value, at, "a parameter is a mapping with get:, set:, type:, unit: …");
                continue;
            }
            if (ReadParameter(name, entry, at, fields) is { } parameter)
                result.Add(parameter);
        }
        return result;
    }

    private static YamlParameterDefinition? ReadParameter(string name, YamlMappingNode entry, string at, YamlFields fields)
    {
        fields.UnknownKeys(entry, at, ParameterFields);
        var typeNode = YamlFields.Get(entry, "type");
        var typeText = fields.String(typeNode, at + ".type") ?? "float";
        YamlValueType type;
        switch (typeText.Trim().ToLowerInvariant())
        {
            case "float" or "double" or "number":
                type = YamlValueType.Float;
                break;
            case "int" or "integer":
                type = YamlValueType.Int;
                break;
            case "bool" or "boolean":
                type = YamlValueType.Bool;
                break;
            case "str" or "string" or "text":
                type = YamlValueType.Str;
                break;
            default:
                fields.Error(typeNode, at + ".type", $"'{typeText}' is not a parameter type; use float, int, bool or str");
                return null;
        }
        var get = fields.String(YamlFields.Get(entry, "get"), at + ".get");
        var setNode = YamlFields.Get(entry, "set");
        var set = fields.String(setNode, at + ".set");
        if (set is not null && !set.Contains("{0", StringComparison.Ordinal))
            fields.Error(setNode, at + ".set", $"the set command '{set}' has no {{0}} for the value");
        var scale = fields.Number(YamlFields.Get(entry, "scale"), at + ".scale");
        var offset = fields.Number(YamlFields.Get(entry, "offset"), at + ".offset");
        if ((scale is not null || offset is not null) && type != YamlValueType.Float)
            fields.Error(YamlFields.Get(entry, "scale") ?? YamlFields.Get(entry, "offset"), at + ".scale", $"scale and offset apply to float parameters, not {typeText}");
        if (scale is 0)
            fields.Error(YamlFields.Get(entry, "scale"), at + ".scale", "a scale of 0 cannot be undone on reading");
        var stepNode = YamlFields.Get(entry, "step");
        var step = fields.Number(stepNode, at + ".step");
        if (step is not null && (type is YamlValueType.Bool or YamlValueType.Str || step <= 0))
            fields.Error(stepNode, at + ".step", "a step is a positive number, for float and int parameters");
        var mapping = ReadMapping(YamlFields.Get(entry, "mapping"), at + ".mapping", type, fields);
        if (mapping.Count > 0 && (scale is not null || offset is not null))
            fields.Error(YamlFields.Get(entry, "mapping"), at + ".mapping", "a parameter has a mapping or a scale and offset, not both");
        var replies = ReadMapping(YamlFields.Get(entry, "replies"), at + ".replies", type == YamlValueType.Bool ? YamlValueType.Str : type, fields);
        if (replies.Count > 0 && mapping.Count == 0)
            fields.Error(YamlFields.Get(entry, "replies"), at + ".replies", "replies: adds answers to a mapping: give mapping: too");
        foreach (var (token, value) in replies)
        {
            if (!mapping.Any(m => string.Equals(m.Key, value, StringComparison.OrdinalIgnoreCase)))
                fields.Error(YamlFields.Get(entry, "replies"), YamlFields.Join(at + ".replies", token), $"the reply '{token}' stands for '{value}', which is not a value of the mapping ({string.Join(", ", mapping.Select(m => m.Key))})");
        }
        var quoted = fields.Bool(YamlFields.Get(entry, "quoted"), at + ".quoted") ?? false;
        if (quoted && (type != YamlValueType.Str || mapping.Count > 0))
            fields.Error(YamlFields.Get(entry, "quoted"), at + ".quoted", "quoted applies to str parameters without a mapping");
        return new YamlParameterDefinition
        {
            Name = name,
            Type = type,
            Get = get,
            Set = set,
            Unit = fields.String(YamlFields.Get(entry, "unit"), at + ".unit"),
            Label = fields.String(YamlFields.Get(entry, "label"), at + ".label"),
            Docstring = fields.String(YamlFields.Get(entry, "doc"), at + ".doc"),
            Validator = YamlValidatorReader.Read(YamlFields.Get(entry, "validator"), at + ".validator", type, fields),
            MinVariable = YamlValidatorReader.BoundVariable(YamlFields.Get(entry, "validator"), "min", at, type, fields),
            MaxVariable = YamlValidatorReader.BoundVariable(YamlFields.Get(entry, "validator"), "max", at, type, fields),
            Mapping = mapping,
            Scale = scale,
            Offset = offset,
            Step = step,
            InterDelay = Delay(YamlFields.Get(entry, "inter_delay"), at + ".inter_delay", fields),
            PostDelay = Delay(YamlFields.Get(entry, "post_delay"), at + ".post_delay", fields),
            Quoted = quoted,
            Replies = replies,
        };
    }

    private static double? Delay(YamlNode? node, string field, YamlFields fields)
    {
        var seconds = fields.Number(node, field);
        if (seconds < 0)
            fields.Error(node, field, "a delay (in seconds) cannot be negative");
        return seconds;
    }

    private static List<KeyValuePair<string, string>> ReadMapping(YamlNode? node, string field, YamlValueType type, YamlFields fields)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (fields.Mapping(node, field) is not { } mapping)
            return result;
        if (type is YamlValueType.Float or YamlValueType.Int)
        {
            fields.Error(mapping, field, "a mapping turns bool or str values into instrument tokens; numbers are sent as they are");
            return result;
        }
        foreach (var (keyNode, tokenNode) in mapping.Children)
        {
            var value = (keyNode as YamlScalarNode)?.Value ?? "";
            var token = fields.String(tokenNode, YamlFields.Join(field, value));
            if (token is null)
                continue;
            if (type == YamlValueType.Bool && !bool.TryParse(value, out _))
            {
                fields.Error(keyNode, YamlFields.Join(field, value), $"a bool parameter maps true and false, not '{value}'");
                continue;
            }
            result.Add(new(value, token));
        }
        return result;
    }

    private static List<YamlFunctionDefinition> ReadFunctions(YamlNode? node, string field, YamlFields fields)
    {
        var result = new List<YamlFunctionDefinition>();
        if (fields.Mapping(node, field) is not { } mapping)
            return result;
        foreach (var (nameNode, value) in mapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var at = YamlFields.Join(field, name);
            if (!InstrumentNames.IsValid(name))
            {
                fields.Error(nameNode, at, $"'{name}' is not a valid function name; use letters, digits and _ and start with a letter");
                continue;
            }
            // A bare string is the command.
            if (value is YamlScalarNode scalar && !YamlFields.IsNull(scalar))
            {
                result.Add(new YamlFunctionDefinition { Name = name, Command = scalar.Value ?? "" });
                continue;
            }
            if (fields.Mapping(value, at) is not { } entry)
            {
                fields.Error(value, at, "a function is a command, or a mapping with command: and args:");
                continue;
            }
            fields.UnknownKeys(entry, at, FunctionFields);
            var command = fields.String(YamlFields.Get(entry, "command"), at + ".command");
            if (command is null)
            {
                fields.Error(entry, at + ".command", "a function needs command: the text it sends, with {0}, {1} … for its arguments");
                continue;
            }
            var arguments = new List<Validator>();
            if (YamlFields.Get(entry, "args") is YamlSequenceNode args)
            {
                for (var i = 0; i < args.Children.Count; i++)
                {
                    var argumentField = $"{at}.args[{i}]";
                    var argument = args.Children[i] as YamlMappingNode;
                    var typeText = argument is null ? null : fields.String(YamlFields.Get(argument, "type"), argumentField + ".type");
                    var type = typeText?.ToLowerInvariant() switch { "int" or "integer" => YamlValueType.Int, "str" or "string" => YamlValueType.Str, _ => YamlValueType.Float };
                    if (argument is not null)
                    {
                        var copy = new YamlMappingNode(argument.Children.Where(p => (p.Key as YamlScalarNode)?.Value != "type"));
                        arguments.Add(YamlValidatorReader.Read(copy, argumentField, type, fields) ?? new Anything());
                    }
                    else
                    {
                        fields.Error(args.Children[i], argumentField, "an argument is a mapping such as {min: 0, max: 10} or {values: [A, B], type: str}");
                    }
                }
            }
            for (var i = 0; i < arguments.Count; i++)
            {
                if (!command.Contains("{" + i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    fields.Error(YamlFields.Get(entry, "command"), at + ".command", $"the command '{command}' has no {{{i}}} for argument {i}");
            }
            result.Add(new YamlFunctionDefinition { Name = name, Command = command, Arguments = arguments, Docstring = fields.String(YamlFields.Get(entry, "doc"), at + ".doc") });
        }
        return result;
    }

    private static List<YamlChannelsDefinition> ReadChannels(YamlNode? node, YamlFields fields)
    {
        var result = new List<YamlChannelsDefinition>();
        if (fields.Mapping(node, "channels") is not { } mapping)
            return result;
        foreach (var (nameNode, value) in mapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var at = YamlFields.Join("channels", name);
            if (!InstrumentNames.IsValid(name))
            {
                fields.Error(nameNode, at, $"'{name}' is not a valid channel list name; use letters, digits and _ and start with a letter");
                continue;
            }
            if (fields.Mapping(value, at) is not { } entry)
            {
                fields.Error(value, at, "a channel list is a mapping with ids:, parameters: and functions:");
                continue;
            }
            fields.UnknownKeys(entry, at, ChannelFields);
            var idsNode = YamlFields.Get(entry, "ids");
            var ids = fields.StringList(idsNode, at + ".ids");
            if (ids.Count == 0)
                fields.Error(idsNode ?? entry, at + ".ids", "a channel list needs ids: the channel ids its commands use, e.g. [1, 2, 3]");
            var patternNode = YamlFields.Get(entry, "name");
            var pattern = fields.String(patternNode, at + ".name") ?? "ch{channel}";
            foreach (var id in ids)
            {
                var channelName = pattern.Replace("{channel}", id, StringComparison.Ordinal);
                if (!InstrumentNames.IsValid(channelName))
                    fields.Error(patternNode ?? idsNode, at + ".name", $"the channel name '{channelName}' (for id {id}) is not a valid name; give name: such as ch{{channel}}");
            }
            if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
                fields.Error(idsNode, at + ".ids", "the ids repeat; each channel needs its own");
            var variables = ReadVariables(YamlFields.Get(entry, "variables"), at + ".variables", ids.Count, fields);
            var channelParameters = ReadParameters(YamlFields.Get(entry, "parameters"), at + ".parameters", fields);
            foreach (var parameter in channelParameters)
            {
                foreach (var variable in new[] { parameter.MinVariable, parameter.MaxVariable }.OfType<string>())
                {
                    if (!variables.TryGetValue(variable, out var values))
                        fields.Error(YamlFields.Get(entry, "parameters"), $"{at}.parameters.{parameter.Name}.validator", $"the bound {{{variable}}} names no variable of the list; add variables: {{{variable}: [...]}} with one number per id");
                    else if (values.FirstOrDefault(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) is { } bad)
                        fields.Error(YamlFields.Get(entry, "variables"), $"{at}.variables.{variable}", $"'{bad}' is not a number, but {{{variable}}} bounds the validator of {parameter.Name}");
                }
            }
            result.Add(new YamlChannelsDefinition
            {
                Name = name,
                Ids = ids,
                NamePattern = pattern,
                Variables = variables,
                Parameters = channelParameters,
                Functions = ReadFunctions(YamlFields.Get(entry, "functions"), at + ".functions", fields),
            });
        }
        return result;
    }

    /// <summary>Reads <c>variables: {input: [A, B]}</c>: one value per channel id, put in place of <c>{input}</c>.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadVariables(YamlNode? node, string field, int count, YamlFields fields)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (fields.Mapping(node, field) is not { } mapping)
            return result;
        foreach (var (nameNode, valuesNode) in mapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var at = YamlFields.Join(field, name);
            if (!InstrumentNames.IsValid(name) || name is "channel")
            {
                fields.Error(nameNode, at, $"'{name}' is not a valid variable name; use letters, digits and _ (and not 'channel', which is the id)");
                continue;
            }
            var values = fields.StringList(valuesNode, at);
            if (values.Count != count)
                fields.Error(valuesNode, at, $"the variable {name} has {values.Count} value(s) but the list has {count} channel id(s); give one value per id, in the same order");
            else
                result[name] = values;
        }
        return result;
    }
}
