using System.Globalization;
using System.Text.Json.Nodes;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>
/// A typed instrument setting or reading: <c>psu.Channel(1).Voltage.Set(5.0)</c>, <c>await dmm.Voltage.GetAsync()</c>.
/// The value travels through validators and safety limits, an optional ramp, a value mapping or scale and offset, a
/// parser or formatter, and a SCPI command template or a delegate; the result lands in <see cref="Cache"/>.
/// </summary>
/// <remarks>
/// Configure with an object initializer: <c>new Parameter&lt;double&gt;("voltage", this) { Unit = "V", GetCommand = "VOLT?",
/// SetCommand = "VOLT {0}", Validator = new Numbers(0, 6) }</c>. A parameter with neither commands nor delegates is a
/// manual parameter: it only keeps the value it is given (QCoDeS's <c>ManualParameter</c>). Commands and delegates
/// exchange raw values: after mapping, scale and offset on the way out, before them on the way in.
/// </remarks>
/// <typeparam name="T">The value type: a number, bool, string, enum, array, or any type with a parser and formatter.</typeparam>
public partial class Parameter<T> : ParameterBase
{
    private readonly List<Validator> _validators = [];
    private readonly Lock _validatorsGate = new();
    private double? _step;
    private TimeSpan _interDelay;
    private TimeSpan _postDelay;
    private volatile string? _definitionChecked;

    /// <summary>Creates the parameter and, when <paramref name="instrument"/> is given, adds it to that instrument.</summary>
    public Parameter(string name, InstrumentBase? instrument = null)
        : base(name, instrument)
    {
        Cache = new ParameterCache<T>(this);
    }

    /// <summary>The query that reads the value, e.g. <c>SOUR:VOLT? (@1)</c>.</summary>
    public string? GetCommand { get; init; }

    /// <summary>The command that sets it, with <c>{0}</c> for the value, e.g. <c>SOUR:VOLT {0},(@1)</c>; <c>{0:F3}</c> formats a number.</summary>
    public string? SetCommand { get; init; }

    /// <summary>Reads the raw value in code instead of with a command.</summary>
    public Func<T>? Getter { get; init; }

    /// <summary>Reads the raw value asynchronously; a parameter with only this getter must be read with <see cref="GetAsync"/>.</summary>
    public Func<CancellationToken, ValueTask<T>>? AsyncGetter { get; init; }

    /// <summary>Sets the raw value in code instead of with a command.</summary>
    public Action<T>? Setter { get; init; }

    /// <summary>Sets the raw value asynchronously; a parameter with only this setter must be set with <see cref="SetAsync"/>.</summary>
    public Func<T, CancellationToken, ValueTask>? AsyncSetter { get; init; }

    /// <summary>Turns a reply into the raw value, instead of the default SCPI parsing.</summary>
    public Func<string, T>? GetParser { get; init; }

    /// <summary>Turns the raw value into the text put into <see cref="SetCommand"/>, instead of the default formatting.</summary>
    public Func<T, string>? SetFormatter { get; init; }

    /// <summary>Maps values to instrument tokens (enum members, ON/OFF); with no validator, only mapped values are accepted.</summary>
    public ValueMapping<T>? Mapping { get; init; }

    /// <summary>Raw = value × scale + offset (e.g. a voltage divider); for <c>double</c> and <c>double[]</c> parameters.</summary>
    public double? Scale
    {
        get;
        init => field = value is 0 or double.NaN ? throw new ArgumentOutOfRangeException(nameof(Scale), value, $"{FullName}: a scale of {value} cannot be undone on reading.") : value;
    }

    /// <summary>Raw = value × scale + offset; for <c>double</c> and <c>double[]</c> parameters.</summary>
    public double? Offset { get; init; }

    /// <summary>The first validator (QCoDeS's <c>vals</c>); more can be added with <see cref="AddValidator"/>.</summary>
    public Validator? Validator
    {
        get
        {
            lock (_validatorsGate)
                return _validators.Count > 0 ? _validators[0] : null;
        }
        init
        {
            lock (_validatorsGate)
            {
                _validators.RemoveAll(v => true);
                if (value is not null)
                    _validators.Add(value);
            }
        }
    }

