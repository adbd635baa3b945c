using System.Text;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Loading;

/// <summary>
/// Reads one pyvisa-sim device definition (<c>eom</c>, <c>error</c>, <c>dialogues</c>, <c>properties</c>, <c>channels</c>,
/// <c>delimiter</c>) into a <see cref="DeviceDefinition"/>, reporting every problem with its place in the file. Whatever
/// pyvisa-sim would reject, or would crash on when the device is used, is an error here, found before the first query.
/// </summary>
internal static class DeviceLoader
{
    private static readonly string[] DeviceKeys = ["eom", "error", "dialogues", "properties", "channels", "delimiter", "bases"];
    private static readonly string[] PropertyKeys = ["default", "getter", "setter", "specs"];
    private static readonly string[] ChannelKeys = ["ids", "can_select", "dialogues", "properties"];

    public static DeviceDefinition Load(string name, YamlMapping map, string file, ProblemList problems)
    {
        var device = new DeviceDefinition(name, file, map.Mark);
        problems.UnknownKeys(map, $"device '{name}'", DeviceKeys);
        if (map.KeyNode("bases") is { } bases)
            problems.Error(bases.Mark, $"device '{name}' uses 'bases', which pyvisa-sim reserves but does not implement (it raises NotImplementedError); copy the definitions instead");
        if (YamlRead.Scalar(map.Get("delimiter"), problems, "delimiter") is { } delimiter)
            device.Delimiter = Encoding.UTF8.GetBytes(delimiter.Value);
        LoadEoms(device, map.Get("eom"), problems);
        LoadError(device, map.Get("error"), problems);
        LoadComponent(device, map, $"device '{name}'", problems, channel: null);
        if (YamlRead.Mapping(map.Get("channels"), problems, "channels") is { } channels)
        {
            foreach (var (key, value) in channels.Distinct())
            {
                if (YamlRead.Mapping(value, problems, $"channel group '{key.Value}'") is { } group)
                    device.Channels.Add(LoadChannels(device, key, group, problems));
            }
        }
        return device;
    }

    private static void LoadEoms(DeviceDefinition device, YamlNode? node, ProblemList problems)
    {
        if (YamlRead.Mapping(node, problems, "eom") is not { } eoms)
            return;
        foreach (var (key, value) in eoms.Distinct())
        {
            var parts = key.Value.Split(' ');
            if (parts.Length != 2)
            {
                problems.Error(key.Mark, $"eom key '{key.Value}' must be an interface type and a resource class separated by one space, e.g. 'ASRL INSTR' or 'TCPIP SOCKET'");
                continue;
            }
            if (!InterfaceNames.TryParse(parts[0], out var interfaceType))
            {
                problems.Error(key.Mark, $"eom key '{key.Value}' names the interface type '{parts[0]}', which is not one of {string.Join(", ", InterfaceNames.All)}");
                continue;
            }
            if (parts[1] != parts[1].ToUpperInvariant())
                problems.Warning(key.Mark, $"eom key '{key.Value}': the resource class '{parts[1]}' is compared case-sensitively with the upper-case class of the resource name, so it never applies; write '{parts[1].ToUpperInvariant()}'");
            if (YamlRead.Mapping(value, problems, $"eom '{key.Value}'") is not { } pair)
                continue;
            problems.UnknownKeys(pair, $"eom '{key.Value}'", "q", "r");
            var query = Text(pair, "q", problems, $"eom '{key.Value}'", required: true);
            var reply = Text(pair, "r", problems, $"eom '{key.Value}'", required: true);
            if (query is null || reply is null)
                continue;
            if (Bytes(query, problems) is { } q && Bytes(reply, problems) is { } r)
                device.Eoms[(interfaceType, parts[1])] = new EndOfMessage(q, r);
        }
    }

