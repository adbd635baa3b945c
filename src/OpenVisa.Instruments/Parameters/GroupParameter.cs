using System.Globalization;

namespace OpenVisa.Instruments;

/// <summary>
/// A member of a <see cref="ParameterGroup"/> (QCoDeS's <c>GroupParameter</c>): it has no command of its own; reading
/// it reads the whole group with one query, setting it sends the group's one command with the other members' values.
/// Create the members first, then the group over them.
/// </summary>
/// <remarks>
/// Validators, safety limits, scale, offset, step, delays, <see cref="Parameter{T}.GetParser"/> and
/// <see cref="Parameter{T}.SetFormatter"/> work as on any parameter; a value mapping does not (it converts command
/// text, and the group owns the commands).
/// </remarks>
/// <typeparam name="T">The value type.</typeparam>
public sealed class GroupParameter<T> : Parameter<T>, IGroupMember
{
    private ParameterGroup? _group;
    private T _lastRaw = default!;

    /// <summary>Creates the member; it works once a <see cref="ParameterGroup"/> includes it.</summary>
    public GroupParameter(string name, InstrumentBase instrument)
        : base(name, instrument ?? throw new ArgumentNullException(nameof(instrument)))
    {
        Getter = () =>
        {
            GroupFor("read").Update();
            return _lastRaw;
        };
        AsyncGetter = async cancellationToken =>
        {
            await GroupFor("read").UpdateAsync(cancellationToken).ConfigureAwait(false);
            return _lastRaw;
        };
        Setter = raw => GroupFor("set").Write(this, raw);
        AsyncSetter = (raw, cancellationToken) => GroupFor("set").WriteAsync(this, raw, cancellationToken);
    }

    /// <summary>The group; null until one includes this parameter.</summary>
    public ParameterGroup? Group => _group;

    bool IGroupMember.HasRawValue => Cache.HasValue;

    object? IGroupMember.CurrentRaw => Cache.RawValue;

    void IGroupMember.Join(ParameterGroup group)
    {
        if (Interlocked.CompareExchange(ref _group, group, null) is not null)
            throw new ArgumentException($"{FullName} is already a member of another group.");
    }

    string IGroupMember.FormatRaw(object? raw, string? format)
    {
        if (format is not null && raw is IFormattable formattable)
            return formattable.ToString(format, CultureInfo.InvariantCulture);
        var typed = raw is T t ? t : (T)Convert.ChangeType(raw, typeof(T), CultureInfo.InvariantCulture)!;
        return SetFormatter is { } formatter ? formatter(typed) : ScpiConvert.Format(typed);
    }

    Action IGroupMember.Parse(string part, string command)
    {
        T raw;
        try
        {
            raw = GetParser is { } parser ? parser(part) : ScpiConvert.Parse<T>(part);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the value '{part}' for {FullName} in the reply to '{command}' cannot be read as {SnapshotJson.ClassName(typeof(T))}: {e.Message}", e);
        }
        return () =>
        {
            _lastRaw = raw;
            Cache.Update(Unscale(raw), raw);
        };
    }

    private ParameterGroup GroupFor(string operation) =>
        _group ?? throw new InvalidOperationException($"Cannot {operation} {FullName}: it belongs to no ParameterGroup yet; create the group over its members first.");
}
