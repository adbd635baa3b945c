using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>
/// What every parameter has, whatever its value type: a name bound to an instrument, a label and a unit, snapshot
/// flags, metadata and safety limits. <see cref="Parameter{T}"/> adds the typed value pipeline.
/// </summary>
public abstract class ParameterBase : ISnapshotable
{
    private readonly Dictionary<string, object?> _metadata = new(StringComparer.Ordinal);
    private volatile SafetyLimits? _safetyLimits;

    /// <summary>Creates the parameter and, when <paramref name="instrument"/> is given, adds it to that instrument's parameters.</summary>
    /// <param name="name">A valid identifier, unique within the instrument (e.g. <c>voltage</c>).</param>
    /// <param name="instrument">The instrument or channel it belongs to; null for a free-standing parameter.</param>
    protected ParameterBase(string name, InstrumentBase? instrument)
    {
        InstrumentNames.ThrowIfInvalid(name, "parameter");
        Name = name;
        Instrument = instrument;
        instrument?.AddParameter(this);
    }

    /// <summary>The short name, e.g. <c>voltage</c>.</summary>
    public string Name { get; }

    /// <summary>The instrument or channel the parameter belongs to.</summary>
    public InstrumentBase? Instrument { get; }

    /// <summary>The name joined to its instrument's full name, e.g. <c>psu_ch1_voltage</c>.</summary>
    public string FullName => Instrument is null ? Name : Instrument.FullName + "_" + Name;

    /// <summary>A label for plots and tables; when not given, <see cref="DefaultLabel"/> (the name).</summary>
    [AllowNull]
    public string Label { get => field ?? DefaultLabel; init; }

    /// <summary>The unit, e.g. <c>V</c>; when not given, <see cref="DefaultUnit"/> (empty: none).</summary>
    [AllowNull]
    public string Unit { get => field ?? DefaultUnit; init => field = value; }

    /// <summary>The label when none is given: the name; a delegate parameter uses its source's.</summary>
    protected virtual string DefaultLabel => Name;

    /// <summary>The unit when none is given: none; a delegate parameter uses its source's.</summary>
    protected virtual string DefaultUnit => "";

    /// <summary>What the parameter is, for help texts.</summary>
    public string? Docstring { get; init; }

    /// <summary>Whether snapshots may read the parameter (false for reads that change the instrument's mode). Default true.</summary>
    public bool SnapshotGet { get; init; } = true;

    /// <summary>Whether snapshots include the value and raw value. Default true.</summary>
    public bool SnapshotValue { get; init; } = true;

    /// <summary>Whether snapshots leave the parameter out entirely. Default false.</summary>
    public bool SnapshotExclude { get; init; }

    /// <summary>Free-form facts written into snapshots under <c>metadata</c> when not empty.</summary>
    public IDictionary<string, object?> Metadata => _metadata;

    /// <summary>
    /// Bounds enforced on every value sent or recorded, whatever the path (see <see cref="Instruments.SafetyLimits"/>);
    /// null for none. Only numeric parameters accept limits.
    /// </summary>
    public SafetyLimits? SafetyLimits
    {
        get => _safetyLimits;
        set
        {
            if (value is not null && !IsNumeric)
                throw new InvalidOperationException($"{FullName} holds {SnapshotJson.ClassName(ValueType)} values, so it cannot take numeric safety limits ({value}).");
            _safetyLimits = value;
        }
    }

    /// <summary>True when the value can be read (from a command, a delegate, or the cache of a manual parameter).</summary>
    public abstract bool Gettable { get; }

    /// <summary>True when the value can be set.</summary>
    public abstract bool Settable { get; }

    /// <summary>True for a parameter with neither a command nor a delegate: it only keeps the value it is given.</summary>
    public abstract bool IsManual { get; }

    /// <summary>The validators, in the order they are checked.</summary>
    public abstract IReadOnlyList<Validator> Validators { get; }

    /// <summary>The value type.</summary>
    public abstract Type ValueType { get; }

    /// <summary>True when the value type is a number.</summary>
    public abstract bool IsNumeric { get; }

    /// <summary>The cached value, boxed; null when there is none.</summary>
    public abstract object? CachedValue { get; }

    /// <summary>The cached raw value (as sent to or read from the instrument), boxed.</summary>
    public abstract object? CachedRawValue { get; }

    /// <summary>When the cached value was set or read; null when never.</summary>
    public abstract DateTimeOffset? CachedTimestamp { get; }

    /// <summary>True when the cache holds a value younger than its maximum age.</summary>
    public abstract bool IsCacheValid { get; }

    /// <summary>Reads the value and returns it boxed (for tools that do not know the type).</summary>
    public abstract object? GetObject();

    /// <summary>Reads the value and returns it boxed.</summary>
    public abstract ValueTask<object?> GetObjectAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the problem when the definition cannot work.</summary>
    public abstract void CheckDefinition();

    /// <summary>Marks the cached value stale, so the next snapshot or cache read asks the instrument.</summary>
    public abstract void InvalidateCache();

    /// <summary>The logger of the instrument the parameter belongs to.</summary>
    protected ILogger Logger => Instrument?.Root.Logger ?? NullLogger.Instance;

    /// <summary>The context validation messages end with: "Parameter: psu_ch1_voltage".</summary>
    protected string Context => "Parameter: " + FullName;

    /// <summary>The clock for cache timestamps.</summary>
    protected TimeProvider Clock => Instrument?.Root.TimeProvider ?? TimeProvider.System;

