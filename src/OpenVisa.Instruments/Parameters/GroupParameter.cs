using System.Globalization;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>
/// A member of a <see cref="ParameterGroup"/> (QCoDeS's <c>GroupParameter</c>): it has no command of its own; reading
/// it reads the whole group with one query, setting it sends the group's one command with the other members' values.
/// Create the members first, then the group over them.
/// </summary>
/// <remarks>
/// Validators, safety limits, scale, offset, step, delays, <see cref="Parameter{T}.GetParser"/>,
/// <see cref="Parameter{T}.SetFormatter"/> and a value mapping (QCoDeS's <c>val_mapping</c>: the member's part of the
/// reply is a token, and its token goes into the set command) work as on any parameter.
/// </remarks>
/// <typeparam name="T">The value type.</typeparam>
public sealed class GroupParameter<T> : Parameter<T>, IGroupMember
{
    private ParameterGroup? _group;
    private (T Value, object? Raw) _lastRead;

    /// <summary>Creates the member; it works once a <see cref="ParameterGroup"/> includes it.</summary>
    public GroupParameter(string name, InstrumentBase instrument)
        : base(name, instrument ?? throw new ArgumentNullException(nameof(instrument)))
    {
        // Parameter<T> reads and sets a member through the overrides below (the raw value may be a mapped token, not a
        // T); these delegates make the member gettable and settable, and do the same when called directly.
        Getter = () => ReadThroughDelegate().Value;
        AsyncGetter = async cancellationToken => (await ReadThroughDelegateAsync(cancellationToken).ConfigureAwait(false)).Value;
        Setter = raw => WriteThroughDelegate(raw);
        AsyncSetter = (raw, cancellationToken) => WriteThroughDelegateAsync(raw, cancellationToken);
    }

    /// <summary>The group; null until one includes this parameter.</summary>
    public ParameterGroup? Group => _group;

    bool IGroupMember.HasRawValue => Cache.HasValue;

    bool IGroupMember.HasValidValue => Cache.IsValid;

    private protected override bool MapsGroupTokens => true;

    object? IGroupMember.CurrentRaw => Cache.RawValue;

    void IGroupMember.Join(ParameterGroup group)
    {
        if (Interlocked.CompareExchange(ref _group, group, null) is not null)
            throw new ArgumentException($"{FullName} is already a member of another group.");
    }

    void IGroupMember.Resent()
    {
        if (Cache.HasValue)
            Cache.Update(Cache.Value, Cache.RawValue);
    }

    string IGroupMember.FormatRaw(object? raw, string? format)
    {
        if (Mapping is { } mapping)
        {
            // The raw value is the token; a value put in the cache as InitialValue is still the value itself.
            if (raw is string token)
                return token;
            if (raw is T value && mapping.TryGetToken(value, out var mapped))
                return mapped;
            throw new InvalidOperationException($"{FullName} has the value {ValueText.Format(raw)}, which is none of its mapped values {string.Join(", ", mapping.Values)}.");
        }
        if (format is not null && raw is IFormattable formattable)
            return formattable.ToString(format, CultureInfo.InvariantCulture);
        var typed = raw is T t ? t : (T)Convert.ChangeType(raw, typeof(T), CultureInfo.InvariantCulture)!;
        return SetFormatter is { } formatter ? formatter(typed) : ScpiConvert.Format(typed);
    }

    Action IGroupMember.Parse(string part, string command)
    {
        if (Mapping is { } mapping)
        {
            if (!mapping.TryGetValue(part, out var mapped))
                throw new FormatException($"the value '{part}' for {FullName} in the reply to '{command}' is none of the mapped tokens {mapping.TokensText}");
            var token = ScpiConvert.Unquote(part);
            return () =>
            {
                _lastRead = (mapped, token);
                Cache.Update(mapped, token);
            };
        }
        T raw;
        try
        {
            raw = GetParser is { } parser ? parser(part) : ScpiConvert.Parse<T>(part);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the value '{part}' for {FullName} in the reply to '{command}' cannot be read as {SnapshotJson.ClassName(typeof(T))}: {e.Message}", e);
        }
        var value = Unscale(raw);
        return () =>
        {
            _lastRead = (value, raw);
            Cache.Update(value, raw);
        };
    }

    private protected override (T Value, object? Raw) ReadThroughDelegate()
    {
        GroupFor("read").Update();
        return _lastRead;
    }

    private protected override async ValueTask<(T Value, object? Raw)> ReadThroughDelegateAsync(CancellationToken cancellationToken)
    {
        await GroupFor("read").UpdateAsync(cancellationToken).ConfigureAwait(false);
        return _lastRead;
    }

    private protected override void WriteThroughDelegate(object? raw) => GroupFor("set").Write(this, raw);

    private protected override ValueTask WriteThroughDelegateAsync(object? raw, CancellationToken cancellationToken) =>
        GroupFor("set").WriteAsync(this, raw, cancellationToken);

    private ParameterGroup GroupFor(string operation) =>
        _group ?? throw new InvalidOperationException($"Cannot {operation} {FullName}: it belongs to no ParameterGroup yet; create the group over its members first.");
}
