using System.Globalization;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// An instrument built from a YAML driver file: its parameters, functions and channel lists, with the SCPI defaults
/// of the C# drivers (line-feed terminations, 5 s timeout). <c>*RST</c>, <c>*CLS</c> and the error queue come from
/// <see cref="ScpiInstrument"/>.
/// </summary>
/// <remarks>
/// A driver that declares an interface is built by <see cref="Create"/> as the class implementing it
/// (<see cref="YamlPowerSupply"/>, <see cref="YamlMultimeter"/> …), so code written against the interface uses it as
/// it uses a C# driver.
/// </remarks>
public class YamlInstrument : ScpiInstrument
{
    private readonly Dictionary<string, IChannelList> _channelLists = new(StringComparer.Ordinal);

    /// <summary>Builds the instrument described by <paramref name="definition"/> over <paramref name="resource"/>.</summary>
    public YamlInstrument(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : this(definition, name, resource, options, channelFactory: null)
    {
    }

    /// <summary>
    /// Builds the instrument, making the channels of the first channel list with <paramref name="channelFactory"/>
    /// (the interface's channel class); the other lists, and every list without a factory, hold plain
    /// <see cref="YamlChannel"/>s.
    /// </summary>
    private protected YamlInstrument(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options, Func<YamlInstrument, string, int, YamlChannelsDefinition, YamlChannel>? channelFactory)
        : base(name, resource, options, LineFeedDefaults)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        foreach (var parameter in definition.Parameters)
            YamlParameters.Create(parameter, this, values: null);
        foreach (var function in definition.Functions)
            YamlParameters.CreateFunction(function, this, values: null);
        foreach (var list in definition.Channels)
        {
            var channels = new List<YamlChannel>();
            for (var index = 0; index < list.Ids.Count; index++)
            {
                var channelName = list.NamePattern.Replace("{channel}", list.Ids[index], StringComparison.Ordinal);
                var channel = channelFactory is not null && ReferenceEquals(list, definition.Channels[0])
                    ? channelFactory(this, channelName, index, list)
                    : new YamlChannel(this, channelName, index, list);
                channels.Add(AddSubmodule(channelName, channel));
            }
            _channelLists[list.Name] = AddSubmodule(list.Name, new ChannelList<YamlChannel>(this, list.Name, channels, snapshotable: false));
        }
    }

    /// <summary>The definition the instrument was built from.</summary>
    public YamlDriverDefinition Definition { get; }

    /// <summary>
    /// Builds the instrument <paramref name="definition"/> describes: the class implementing its declared interface
    /// (<see cref="YamlPowerSupply"/>, <see cref="YamlMultimeter"/> …), or a plain <see cref="YamlInstrument"/> when it
    /// declares none.
    /// </summary>
    public static YamlInstrument Create(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return YamlInterfaceContract.Find(definition.Interface) is { } contract
            ? contract.Create(definition, name, resource, options)
            : new YamlInstrument(definition, name, resource, options);
    }

    /// <summary>The class <see cref="Create"/> builds for <paramref name="definition"/>.</summary>
    public static Type InstrumentTypeOf(YamlDriverDefinition definition) =>
        YamlInterfaceContract.Find(definition?.Interface)?.InstrumentType ?? typeof(YamlInstrument);

    /// <summary>The channels of the first channel list: those a channelled interface counts from 1.</summary>
    private protected ChannelList<YamlChannel> InterfaceChannels => ChannelList(Definition.Channels[0].Name);

    /// <summary>Calls <paramref name="name"/>, a query the interface contract requires, and returns its reply.</summary>
    private protected string AskFunction(string name) =>
        Call(name) ?? throw new InvalidOperationException($"{FullName} ({Definition.Key}): the function '{name}' is not a query.");

