using System.Collections;
using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>The channels of a list, whatever their type.</summary>
public interface IChannelList : ISnapshotable
{
    /// <summary>The list's name, e.g. <c>channels</c>.</summary>
    string Name { get; }

    /// <summary>The channels in order.</summary>
    IReadOnlyList<InstrumentModule> Channels { get; }
}

/// <summary>
/// An ordered, fixed list of like channels: indexable by position and by name, with parameters read and set on all
/// channels at once (<c>psu.Channels.Set(c =&gt; c.Output, false)</c>).
/// </summary>
/// <typeparam name="TChannel">The channel type.</typeparam>
public sealed class ChannelList<TChannel> : IReadOnlyList<TChannel>, IChannelList
    where TChannel : InstrumentModule
{
    private readonly TChannel[] _channels;

    /// <summary>Creates the list.</summary>
    /// <param name="parent">The instrument the channels belong to.</param>
    /// <param name="name">The list's name.</param>
    /// <param name="channels">The channels, each a child of <paramref name="parent"/>, with distinct names.</param>
    /// <param name="snapshotable">
    /// Whether the list's snapshot lists its channels; false when the channels are also added one by one as submodules,
    /// so a snapshot does not hold each channel twice.
    /// </param>
    public ChannelList(InstrumentBase parent, string name, IEnumerable<TChannel> channels, bool snapshotable = true)
    {
        Parent = parent ?? throw new ArgumentNullException(nameof(parent));
        InstrumentNames.ThrowIfInvalid(name, "channel list");
        Name = name;
        _channels = [.. channels ?? throw new ArgumentNullException(nameof(channels))];
        Snapshotable = snapshotable;
        foreach (var channel in _channels)
        {
            if (!ReferenceEquals(channel.Parent, parent))
                throw new ArgumentException($"{channel.FullName} belongs to {channel.Parent.FullName}, not to {parent.FullName}.", nameof(channels));
        }
        var duplicate = _channels.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two channels of {parent.FullName}.{name} are named '{duplicate.Key}'.", nameof(channels));
    }

    /// <summary>The instrument.</summary>
    public InstrumentBase Parent { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Whether the snapshot lists the channels.</summary>
    public bool Snapshotable { get; }

    /// <inheritdoc/>
    public int Count => _channels.Length;

    IReadOnlyList<InstrumentModule> IChannelList.Channels => _channels;

    /// <summary>The channel at <paramref name="index"/> (from 0).</summary>
    public TChannel this[int index] =>
        index >= 0 && index < _channels.Length
            ? _channels[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"{Parent.FullName}.{Name} has {_channels.Length} channels, indexed 0 to {_channels.Length - 1}.");

    /// <summary>The channel whose short or full name is <paramref name="name"/>.</summary>
    public TChannel this[string name] =>
        TryGet(name, out var channel)
            ? channel
            : throw new KeyNotFoundException($"{Parent.FullName}.{Name} has no channel named '{name}'; it has: {string.Join(", ", _channels.Select(c => c.Name))}.");

    /// <summary>The channel whose short or full name is <paramref name="name"/>.</summary>
    public bool TryGet(string name, out TChannel channel)
    {
        foreach (var c in _channels)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal) || string.Equals(c.FullName, name, StringComparison.Ordinal))
            {
                channel = c;
                return true;
            }
        }
        channel = null!;
        return false;
    }

    /// <summary>The channels whose names are given, in that order, as a list of their own.</summary>
    public ChannelList<TChannel> Select(params string[] names) => Subset(names.Select(n => this[n]));

    /// <summary>
    /// The channels from <paramref name="start"/>, <paramref name="length"/> of them, as a list of their own (QCoDeS's
    /// slices return a channel list, not a plain list); C# range syntax uses it: <c>psu.Channels[1..3]</c>.
    /// </summary>
    public ChannelList<TChannel> Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > _channels.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"{Parent.FullName}.{Name} has {_channels.Length} channels; the slice from {start} of {length} does not fit.");
        return Subset(_channels.Skip(start).Take(length));
    }

    /// <summary>The channels at <paramref name="indices"/> (from 0), in that order, as a list of their own.</summary>
    public ChannelList<TChannel> Pick(params int[] indices) => Subset(indices.Select(i => this[i]));

    /// <summary>Calls the function <paramref name="function"/> of every channel with the same arguments; the replies in order.</summary>
    /// <exception cref="KeyNotFoundException">A channel has no function of that name; nothing was called.</exception>
    public IReadOnlyList<string?> Call(string function, params object?[] arguments)
    {
        var functions = FunctionOnAll(function);
        return [.. functions.Select(f => f.Call(arguments))];
    }

    /// <summary>The asynchronous form of <see cref="Call"/>; the channels are called one after another.</summary>
    public async ValueTask<IReadOnlyList<string?>> CallAsync(string function, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
    {
        var functions = FunctionOnAll(function);
        var replies = new List<string?>(functions.Count);
        foreach (var f in functions)
            replies.Add(await f.CallAsync(arguments, cancellationToken).ConfigureAwait(false));
        return replies;
    }

    /// <summary>Runs <paramref name="action"/> on every channel, in order (a method of the channel type, say).</summary>
    public void ForEach(Action<TChannel> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var channel in _channels)
            action(channel);
    }

    private ChannelList<TChannel> Subset(IEnumerable<TChannel> channels) => new(Parent, Name, channels, Snapshotable);

    private List<InstrumentFunction> FunctionOnAll(string function)
    {
        var found = new List<InstrumentFunction>(_channels.Length);
        foreach (var channel in _channels)
        {
            if (!channel.Functions.TryGetValue(function, out var f))
                throw new KeyNotFoundException($"{channel.FullName} has no function '{function}' (it has: {string.Join(", ", channel.Functions.Keys.Order(StringComparer.Ordinal))}); nothing was called on {Parent.FullName}.{Name}.");
            found.Add(f);
        }
        return found;
    }

    /// <summary>One parameter across all channels, to get or set at once.</summary>
    public MultiChannelParameter<TChannel, TValue> Parameter<TValue>(Func<TChannel, Parameter<TValue>> select) =>
        new(this, select);

    /// <summary>Reads a parameter on every channel, in order.</summary>
    public IReadOnlyList<TValue> Get<TValue>(Func<TChannel, Parameter<TValue>> select) => Parameter(select).Get();

    /// <summary>Reads a parameter on every channel, in order.</summary>
    public ValueTask<IReadOnlyList<TValue>> GetAsync<TValue>(Func<TChannel, Parameter<TValue>> select, CancellationToken cancellationToken = default) =>
        Parameter(select).GetAsync(cancellationToken);

    /// <summary>Sets a parameter on every channel; all are validated before any is sent.</summary>
    public void Set<TValue>(Func<TChannel, Parameter<TValue>> select, TValue value) => Parameter(select).Set(value);

    /// <summary>Sets a parameter on every channel; all are validated before any is sent.</summary>
    public ValueTask SetAsync<TValue>(Func<TChannel, Parameter<TValue>> select, TValue value, CancellationToken cancellationToken = default) =>
        Parameter(select).SetAsync(value, cancellationToken);

    /// <inheritdoc/>
    public IEnumerator<TChannel> GetEnumerator() => ((IEnumerable<TChannel>)_channels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public IEnumerable<ParameterBase> SnapshotParameters() =>
        Snapshotable ? _channels.SelectMany(c => c.SnapshotParameters()) : [];

    /// <summary>
    /// <c>{"channels": {full name: channel snapshot}, "snapshotable": true, "__class__": …}</c>, or without
    /// <c>channels</c> when the list is not snapshotable.
    /// </summary>
    public JsonObject BuildSnapshot()
    {
        var snapshot = new JsonObject();
        if (Snapshotable)
            snapshot["channels"] = new JsonObject([.. _channels.Select(c => new KeyValuePair<string, JsonNode?>(c.FullName, c.BuildSnapshot()))]);
        snapshot["snapshotable"] = Snapshotable;
        snapshot["__class__"] = SnapshotJson.ClassName(GetType());
        return snapshot;
    }
}
