using System.Globalization;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// An instrument built from a YAML driver file: its parameters, functions and channel lists, with the SCPI defaults
/// of the C# drivers (line-feed terminations, 5 s timeout). <c>*RST</c>, <c>*CLS</c> and the error queue come from
/// <see cref="ScpiInstrument"/>.
/// </summary>
public sealed class YamlInstrument : ScpiInstrument
{
    private readonly Dictionary<string, IChannelList> _channelLists = new(StringComparer.Ordinal);

    /// <summary>Builds the instrument described by <paramref name="definition"/> over <paramref name="resource"/>.</summary>
    public YamlInstrument(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        foreach (var parameter in definition.Parameters)
            YamlParameters.Create(parameter, this, channelId: null);
        foreach (var function in definition.Functions)
            YamlParameters.CreateFunction(function, this, channelId: null);
        foreach (var list in definition.Channels)
        {
            var channels = new List<YamlChannel>();
            foreach (var id in list.Ids)
            {
                var channelName = list.NamePattern.Replace("{channel}", id, StringComparison.Ordinal);
                channels.Add(AddSubmodule(channelName, new YamlChannel(this, channelName, id, list)));
            }
            _channelLists[list.Name] = AddSubmodule(list.Name, new ChannelList<YamlChannel>(this, list.Name, channels, snapshotable: false));
        }
    }

    /// <summary>The definition the instrument was built from.</summary>
    public YamlDriverDefinition Definition { get; }

    /// <summary>The channel list named <paramref name="name"/> in the driver file.</summary>
    public ChannelList<YamlChannel> ChannelList(string name) =>
        _channelLists.TryGetValue(name, out var list)
            ? (ChannelList<YamlChannel>)list
            : throw new KeyNotFoundException($"{FullName} ({Definition.Key}) has no channel list '{name}'; it has: {(_channelLists.Count == 0 ? "none" : string.Join(", ", _channelLists.Keys))}.");

    /// <summary>The parameter named <paramref name="name"/>, typed; throws naming the actual type when it differs.</summary>
    public Parameter<T> Parameter<T>(string name) => YamlParameters.Typed<T>(Parameter(name));

    /// <summary>Calls the function named <paramref name="name"/>; the reply for a query, null otherwise.</summary>
    public string? Call(string name, params object?[] arguments) =>
        Functions.TryGetValue(name, out var function)
            ? function.Call(arguments)
            : throw new KeyNotFoundException($"{FullName} ({Definition.Key}) has no function '{name}'; it has: {string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal))}.");
}

/// <summary>One channel of a YAML driver, with <c>{channel}</c> in its commands replaced by its id.</summary>
public sealed class YamlChannel : InstrumentChannel
{
    internal YamlChannel(YamlInstrument parent, string name, string channelId, YamlChannelsDefinition definition)
        : base(parent, name, channelId)
    {
        foreach (var parameter in definition.Parameters)
            YamlParameters.Create(parameter, this, channelId);
        foreach (var function in definition.Functions)
            YamlParameters.CreateFunction(function, this, channelId);
    }

    /// <summary>The parameter named <paramref name="name"/>, typed.</summary>
    public Parameter<T> Parameter<T>(string name) => YamlParameters.Typed<T>(Parameter(name));
}

/// <summary>Creates the typed parameters and functions a YAML definition describes.</summary>
internal static class YamlParameters
{
    public static ParameterBase Create(YamlParameterDefinition d, InstrumentBase owner, string? channelId) => d.Type switch
    {
        YamlValueType.Float => Configure(new Parameter<double>(d.Name, owner)
        {
            GetCommand = Substitute(d.Get, channelId),
            SetCommand = Substitute(d.Set, channelId),
            Unit = d.Unit,
            Label = d.Label,
            Docstring = d.Docstring,
            Validator = d.Validator,
            Scale = d.Scale,
            Offset = d.Offset,
        }, d),
        YamlValueType.Int => Configure(new Parameter<long>(d.Name, owner)
        {
            GetCommand = Substitute(d.Get, channelId),
            SetCommand = Substitute(d.Set, channelId),
            Unit = d.Unit,
            Label = d.Label,
            Docstring = d.Docstring,
            Validator = d.Validator,
        }, d),
        YamlValueType.Bool => Configure(new Parameter<bool>(d.Name, owner)
        {
            GetCommand = Substitute(d.Get, channelId),
            SetCommand = Substitute(d.Set, channelId),
            Unit = d.Unit,
            Label = d.Label,
            Docstring = d.Docstring,
            Mapping = d.Mapping.Count == 0 ? null : BoolMapping(d.Mapping),
        }, d),
        _ => Configure(new Parameter<string>(d.Name, owner)
        {
            GetCommand = Substitute(d.Get, channelId),
            SetCommand = Substitute(d.Set, channelId),
            Unit = d.Unit,
            Label = d.Label,
            Docstring = d.Docstring,
            Validator = d.Validator,
            Mapping = d.Mapping.Count == 0 ? null : StringMapping(d.Mapping),
            SetFormatter = d.Quoted ? ScpiString.Quote : null,
        }, d),
    };

    public static InstrumentFunction CreateFunction(YamlFunctionDefinition d, InstrumentBase owner, string? channelId) =>
        new(d.Name, owner, Substitute(d.Command, channelId)!, [.. d.Arguments]) { Docstring = d.Docstring };

    public static Parameter<T> Typed<T>(ParameterBase parameter) =>
        parameter as Parameter<T> ?? throw new InvalidCastException($"{parameter.FullName} holds {SnapshotJson.ClassName(parameter.ValueType)} values, not {SnapshotJson.ClassName(typeof(T))}.");

    private static Parameter<T> Configure<T>(Parameter<T> parameter, YamlParameterDefinition d)
    {
        if (d.Step is { } step)
            parameter.Step = step;
        if (d.InterDelay is { } inter)
            parameter.InterDelay = TimeSpan.FromSeconds(inter);
        if (d.PostDelay is { } post)
            parameter.PostDelay = TimeSpan.FromSeconds(post);
        return parameter;
    }

    /// <summary>Puts the channel id in place of <c>{channel}</c>; braces meant for string.Format stay as they are.</summary>
    private static string? Substitute(string? command, string? channelId) =>
        command is null || channelId is null ? command : command.Replace("{channel}", channelId, StringComparison.Ordinal);

    private static ValueMapping<bool> BoolMapping(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var mapping = new ValueMapping<bool>();
        foreach (var (value, token) in pairs)
            mapping.Add(bool.Parse(value), token);
        return mapping;
    }

    private static ValueMapping<string> StringMapping(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var mapping = new ValueMapping<string>();
        foreach (var (value, token) in pairs)
            mapping.Add(value, token);
        return mapping;
    }
}
