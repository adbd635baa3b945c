using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>
/// What instruments and their modules (channels) share: parameters, functions and submodules by name, metadata,
/// snapshots, and I/O that always goes through the root instrument's single lock.
/// </summary>
public abstract partial class InstrumentBase : ISnapshotable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ParameterBase> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstrumentFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ISnapshotable> _submodules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _metadata = new(StringComparer.Ordinal);

    /// <summary>Creates the component; <paramref name="name"/> must be a valid identifier.</summary>
    protected InstrumentBase(string name, string? label, string kind)
    {
        InstrumentNames.ThrowIfInvalid(name, kind);
        Name = name;
        Label = label ?? name;
    }

    /// <summary>The short name, e.g. <c>ch1</c> or <c>psu</c>.</summary>
    public string Name { get; }

    /// <summary>The name with its parents', joined by '_', e.g. <c>psu_ch1</c>.</summary>
    public abstract string FullName { get; }

    /// <summary>A label for snapshots and displays.</summary>
    public string Label { get; }

    /// <summary>The top-level instrument, which owns the connection.</summary>
    public abstract Instrument Root { get; }

    /// <summary>The parameters by short name, in the order added.</summary>
    public IReadOnlyDictionary<string, ParameterBase> Parameters
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, ParameterBase>(_parameters);
        }
    }

    /// <summary>The functions by name.</summary>
    public IReadOnlyDictionary<string, InstrumentFunction> Functions
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, InstrumentFunction>(_functions);
        }
    }

    /// <summary>The submodules (channels, channel lists, modules) by name.</summary>
    public IReadOnlyDictionary<string, ISnapshotable> Submodules
    {
        get
        {
            lock (_gate)
                return new Dictionary<string, ISnapshotable>(_submodules);
        }
    }

    /// <summary>Free-form facts written into snapshots under <c>metadata</c> when not empty.</summary>
    public IDictionary<string, object?> Metadata => _metadata;

    /// <summary>The parameter named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the names there are.</summary>
    public ParameterBase Parameter(string name)
    {
        lock (_gate)
        {
            if (_parameters.TryGetValue(name, out var parameter))
                return parameter;
            throw new KeyNotFoundException($"{FullName} has no parameter named '{name}'; it has: {string.Join(", ", _parameters.Keys)}.");
        }
    }

    /// <summary>Removes a parameter (e.g. when a mode change makes it meaningless); false when there was none.</summary>
    public bool RemoveParameter(string name)
    {
        lock (_gate)
            return _parameters.Remove(name);
    }

    /// <summary>Adds a submodule (a channel, a module or a channel list) under <paramref name="name"/>.</summary>
    public T AddSubmodule<T>(string name, T submodule)
        where T : ISnapshotable
    {
        ArgumentNullException.ThrowIfNull(submodule);
        InstrumentNames.ThrowIfInvalid(name, "submodule");
        lock (_gate)
        {
            if (_submodules.ContainsKey(name))
                throw new ArgumentException($"{FullName} already has a submodule named '{name}'.", nameof(name));
            _submodules[name] = submodule;
        }
        return submodule;
    }

    /// <summary>Marks every cached value of this component and its submodules stale (e.g. after front-panel changes).</summary>
    public void InvalidateCache()
    {
        foreach (var parameter in ((ISnapshotable)this).SnapshotParameters())
            parameter.InvalidateCache();
    }

    /// <summary>Checks every parameter's definition here and in submodules; throws for the first that cannot work.</summary>
    public void CheckDefinitions()
    {
        foreach (var parameter in AllParameters())
            parameter.CheckDefinition();
    }

    /// <summary>
    /// Every parameter of this component and its submodules, snapshot-excluded ones included, each once (a channel that
    /// is both a submodule and in a channel list is visited once).
    /// </summary>
    public IEnumerable<ParameterBase> AllParameters() => Collect(new HashSet<InstrumentBase>(ReferenceEqualityComparer.Instance));

    private List<ParameterBase> Collect(HashSet<InstrumentBase> visited)
    {
        var result = new List<ParameterBase>();
        if (!visited.Add(this))
            return result;
        List<ISnapshotable> modules;
        lock (_gate)
        {
            result.AddRange(_parameters.Values);
            modules = [.. _submodules.Values];
        }
        foreach (var module in modules)
        {
            switch (module)
            {
                case InstrumentBase component:
                    result.AddRange(component.Collect(visited));
                    break;
                case IChannelList list:
                    foreach (var channel in list.Channels)
                        result.AddRange(channel.Collect(visited));
                    break;
                default:
                    result.AddRange(module.SnapshotParameters());
                    break;
            }
        }
        return result;
    }

    /// <summary>Reads what <paramref name="update"/> asks for, then returns the snapshot (see <see cref="BuildSnapshot"/>).</summary>
    public JsonObject Snapshot(SnapshotUpdate update = SnapshotUpdate.OnlyStale) => Snapshots.Take(this, update);

    /// <summary>Reads what <paramref name="update"/> asks for, then returns the snapshot.</summary>
    public ValueTask<JsonObject> SnapshotAsync(SnapshotUpdate update = SnapshotUpdate.OnlyStale, CancellationToken cancellationToken = default) =>
        Snapshots.TakeAsync(this, update, cancellationToken);

    /// <summary>The readable console form of the snapshot (QCoDeS's <c>print_readable_snapshot</c>).</summary>
    public string ReadableSnapshot(SnapshotUpdate update = SnapshotUpdate.Never, int maxChars = 80) =>
        SnapshotText.Format(Snapshot(update), maxChars);

    /// <inheritdoc/>
    public IEnumerable<ParameterBase> SnapshotParameters()
    {
        List<ParameterBase> own;
        List<ISnapshotable> modules;
        lock (_gate)
        {
            own = [.. _parameters.Values.Where(p => !p.SnapshotExclude)];
            modules = [.. _submodules.Values];
        }
        return own.Concat(modules.SelectMany(m => m.SnapshotParameters()));
    }

    /// <summary>
    /// The snapshot from cached values, with QCoDeS's keys: <c>functions</c>, <c>submodules</c>, <c>__class__</c>,
    /// <c>parameters</c>, <c>name</c>, <c>label</c>, and <c>metadata</c> when there is any.
    /// </summary>
    public virtual JsonObject BuildSnapshot()
    {
        List<KeyValuePair<string, ParameterBase>> parameters;
        List<KeyValuePair<string, InstrumentFunction>> functions;
        List<KeyValuePair<string, ISnapshotable>> submodules;
        lock (_gate)
        {
            parameters = [.. _parameters];
            functions = [.. _functions];
            submodules = [.. _submodules];
        }
        var snapshot = new JsonObject
        {
            ["functions"] = new JsonObject([.. functions.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value.BuildSnapshot()))]),
            ["submodules"] = new JsonObject([.. submodules.Select(m => new KeyValuePair<string, JsonNode?>(m.Key, m.Value.BuildSnapshot()))]),
            ["__class__"] = SnapshotJson.ClassName(GetType()),
            ["parameters"] = new JsonObject([.. parameters.Where(p => !p.Value.SnapshotExclude)
                .Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value.BuildSnapshot()))]),
            ["name"] = FullName,
            ["label"] = Label,
        };
        AddSnapshotDetails(snapshot);
        if (_metadata.Count > 0)
            snapshot["metadata"] = SnapshotJson.ToNode(_metadata);
        return snapshot;
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name}: {FullName}>";

    /// <summary>Adds keys of a derived class (an instrument's address and timeout) to its snapshot.</summary>
    protected virtual void AddSnapshotDetails(JsonObject snapshot)
    {
    }

    internal void AddParameter(ParameterBase parameter)
    {
        lock (_gate)
        {
            if (_parameters.ContainsKey(parameter.Name))
                throw new ArgumentException($"{FullName} already has a parameter named '{parameter.Name}'.", nameof(parameter));
            _parameters[parameter.Name] = parameter;
        }
    }

    internal void AddFunction(InstrumentFunction function)
    {
        lock (_gate)
        {
            if (_functions.ContainsKey(function.Name))
                throw new ArgumentException($"{FullName} already has a function named '{function.Name}'.", nameof(function));
            _functions[function.Name] = function;
        }
    }
}
