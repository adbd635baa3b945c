namespace OpenVisa.Instruments;

/// <summary>
/// The last value a parameter set or read, with its raw value and timestamp. It is valid while it is younger than
/// <see cref="MaxValueAge"/> (null: forever) and not invalidated. Reading a stale cache asks the instrument.
/// </summary>
/// <typeparam name="T">The parameter's value type.</typeparam>
public sealed class ParameterCache<T>
{
    private readonly Parameter<T> _parameter;
    private volatile Entry? _entry;
    private TimeSpan? _maxValueAge;

    internal ParameterCache(Parameter<T> parameter) => _parameter = parameter;

    /// <summary>
    /// How long a value stays valid; null for forever. Only a gettable parameter can have one. A delegate's cache reports
    /// its source's and cannot have its own.
    /// </summary>
    public TimeSpan? MaxValueAge
    {
        get => _parameter.MirrorsSourceCache ? _parameter.MirroredSource?.Cache.MaxValueAge : _maxValueAge;
        set
        {
            if (_parameter.MirrorsSourceCache && value is not null)
                throw new InvalidOperationException($"{_parameter.FullName} is a delegate: its cache follows its source's, so set MaxValueAge on the source parameter instead.");
            if (value is { } age && age < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{_parameter.FullName}: a maximum value age cannot be negative.");
            _maxValueAge = value;
        }
    }

    /// <summary>True when a value has been set or read since creation (even if stale).</summary>
    public bool HasValue => _parameter.MirrorsSourceCache ? _parameter.MirroredSource?.Cache.HasValue ?? false : _entry is not null;

    /// <summary>The cached value; the type's default when there is none.</summary>
    public T Value
    {
        get
        {
            if (!_parameter.MirrorsSourceCache)
                return _entry is { } e ? e.Value : default!;
            return _parameter.MirroredSource?.Cache is { HasValue: true } source ? _parameter.ValueFromRaw(source.Value) : default!;
        }
    }

    /// <summary>The cached raw value (after mapping, scale and offset), boxed; a delegate's is its source's value.</summary>
    public object? RawValue
    {
        get
        {
            if (!_parameter.MirrorsSourceCache)
                return _entry?.Raw;
            return _parameter.MirroredSource?.Cache is { HasValue: true } source ? source.Value : null;
        }
    }

    /// <summary>When the value was set or read; null when never.</summary>
    public DateTimeOffset? Timestamp => _parameter.MirrorsSourceCache ? _parameter.MirroredSource?.Cache.Timestamp : _entry?.Timestamp;

    /// <summary>True when there is a value, it was not invalidated, and it is younger than <see cref="MaxValueAge"/>.</summary>
    public bool IsValid
    {
        get
        {
            if (_parameter.MirrorsSourceCache)
                return _parameter.MirroredSource?.Cache.IsValid ?? false;
            var entry = _entry;
            if (entry is null || !entry.Valid)
                return false;
            return _maxValueAge is not { } age || _parameter.Now - entry.Timestamp <= age;
        }
    }

    /// <summary>
    /// The cached value when valid; otherwise, with <paramref name="getIfInvalid"/>, reads the instrument. A stale cache
    /// of a parameter that cannot be read throws.
    /// </summary>
    public T Get(bool getIfInvalid = true)
    {
        if (_parameter.MirrorsSourceCache)
            return _parameter.ValueFromRaw(SourceCache("read").Get(getIfInvalid));
        if (IsValid || !getIfInvalid)
            return ValueOrThrow(getIfInvalid);
        if (_parameter.CanReadSource)
            return _parameter.Get();
        return ValueOrThrow(getIfInvalid);
    }

    /// <summary>The asynchronous form of <see cref="Get"/>.</summary>
    public ValueTask<T> GetAsync(bool getIfInvalid = true, CancellationToken cancellationToken = default)
    {
        if (_parameter.MirrorsSourceCache)
            return MirroredGetAsync(getIfInvalid, cancellationToken);
        if (IsValid || !getIfInvalid)
            return ValueTask.FromResult(ValueOrThrow(getIfInvalid));
        if (_parameter.CanReadSource)
            return _parameter.GetAsync(cancellationToken);
        return ValueTask.FromResult(ValueOrThrow(getIfInvalid));
    }

    /// <summary>
    /// Records <paramref name="value"/> as the current value without sending it (e.g. after a front-panel change the
    /// user knows about). It is validated, safety limits included, and converted to its raw value as a set would.
    /// </summary>
    public void Set(T value)
    {
        if (_parameter.MirrorsSourceCache)
        {
            var source = SourceCache("set");
            _parameter.ValidateForCache(value);
            source.Set((T)_parameter.RawFor(value)!);
            return;
        }
        _parameter.ValidateForCache(value);
        Update(value, _parameter.RawFor(value));
    }

    /// <summary>Marks the value stale; it stays readable through <see cref="Value"/>.</summary>
    public void Invalidate()
    {
        if (_parameter.MirrorsSourceCache)
        {
            _parameter.MirroredSource?.Cache.Invalidate();
            return;
        }
        var entry = _entry;
        if (entry is not null)
            _entry = entry with { Valid = false };
    }

    internal void Update(T value, object? raw)
    {
        // A delegate's get and set went through its source, which has already recorded the value.
        if (!_parameter.MirrorsSourceCache)
            _entry = new Entry(value, raw, _parameter.Now, true);
    }

    private async ValueTask<T> MirroredGetAsync(bool getIfInvalid, CancellationToken cancellationToken) =>
        _parameter.ValueFromRaw(await SourceCache("read").GetAsync(getIfInvalid, cancellationToken).ConfigureAwait(false));

    private ParameterCache<T> SourceCache(string operation) =>
        _parameter.MirroredSource?.Cache
        ?? throw new InvalidOperationException($"Cannot {operation} the cache of {_parameter.FullName}: it delegates to no source parameter yet; set its Source first.");

    private T ValueOrThrow(bool wantedFresh)
    {
        var entry = _entry;
        if (entry is null)
        {
            throw new InvalidOperationException(
                $"{_parameter.FullName} has no cached value yet" + (_parameter.CanReadSource ? "; get it first." : ": it cannot be read from the instrument, so set it first."));
        }
        if (wantedFresh && !IsValid && !_parameter.CanReadSource)
        {
            throw new InvalidOperationException(
                $"The cached value of {_parameter.FullName} is stale and the parameter cannot be read from the instrument; set it again.");
        }
        return entry.Value;
    }

    private sealed record Entry(T Value, object? Raw, DateTimeOffset Timestamp, bool Valid);
}