    /// <summary>Calls <paramref name="name"/>, a query the interface contract requires, and returns its reply.</summary>
    private protected async ValueTask<string> AskFunctionAsync(string name, CancellationToken cancellationToken)
    {
        if (!Functions.TryGetValue(name, out var function))
            throw new KeyNotFoundException($"{FullName} ({Definition.Key}) has no function '{name}'; it has: {string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal))}.");
        return await function.CallAsync([], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{FullName} ({Definition.Key}): the function '{name}' is not a query.");
    }

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
public class YamlChannel : InstrumentChannel
{
    internal YamlChannel(YamlInstrument parent, string name, int index, YamlChannelsDefinition definition)
        : base(parent, name, definition.Ids[index])
    {
        var values = definition.Variables.ToDictionary(v => v.Key, v => v.Value[index], StringComparer.Ordinal);
        values["channel"] = definition.Ids[index];
        foreach (var parameter in definition.Parameters)
            YamlParameters.Create(parameter, this, values);
        foreach (var function in definition.Functions)
            YamlParameters.CreateFunction(function, this, values);
    }

    /// <summary>The parameter named <paramref name="name"/>, typed.</summary>
    public Parameter<T> Parameter<T>(string name) => YamlParameters.Typed<T>(Parameter(name));
}

/// <summary>Creates the typed parameters and functions a YAML definition describes.</summary>
internal static class YamlParameters
{
    private static readonly System.Reflection.MethodInfo EnumFactory = typeof(YamlParameters).GetMethod(nameof(CreateEnum), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    /// <summary>Creates the parameter; <paramref name="values"/> are put in place of <c>{channel}</c> and the list's variables.</summary>
    public static ParameterBase Create(YamlParameterDefinition d, InstrumentBase owner, IReadOnlyDictionary<string, string>? values)
    {
        if (d.InterfaceType is { IsEnum: true } enumType)
            return (ParameterBase)EnumFactory.MakeGenericMethod(enumType).Invoke(null, [d, owner, values])!;
        if (d.InterfaceType == typeof(int))
        {
            return Configure(new Parameter<int>(d.Name, owner)
            {
                GetCommand = Substitute(d.Get, values),
                SetCommand = Substitute(d.Set, values),
                Unit = d.Unit,
                Label = d.Label,
                Docstring = d.Docstring,
                Validator = d.Validator,
            }, d);
        }
        return d.Type switch
        {
            YamlValueType.Float => Configure(new Parameter<double>(d.Name, owner)
            {
                GetCommand = Substitute(d.Get, values),
                SetCommand = Substitute(d.Set, values),
                Unit = d.Unit,
                Label = d.Label,
                Docstring = d.Docstring,
                Validator = ChannelBounds(d, values) ?? d.Validator,
                Scale = d.Scale,
                Offset = d.Offset,
            }, d),
            YamlValueType.Int => Configure(new Parameter<long>(d.Name, owner)
            {
                GetCommand = Substitute(d.Get, values),
                SetCommand = Substitute(d.Set, values),
                Unit = d.Unit,
                Label = d.Label,
                Docstring = d.Docstring,
                Validator = d.Validator,
            }, d),
            YamlValueType.Bool => Configure(new Parameter<bool>(d.Name, owner)
            {
                GetCommand = Substitute(d.Get, values),
                SetCommand = Substitute(d.Set, values),
                Unit = d.Unit,
                Label = d.Label,
                Docstring = d.Docstring,
                Mapping = d.Mapping.Count == 0 ? null : BoolMapping(d.Mapping, d.Replies),
            }, d),
            _ => Configure(new Parameter<string>(d.Name, owner)
            {
                GetCommand = Substitute(d.Get, values),
                SetCommand = Substitute(d.Set, values),
                Unit = d.Unit,
                Label = d.Label,
                Docstring = d.Docstring,
                Validator = d.Validator,
                Mapping = d.Mapping.Count == 0 ? null : Mapping(d.Mapping, d.Replies, v => v),
                SetFormatter = d.Quoted ? ScpiString.Quote : null,
            }, d),
        };
    }

    /// <summary>
    /// The validator of a float parameter whose bounds are channel variables (each output's own rating): the loader
    /// left those bounds open, and the channel's values close them; null when no bound is a variable.
    /// </summary>
    private static Validators.Numbers? ChannelBounds(YamlParameterDefinition d, IReadOnlyDictionary<string, string>? values)
    {
        if ((d.MinVariable is null && d.MaxVariable is null) || values is null)
            return null;
        var fixedBounds = d.Validator as Validators.Numbers;
        var min = d.MinVariable is { } lo ? double.Parse(values[lo], CultureInfo.InvariantCulture) : fixedBounds?.Min ?? double.NegativeInfinity;
        var max = d.MaxVariable is { } hi ? double.Parse(values[hi], CultureInfo.InvariantCulture) : fixedBounds?.Max ?? double.PositiveInfinity;
        return new Validators.Numbers(min, max);
    }

    public static InstrumentFunction CreateFunction(YamlFunctionDefinition d, InstrumentBase owner, IReadOnlyDictionary<string, string>? values) =>
        new(d.Name, owner, Substitute(d.Command, values)!, [.. d.Arguments]) { Docstring = d.Docstring };

    public static Parameter<T> Typed<T>(ParameterBase parameter) =>
        parameter as Parameter<T> ?? throw new InvalidCastException($"{parameter.FullName} holds {SnapshotJson.ClassName(parameter.ValueType)} values, not {SnapshotJson.ClassName(typeof(T))}.");

    /// <summary>A parameter of an interface's enum type (a load's mode), mapped from the file's value names.</summary>
    private static Parameter<TEnum> CreateEnum<TEnum>(YamlParameterDefinition d, InstrumentBase owner, IReadOnlyDictionary<string, string>? values)
        where TEnum : struct, Enum =>
        Configure(new Parameter<TEnum>(d.Name, owner)
        {
            GetCommand = Substitute(d.Get, values),
            SetCommand = Substitute(d.Set, values),
            Unit = d.Unit,
            Label = d.Label,
            Docstring = d.Docstring,
            Mapping = Mapping(d.Mapping, d.Replies, v => Enum.Parse<TEnum>(v, ignoreCase: true)),
        }, d);

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

    /// <summary>
    /// Puts the channel id in place of <c>{channel}</c> and each list variable in place of its <c>{name}</c>; braces
    /// meant for string.Format (<c>{0}</c>) stay as they are.
    /// </summary>
    private static string? Substitute(string? command, IReadOnlyDictionary<string, string>? values)
    {
        if (command is null || values is null)
            return command;
        foreach (var (name, value) in values)
            command = command.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return command;
    }

    /// <summary>
    /// The file's mapping for a bool; replies of 1/0, ON/OFF and TRUE/FALSE read as true/false too, since most
    /// instruments answer 1 or 0 to a switch they are sent ON or OFF.
    /// </summary>
    private static ValueMapping<bool> BoolMapping(IReadOnlyList<KeyValuePair<string, string>> pairs, IReadOnlyList<KeyValuePair<string, string>> replies)
    {
        var mapping = Mapping(pairs, replies, bool.Parse);
        foreach (var alias in new[] { "1", "ON", "TRUE" })
            mapping.AddReplyAlias(alias, true);
        foreach (var alias in new[] { "0", "OFF", "FALSE" })
            mapping.AddReplyAlias(alias, false);
        return mapping;
    }

    private static ValueMapping<T> Mapping<T>(IReadOnlyList<KeyValuePair<string, string>> pairs, IReadOnlyList<KeyValuePair<string, string>> replies, Func<string, T> parse)
    {
        var mapping = new ValueMapping<T>();
        foreach (var (value, token) in pairs)
            mapping.Add(parse(value), token);
        foreach (var (token, value) in replies)
        {
            // A reply names a value as the file writes it (case aside); map it to that value.
            var key = pairs.First(p => string.Equals(p.Key, value, StringComparison.OrdinalIgnoreCase)).Key;
            mapping.AddReplyAlias(token, parse(key));
        }
        return mapping;
    }
}