    /// <summary>Checks <paramref name="value"/> against the safety limits; throws <see cref="SafetyLimitException"/>.</summary>
    protected void CheckSafetyLimits(object? value)
    {
        if (_safetyLimits is not { } limits)
            return;
        var number = value switch
        {
            null => double.NaN,
            _ when NumericValue.TryGetDouble(value, out var d) => d,
            _ => double.NaN,
        };
        var problem = limits.Check(number, Unit);
        if (problem is not null)
            throw new SafetyLimitException(value, limits, problem, Context);
    }

    IEnumerable<ParameterBase> ISnapshotable.SnapshotParameters() => [this];

    /// <summary>Whether a snapshot taken with <paramref name="update"/> reads this parameter first.</summary>
    public bool NeedsSnapshotRead(SnapshotUpdate update) =>
        // As in QCoDeS, a parameter whose value the snapshot does not hold is never read for it.
        !SnapshotExclude && SnapshotValue && SnapshotGet && Gettable && !IsManual && update switch
        {
            SnapshotUpdate.All => true,
            SnapshotUpdate.OnlyStale => !IsCacheValid,
            _ => false,
        };

    /// <summary>Reads the value for a snapshot; a failure is logged and the snapshot keeps the cached value.</summary>
    internal void RefreshForSnapshot()
    {
        try
        {
            GetObject();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotFailure(e);
        }
    }

    /// <summary>Reads the value for a snapshot; a failure is logged and the snapshot keeps the cached value.</summary>
    internal async ValueTask RefreshForSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GetObjectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotFailure(e);
        }
    }

    /// <summary>
    /// The parameter's snapshot with QCoDeS's keys: <c>__class__</c>, <c>full_name</c>, <c>value</c>, <c>raw_value</c>,
    /// <c>ts</c>, <c>instrument</c>, <c>instrument_name</c>, <c>inter_delay</c>, <c>post_delay</c>, <c>name</c>,
    /// <c>label</c>, <c>unit</c>, <c>validators</c>, then when set <c>vals</c>, <c>step</c>, <c>scale</c>, <c>offset</c>,
    /// <c>val_mapping</c>, <c>safety_limits</c> and <c>metadata</c>.
    /// </summary>
    public JsonObject BuildSnapshot()
    {
        var snapshot = new JsonObject
        {
            ["__class__"] = SnapshotJson.ClassName(GetType()),
            ["full_name"] = FullName,
        };
        if (SnapshotValue)
        {
            snapshot["value"] = SnapshotJson.ToNode(CachedValue);
            snapshot["raw_value"] = SnapshotJson.ToNode(CachedRawValue);
        }
        snapshot["ts"] = CachedTimestamp is { } ts ? SnapshotJson.Timestamp(ts) : null;
        if (Instrument is not null)
        {
            snapshot["instrument"] = SnapshotJson.ClassName(Instrument.GetType());
            snapshot["instrument_name"] = Instrument.FullName;
        }
        snapshot["inter_delay"] = DelaySeconds(InterDelayForSnapshot);
        snapshot["post_delay"] = DelaySeconds(PostDelayForSnapshot);
        snapshot["name"] = Name;
        if (HasSingleLabelAndUnit)
        {
            snapshot["label"] = Label;
            snapshot["unit"] = Unit;
        }
        snapshot["validators"] = new JsonArray([.. Validators.Select(v => (JsonNode?)JsonValue.Create(v.Repr))]);
        if (Validators.Count > 0)
            snapshot["vals"] = Validators[0].Repr;
        AddConversionSnapshot(snapshot);
        if (_safetyLimits is { } limits)
        {
            snapshot["safety_limits"] = new JsonObject
            {
                ["min"] = limits.Min is { } min ? SnapshotJson.Real(min) : null,
                ["max"] = limits.Max is { } max ? SnapshotJson.Real(max) : null,
                ["source"] = limits.Source,
            };
        }
        if (_metadata.Count > 0)
            snapshot["metadata"] = SnapshotJson.ToNode(_metadata);
        return snapshot;
    }

    /// <summary>False for a parameter with a label and a unit per value (a multi-parameter), whose snapshot has neither key.</summary>
    private protected virtual bool HasSingleLabelAndUnit => true;

    /// <summary>The inter-delay written into snapshots.</summary>
    private protected abstract TimeSpan InterDelayForSnapshot { get; }

    /// <summary>The post-delay written into snapshots.</summary>
    private protected abstract TimeSpan PostDelayForSnapshot { get; }

    /// <summary>Adds <c>step</c>, <c>scale</c>, <c>offset</c> and <c>val_mapping</c> when they are set.</summary>
    private protected abstract void AddConversionSnapshot(JsonObject snapshot);

    /// <inheritdoc/>
    public override string ToString() => $"{SnapshotJson.ClassName(GetType())} {FullName}";

    private static JsonNode DelaySeconds(TimeSpan delay) =>
        delay.Ticks % TimeSpan.TicksPerSecond == 0 ? JsonValue.Create((long)delay.TotalSeconds) : SnapshotJson.Real(delay.TotalSeconds);

    private void LogSnapshotFailure(Exception e)
    {
        if (Logger.IsEnabled(LogLevel.Warning))
            Logger.LogWarning(e, "Snapshot: reading {Parameter} failed, so the snapshot keeps its cached value: {Message}", FullName, e.Message);
    }
}