    private static void LoadError(DeviceDefinition device, YamlNode? node, ProblemList problems)
    {
        var error = device.Error;
        if (node is null)
            return;
        if (node is YamlScalar text)
        {
            error.CommandError = Bytes(text, problems, strip: false);
            error.QueryError = error.CommandError;
            return;
        }
        if (node is not YamlMapping map)
        {
            problems.Error(node.Mark, $"error must be a text (the reply to any error) or a mapping with response, status_register and error_queue, not {node.Kind}");
            return;
        }
        problems.UnknownKeys(map, "error", "response", "status_register", "error_queue");
        if (YamlRead.Mapping(map.Get("response"), problems, "error response") is { } response)
        {
            problems.UnknownKeys(response, "error response", "command_error", "query_error");
            if (YamlRead.Scalar(response.Get("command_error"), problems, "command_error") is { } command)
                error.CommandError = Bytes(command, problems, strip: false);
            if (YamlRead.Scalar(response.Get("query_error"), problems, "query_error") is { } query)
                error.QueryError = Bytes(query, problems, strip: false);
        }
        if (YamlRead.Sequence(map.Get("status_register"), problems, "status_register") is { } registers)
        {
            foreach (var item in registers.Items)
            {
                if (YamlRead.Mapping(item, problems, "a status register") is not { } register)
                    continue;
                if (Text(register, "q", problems, "a status register", required: true) is not { } q || Bytes(q, problems, strip: false) is not { } queryBytes)
                    continue;
                var bits = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (key, value) in register.Distinct())
                {
                    if (key.Value == "q")
                        continue;
                    if (YamlRead.Scalar(value, problems, key.Value) is { } bit)
                    {
                        if (PyInt.TryParse(bit.Value, 10, out var number) && number is >= int.MinValue and <= int.MaxValue)
                            bits[key.Value] = (int)number;
                        else
                            problems.Error(bit.Mark, $"status register bit '{key.Value}: {bit.Value}' must be a whole number (the value OR-ed into the register)");
                    }
                    if (key.Value is not ("command_error" or "query_error"))
                        problems.Warning(key.Mark, $"status register key '{key.Value}' is not an error pyvisa-sim raises (command_error, query_error); it is never set");
                }
                error.Registers.Add(new RegisterDefinition(SimText.Latin1(queryBytes), q.Value, bits));
            }
        }
        if (YamlRead.Sequence(map.Get("error_queue"), problems, "error_queue") is { } queues)
        {
            foreach (var item in queues.Items)
            {
                if (YamlRead.Mapping(item, problems, "an error queue") is not { } queue)
                    continue;
                var q = Text(queue, "q", problems, "an error queue", required: true);
                if (queue.Get("default") is null)
                    problems.Error(queue.Mark, "an error queue needs 'default', the reply when the queue is empty (e.g. default: \"0, No Error\")");
                var empty = YamlRead.Scalar(queue.Get("default"), problems, "default");
                if (q is null || empty is null || Bytes(q, problems, strip: false) is not { } queryBytes || Bytes(empty, problems, strip: false) is not { } defaultBytes)
                    continue;
                var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                foreach (var (key, value) in queue.Distinct())
                {
                    if (key.Value is "q" or "default" or "strict")
                        continue;
                    if (YamlRead.Scalar(value, problems, key.Value) is { } entry && Bytes(entry, problems, strip: false) is { } entryBytes)
                        entries[key.Value] = entryBytes;
                }
                error.Queues.Add(new ErrorQueueDefinition(SimText.Latin1(queryBytes), q.Value, defaultBytes, entries));
            }
        }
    }

    private static ChannelGroupDefinition LoadChannels(DeviceDefinition device, YamlScalar name, YamlMapping map, ProblemList problems)
    {
        problems.UnknownKeys(map, $"channel group '{name.Value}'", ChannelKeys);
        var ids = map.Get("ids") is null ? [] : YamlRead.ScalarList(map.Get("ids"), problems, "ids").Select(s => s.Value).ToList();
        var canSelect = YamlRead.Scalar(map.Get("can_select"), problems, "can_select") is not { Value: "False" };
        if (map.Get("can_select") is YamlScalar { Value: "false" or "no" or "off" or "FALSE" } odd)
            problems.Warning(odd.Mark, $"can_select: {odd.Value} means True to pyvisa-sim: only the exact text False turns inline channel selection off");
        var group = new ChannelGroupDefinition(name.Value, ids, canSelect, name.Mark);
        LoadComponent(group, map, $"channel group '{name.Value}' of device '{device.Name}'", problems, group);
        if (!canSelect && group.Properties.Count + group.Dialogues.Count > 0 && !device.Properties.Any(p => p.Name == "selected_channel"))
            problems.Error(name.Mark, $"channel group '{name.Value}' has can_select: False, so the device must have a property 'selected_channel' holding the active channel id; it has none");
        return group;
    }

    private static void LoadComponent(ComponentDefinition component, YamlMapping map, string where, ProblemList problems, ChannelGroupDefinition? channel)
    {
        if (YamlRead.Sequence(map.Get("dialogues"), problems, "dialogues") is { } dialogues)
        {
            foreach (var item in dialogues.Items)
            {
                if (YamlRead.Mapping(item, problems, $"a dialogue of {where}") is not { } dialogue)
                    continue;
                problems.UnknownKeys(dialogue, "a dialogue", "q", "r");
                var q = Text(dialogue, "q", problems, "a dialogue", required: true);
                var r = Text(dialogue, "r", problems, "a dialogue", required: false);
                if (q is null || Bytes(q, problems) is not { } queryBytes)
                    continue;
                byte[]? reply = null;
                RandomDirective? random = null;
                if (r is not null)
                {
                    reply = Bytes(r, problems);
                    random = Random(r, problems, PyKind.Float);
                }
                if (channel is not null)
                    CheckChannelQuery(q, channel, problems);
                component.Dialogues.Add(new DialogueDefinition(SimText.Latin1(queryBytes), reply, random, dialogue.Mark, Strip(q.Value), r is null ? null : Strip(r.Value)));
            }
        }
        if (YamlRead.Mapping(map.Get("properties"), problems, "properties") is not { } properties)
            return;
        foreach (var (key, value) in properties.Distinct())
        {
            if (YamlRead.Mapping(value, problems, $"property '{key.Value}'") is { } property && LoadProperty(key, property, where, problems, channel) is { } loaded)
                component.Properties.Add(loaded);
        }
    }

    private static PropertyDefinition? LoadProperty(YamlScalar name, YamlMapping map, string where, ProblemList problems, ChannelGroupDefinition? channel)
    {
        var label = $"property '{name.Value}' of {where}";
        problems.UnknownKeys(map, label, PropertyKeys);
        var specs = LoadSpecs(map.Get("specs"), label, problems);
        var defaultNode = YamlRead.Scalar(map.Get("default"), problems, "default");
        var raw = PyValue.Str(defaultNode?.Value ?? "");
        var value = raw;
        if (specs is not null && specs.Validate(raw, name.Value, out value) is { } invalid)
        {
            problems.Error(defaultNode?.Mark ?? name.Mark, defaultNode is null
                ? $"{label} has no default, so its value starts as the empty text, which its specs reject ({invalid}); add a default"
                : $"the default of {label} is invalid: {invalid}");
            return null;
        }
        GetterDefinition? getter = null;
        if (YamlRead.Mapping(map.Get("getter"), problems, $"the getter of {label}") is { } getterMap)
        {
            problems.UnknownKeys(getterMap, $"the getter of {label}", "q", "r");
            var q = Text(getterMap, "q", problems, $"the getter of {label}", required: true);
            var r = Text(getterMap, "r", problems, $"the getter of {label}", required: true);
            if (q is not null && r is not null && Bytes(q, problems) is { } queryBytes)
            {
                if (channel is not null)
                    CheckChannelQuery(q, channel, problems);
                var reply = Strip(r.Value);
                PyFormatTemplate? template = null;
                RandomDirective? random = null;
                if (RandomDirective.Applies(reply))
                {
                    random = Random(r, problems, PyKind.Float);
                }
                else
                {
                    try
                    {
                        template = PyFormatTemplate.Parse(reply);
                        var kind = specs?.Type ?? (value.Kind);
                        foreach (var spec in template.Specs)
                        {
                            // pyvisa-sim formats only when queried: this getter fails (the write raises), nothing else does.
                            if (spec.Problem(kind) is { } formatProblem)
                                problems.Warning(r.Mark, $"the getter reply '{reply}' of {label} cannot format its {(specs is null ? "value, which is text (no specs)" : $"{kind.ToString().ToLowerInvariant()} value")}: {formatProblem}; querying '{Strip(q.Value)}' fails" + (specs is null ? " until a setter stores a value it can format, as in pyvisa-sim; add specs with a type" : ", as in pyvisa-sim"));
                        }
                    }
                    catch (FormatException e)
                    {
                        problems.Warning(r.Mark, $"the getter reply '{reply}' of {label} is not a valid Python format string: {e.Message}; querying '{Strip(q.Value)}' fails, as in pyvisa-sim");
                    }
                }
                getter = new GetterDefinition(SimText.Latin1(queryBytes), Strip(q.Value), template, random, reply, getterMap.Mark);
            }
        }
        SetterDefinition? setter = null;
        if (YamlRead.Mapping(map.Get("setter"), problems, $"the setter of {label}") is { } setterMap)
        {
            problems.UnknownKeys(setterMap, $"the setter of {label}", "q", "r", "e");
            var q = Text(setterMap, "q", problems, $"the setter of {label}", required: true);
            var r = Text(setterMap, "r", problems, $"the setter of {label}", required: false);
            var e = Text(setterMap, "e", problems, $"the setter of {label}", required: false);
            if (q is not null && ParseSetter(q, label, channel, problems) is { } pattern)
            {
                if (channel is null && specs is { Type: PyKind.Int or PyKind.Float } && pattern.FieldNames is not ["0"])
                    problems.Warning(q.Mark, $"the setter pattern '{Strip(q.Value)}' of {label} does not parse to one value, and its {specs.Type.ToString().ToLowerInvariant()} specs cannot convert the dict or list it gives: a write that matches it fails, as pyvisa-sim raises TypeError");
                setter = new SetterDefinition(pattern, r is null ? null : Bytes(r, problems), e is null ? null : Bytes(e, problems), setterMap.Mark);
            }
        }
        return new PropertyDefinition(name.Value, value, specs, getter, setter, name.Mark);
    }

    private static StringParserPattern? ParseSetter(YamlScalar q, string label, ChannelGroupDefinition? channel, ProblemList problems)
    {
        var text = Strip(q.Value);
        StringParserPattern pattern;
        try
        {
            pattern = StringParserPattern.Parse(text);
        }
        catch (FormatException e)
        {
            problems.Error(q.Mark, $"the setter pattern '{text}' of {label} cannot be parsed: {e.Message}");
            return null;
        }
        foreach (var note in pattern.Notes)
            problems.Warning(q.Mark, $"the setter pattern '{text}' of {label}: {note}");
        // pyvisa-sim accepts every shape: the property receives whatever stringparser returns. The shapes that make it hold
        // a dict or a list (or make the write raise) are worth a word; a pattern without fields is a plain command.
        var names = pattern.FieldNames;
        var hasChannel = names.Contains("ch_id");
        var values = names.Where(n => n != "ch_id").ToList();
        var found = string.Join(", ", names.Select(n => char.IsAsciiDigit(n[0]) ? "{}" : "{" + n + "}"));
        if (channel is not null && hasChannel)
        {
            if (!values.Contains("0"))
                problems.Warning(q.Mark, $"the setter pattern '{text}' of {label} has {found} but no unnamed field for the value; writing it fails, as pyvisa-sim raises KeyError: '0' (write e.g. 'CH {{ch_id}}:VOLT {{:.3f}}')");
            return pattern;
        }
        if (values.Count > 1 || (values.Count == 1 && values[0] != "0"))
        {
            var kind = values.All(v => char.IsAsciiDigit(v[0])) ? "list" : "dict";
            var example = kind == "dict" ? "{'" + values[0] + "': '7'}" : "['1', '2']";
            problems.Warning(q.Mark, $"the setter pattern '{text}' of {label} has {found}, so pyvisa-sim stores the {kind} stringparser returns (a getter '{{}}' then answers its Python repr, e.g. {example}){(channel is null ? "" : " as text")}; one unnamed field stores the value itself");
        }
        return pattern;
    }

    private static PropertySpecs? LoadSpecs(YamlNode? node, string label, ProblemList problems)
    {
        if (YamlRead.Mapping(node, problems, $"the specs of {label}") is not { Entries.Count: > 0 } map)
            return null;
        problems.UnknownKeys(map, $"the specs of {label}", "type", "min", "max", "valid");
        var typeNode = YamlRead.Scalar(map.Get("type"), problems, "type");
        PyKind type;
        switch (typeNode?.Value)
        {
            case "float": type = PyKind.Float; break;
            case "int": type = PyKind.Int; break;
            case "str": type = PyKind.Str; break;
            case null:
                problems.Error(map.Mark, $"the specs of {label} need a type: float, int or str (pyvisa-sim: \"No property type was specified.\")");
                return null;
            default:
                problems.Error(typeNode.Mark, $"Invalid property type '{typeNode.Value}' in the specs of {label}; valid types are: 'int', 'float', 'str'");
                return null;
        }
        PyValue? Bound(string key)
        {
            if (YamlRead.Scalar(map.Get(key), problems, key) is not { } scalar)
                return null;
            if (PyValue.Str(scalar.Value).TryConvert(type, out var bound))
                return bound;
            problems.Error(scalar.Mark, $"{key}: '{scalar.Value}' in the specs of {label} is not a valid {typeNode.Value}");
            return null;
        }
        var valid = new List<PyValue>();
        foreach (var item in YamlRead.ScalarList(map.Get("valid"), problems, "valid"))
        {
            if (PyValue.Str(item.Value).TryConvert(type, out var converted))
                valid.Add(converted);
            else
                problems.Error(item.Mark, $"the valid value '{item.Value}' in the specs of {label} is not a valid {typeNode.Value}");
        }
        return new PropertySpecs(type, Bound("min"), Bound("max"), valid);
    }

    private static void CheckChannelQuery(YamlScalar q, ChannelGroupDefinition channel, ProblemList problems)
    {
        if (!channel.CanSelect)
            return;
        try
        {
            ChannelKey.Expand(Strip(q.Value), "1");
        }
        catch (FormatException e)
        {
            problems.Error(q.Mark, $"the channel query '{Strip(q.Value)}' cannot be expanded for each channel id: {e.Message}");
        }
    }

    private static RandomDirective? Random(YamlScalar reply, ProblemList problems, PyKind kind)
    {
        var text = Strip(reply.Value);
        if (!RandomDirective.Applies(text))
            return null;
        try
        {
            var directive = RandomDirective.Parse(text);
            foreach (var spec in directive.Template.Specs)
            {
                if (spec.Problem(kind) is { } formatProblem)
                    problems.Warning(reply.Mark, $"the RANDOM reply '{text}' formats a float with '{spec.Text}': {formatProblem}; querying it fails");
            }
            return directive;
        }
        catch (FormatException e)
        {
            problems.Warning(reply.Mark, $"{e.Message} Querying it fails, as in pyvisa-sim.");
            return null;
        }
    }

    private static YamlScalar? Text(YamlMapping map, string key, ProblemList problems, string where, bool required)
    {
        var node = map.Get(key);
        if (node is null)
        {
            if (required)
                problems.Error(map.Mark, $"{where} needs '{key}'");
            return null;
        }
        return YamlRead.Scalar(node, problems, $"'{key}' of {where}");
    }

    /// <summary>pyvisa-sim strips spaces (only spaces) around q, r and e.</summary>
    internal static string Strip(string text) => text.Trim(' ');

    private static byte[]? Bytes(YamlScalar scalar, ProblemList problems, bool strip = true)
    {
        try
        {
            return SimText.ToBytes(strip ? Strip(scalar.Value) : scalar.Value);
        }
        catch (FormatException e)
        {
            problems.Error(scalar.Mark, e.Message);
            return null;
        }
    }
}