    /// <summary>The largest change sent in one command; a set ramps from the current value in steps this size. Null: jump.</summary>
    public double? Step
    {
        get => _step;
        set
        {
            if (value is { } step)
            {
                if (!NumericOps<T>.IsNumeric)
                    throw new InvalidOperationException($"{FullName} holds {SnapshotJson.ClassName(typeof(T))} values, which cannot be ramped; a step needs a number type.");
                if (!(step > 0) || double.IsInfinity(step))
                    throw new ArgumentOutOfRangeException(nameof(Step), value, $"{FullName}: the step must be a positive number.");
                if (NumericOps<T>.IsIntegral && step != Math.Floor(step))
                    throw new ArgumentOutOfRangeException(nameof(Step), value, $"{FullName} holds integers, so its step must be a whole number.");
            }
            _step = value;
        }
    }

    /// <summary>The least time between two sets (ramp steps included).</summary>
    public TimeSpan InterDelay
    {
        get => _interDelay;
        set => _interDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(InterDelay), value, $"{FullName}: a delay cannot be negative.");
    }

    /// <summary>The least time a set takes: after the command it waits until this much has passed since the set began (settling).</summary>
    public TimeSpan PostDelay
    {
        get => _postDelay;
        set => _postDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(PostDelay), value, $"{FullName}: a delay cannot be negative.");
    }

    /// <summary>How long a read or set value stays valid in the cache; null for forever.</summary>
    public TimeSpan? MaxValueAge
    {
        get => Cache.MaxValueAge;
        init => Cache.MaxValueAge = value;
    }

    /// <summary>A starting value put in the cache without sending it (for manual parameters, a known power-on state).</summary>
    public T InitialValue
    {
        init => Cache.Update(value, value);
    }

    /// <summary>Whether to check the instrument's error queue after this parameter's commands; null follows the instrument.</summary>
    public bool? CheckErrors { get; init; }

    /// <summary>
    /// Called after every successful set (each ramp step), with the value set; may be changed at any time. When it is
    /// null, the instrument-wide <see cref="Instrument.OnParameterSet"/> is called instead (QCoDeS's
    /// <c>on_set_callback</c> and its class-wide fallback).
    /// </summary>
    public Action<T>? OnSet { get; set; }

    /// <summary>The last value set or read.</summary>
    public ParameterCache<T> Cache { get; }

    /// <inheritdoc/>
    public override bool Gettable => HasGetSource || IsManual;

    /// <inheritdoc/>
    public override bool Settable => HasSetSource || IsManual;

    /// <inheritdoc/>
    public override bool IsManual => !HasGetSource && !HasSetSource;

    /// <inheritdoc/>
    public override Type ValueType => typeof(T);

    /// <inheritdoc/>
    public override bool IsNumeric => NumericOps<T>.IsNumeric;

    /// <inheritdoc/>
    public override IReadOnlyList<Validator> Validators
    {
        get
        {
            lock (_validatorsGate)
            {
                if (_validators.Count == 0 && Mapping is { } mapping)
                    return [new EnumValues([.. mapping.Values.Cast<object?>()])];
                return [.. _validators];
            }
        }
    }

    /// <inheritdoc/>
    public override object? CachedValue => Cache.HasValue ? Cache.Value : null;

    /// <inheritdoc/>
    public override object? CachedRawValue => Cache.RawValue;

    /// <inheritdoc/>
    public override DateTimeOffset? CachedTimestamp => Cache.Timestamp;

    /// <inheritdoc/>
    public override bool IsCacheValid => Cache.IsValid;

    internal bool CanReadSource => HasGetSource;

    /// <summary>True when the cache is a view on another parameter's (a delegate's on its source's), as in QCoDeS.</summary>
    internal virtual bool MirrorsSourceCache => false;

    /// <summary>The parameter whose cache this one's mirrors; null when none (yet).</summary>
    internal virtual Parameter<T>? MirroredSource => null;

    /// <summary>True for a group member: its delegates exchange command text with its group, so a mapping applies.</summary>
    private protected virtual bool MapsGroupTokens => false;

    /// <summary>The value for a raw value: the inverse of scale and offset.</summary>
    internal T ValueFromRaw(T raw) => Unscale(raw);

    internal DateTimeOffset Now => Clock.GetUtcNow();

    private bool HasGetSource => GetCommand is not null || Getter is not null || AsyncGetter is not null;

    private bool HasSetSource => SetCommand is not null || Setter is not null || AsyncSetter is not null;

    private bool IsScaled => Scale is not null || Offset is not null;

    /// <summary>Adds a validator checked after the existing ones.</summary>
    public void AddValidator(Validator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        lock (_validatorsGate)
            _validators.Add(validator);
    }

    /// <summary>Removes a validator; false when it was not there.</summary>
    public bool RemoveValidator(Validator validator)
    {
        lock (_validatorsGate)
            return _validators.Remove(validator);
    }

    /// <summary>Throws <see cref="ValidationException"/> when a validator or a safety limit refuses <paramref name="value"/>.</summary>
    public void Validate(T value)
    {
        if (ShapeProblem(value) is { } shape)
            throw new ValidationException(value, null, shape, Context);
        foreach (var validator in Validators)
            validator.Validate(value, Context);
        if (IsNumeric)
            CheckSafetyLimits(value);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the problem when the definition cannot work (a command and a
    /// delegate for one direction, a scale on a string, no way to convert the type …). Runs by itself on first use.
    /// </summary>
    public override void CheckDefinition()
    {
        if (_definitionChecked is not null)
            return;
        var problem = FindDefinitionProblem();
        if (problem is not null)
            throw new InvalidOperationException($"Parameter {FullName} is misconfigured: {problem}");
        _definitionChecked = "ok";
    }

    /// <inheritdoc/>
    public override object? GetObject() => Get();

    /// <inheritdoc/>
    public override async ValueTask<object?> GetObjectAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override void InvalidateCache() => Cache.Invalidate();

    /// <summary>
    /// What is wrong with the shape of <paramref name="value"/> (a multi-parameter's count of values, a trace's length
    /// against its setpoints); null when nothing. Checked on every set and every read.
    /// </summary>
    private protected virtual string? ShapeProblem(T value) => null;

    internal void ValidateForCache(T value)
    {
        CheckDefinition();
        Validate(value);
    }

    private protected override TimeSpan InterDelayForSnapshot => _interDelay;

    private protected override TimeSpan PostDelayForSnapshot => _postDelay;

    private protected override void AddConversionSnapshot(JsonObject snapshot)
    {
        if (_step is { } step)
            snapshot["step"] = SnapshotJson.Real(step);
        if (Scale is { } scale)
            snapshot["scale"] = SnapshotJson.Real(scale);
        if (Offset is { } offset)
            snapshot["offset"] = SnapshotJson.Real(offset);
        if (Mapping is { } mapping)
        {
            var map = new JsonObject();
            foreach (var (value, token) in mapping)
                map[MappingKey(value)] = token;
            snapshot["val_mapping"] = map;
        }
    }

    private static string MappingKey(T value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    private string? FindDefinitionProblem()
    {
        if (GetCommand is not null && (Getter is not null || AsyncGetter is not null))
            return "it has both a GetCommand and a getter delegate; give one.";
        if (SetCommand is not null && (Setter is not null || AsyncSetter is not null))
            return "it has both a SetCommand and a setter delegate; give one.";
        if ((GetCommand is not null || SetCommand is not null) && Instrument is null)
            return "it has a command but belongs to no instrument to send it to.";
        if (SetCommand is not null && !SetCommand.Contains("{0", StringComparison.Ordinal))
            return $"its SetCommand '{SetCommand}' has no {{0}} for the value.";
        if (IsScaled && typeof(T) != typeof(double) && typeof(T) != typeof(double[]))
            return $"scale and offset apply to double and double[] values, not {SnapshotJson.ClassName(typeof(T))}.";
        if (Mapping is not null && !MapsGroupTokens && (Getter is not null || AsyncGetter is not null || Setter is not null || AsyncSetter is not null))
            return "a value mapping converts command text, but this parameter uses delegates, which exchange values directly.";
        if (Mapping is not null && (GetParser is not null || SetFormatter is not null))
            return "it has a value mapping and a parser or formatter; the mapping already converts the text.";
        if (Mapping is not null && IsScaled)
            return "it has a value mapping and a scale or offset; use one.";
        if (Cache.MaxValueAge is not null && !HasGetSource)
            return "it has a maximum value age but cannot be read from the instrument, so a stale value could never be refreshed.";
        if (GetCommand is not null && Mapping is null && GetParser is null && !ScpiConvert.CanConvert(typeof(T)))
            return $"there is no default conversion from a reply to {SnapshotJson.ClassName(typeof(T))}; give a GetParser.";
        if (SetCommand is not null && Mapping is null && SetFormatter is null && !ScpiConvert.CanConvert(typeof(T)))
            return $"there is no default conversion from {SnapshotJson.ClassName(typeof(T))} to command text; give a SetFormatter.";
        return null;
    }
}
