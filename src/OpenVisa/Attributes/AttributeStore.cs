using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace OpenVisa;

/// <summary>
/// The attribute values of one session, for a backend to embed: it knows which attributes apply to the session's
/// (interface type, resource class), starts them at the table's defaults, converts and checks what users set, and keeps
/// the attributes every read and write consults (<see cref="TimeoutMilliseconds"/>, <see cref="TerminationCharacter"/> …)
/// in plain fields so the I/O path reads them without a lookup, a lock or boxing.
/// </summary>
/// <remarks>
/// Safe to use from several threads. <see cref="Set"/> is what a backend's <c>SetAttribute</c> calls for a user's value;
/// a backend that must act on a change (a new baud rate) calls <see cref="Validate"/>, applies the value, then
/// <see cref="SetInternal"/>. <see cref="SetInternal"/> also records the read-only values the backend owns (HiSLIP version,
/// manufacturer ID …). The store is per session: sharing <see cref="AttributeScope.Global"/> values between sessions
/// to one resource is the backend's business.
/// </remarks>
public sealed class AttributeStore
{
    private readonly object _gate = new();
    private readonly Dictionary<VisaAttribute, object?> _values = [];
    private readonly FrozenSet<VisaAttribute> _applicable;
    private uint _timeout;
    private byte _termChar;
    private bool _termCharEnabled;
    private bool _sendEnd;
    private bool _suppressEnd;
    private ushort _asrlEndIn;
    private ushort _asrlEndOut;

    /// <summary>
    /// Creates the store of a session to <paramref name="interfaceType"/> <paramref name="resourceClass"/>, with every
    /// applicable attribute at its default. <c>VI_ATTR_INTF_TYPE</c> and <c>VI_ATTR_RSRC_CLASS</c> come from the arguments,
    /// <c>VI_ATTR_RSRC_NAME</c> and <c>VI_ATTR_INTF_NUM</c> from <paramref name="resourceName"/> and
    /// <paramref name="interfaceNumber"/> when given; <paramref name="initialValues"/> then override defaults
    /// (read-only ones included), checked and converted like <see cref="SetInternal"/>.
    /// </summary>
    public AttributeStore(InterfaceType interfaceType, string resourceClass, string? resourceName = null,
        int? interfaceNumber = null, IEnumerable<KeyValuePair<VisaAttribute, object>>? initialValues = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceClass);
        InterfaceType = interfaceType;
        ResourceClass = resourceClass.Trim().ToUpperInvariant();
        ResourceName = resourceName;
        foreach (var info in VisaAttributes.For(interfaceType, ResourceClass))
            _values[info.Id] = info.Default;
        // The set of attributes never changes after this, so applicability checks need no lock.
        _applicable = _values.Keys.ToFrozenSet();
        // Hot fields start at the table defaults even where the attribute does not apply.
        _timeout = Default<uint>(VisaAttribute.TimeoutValue);
        _termChar = Default<byte>(VisaAttribute.TerminationCharacter);
        _termCharEnabled = Default<bool>(VisaAttribute.TerminationCharacterEnabled);
        _sendEnd = Default<bool>(VisaAttribute.SendEndEnabled);
        _suppressEnd = Default<bool>(VisaAttribute.SuppressEndEnabled);
        _asrlEndIn = Default<ushort>(VisaAttribute.AsrlEndIn);
        _asrlEndOut = Default<ushort>(VisaAttribute.AsrlEndOut);

        _values[VisaAttribute.ResourceClass] = ResourceClass;
        // VI_ATTR_INTF_TYPE is a ViUInt16: interface types beyond it (Prologix TCPIP) have no value to report.
        if (interfaceType is not InterfaceType.Unknown && (int)interfaceType <= ushort.MaxValue)
            _values[VisaAttribute.InterfaceType] = (ushort)interfaceType;
        if (resourceName is not null)
            _values[VisaAttribute.ResourceName] = resourceName;
        if (interfaceNumber is { } board)
            SetInternal(VisaAttribute.InterfaceNumber, board);
        foreach (var (attribute, value) in initialValues ?? [])
            SetInternal(attribute, value);
    }

    /// <summary>The interface type of the session.</summary>
    public InterfaceType InterfaceType { get; }

    /// <summary>The resource class of the session, upper case.</summary>
    public string ResourceClass { get; }

    /// <summary>The resource name errors mention, if given.</summary>
    public string? ResourceName { get; }

    /// <summary>The I/O timeout in milliseconds (<c>VI_ATTR_TMO_VALUE</c>; <see cref="VisaTimeout.InfiniteValue"/> waits forever).</summary>
    public uint TimeoutMilliseconds => Volatile.Read(ref _timeout);

    /// <summary>The I/O timeout as a <see cref="System.TimeSpan"/>; infinite is <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan Timeout => VisaTimeout.FromAttribute(TimeoutMilliseconds);

    /// <summary>The termination character (<c>VI_ATTR_TERMCHAR</c>).</summary>
    public byte TerminationCharacter => Volatile.Read(ref _termChar);

    /// <summary>Whether reads end on the termination character (<c>VI_ATTR_TERMCHAR_EN</c>).</summary>
    public bool TerminationCharacterEnabled => Volatile.Read(ref _termCharEnabled);

    /// <summary>Whether writes assert END with their last byte (<c>VI_ATTR_SEND_END_EN</c>).</summary>
    public bool SendEndEnabled => Volatile.Read(ref _sendEnd);

    /// <summary>Whether reads ignore END (<c>VI_ATTR_SUPPRESS_END_EN</c>).</summary>
    public bool SuppressEndEnabled => Volatile.Read(ref _suppressEnd);

    /// <summary>How serial reads end (<c>VI_ATTR_ASRL_END_IN</c>: 0 none, 1 last bit, 2 termination character).</summary>
    public ushort AsrlEndIn => Volatile.Read(ref _asrlEndIn);

    /// <summary>How serial writes mark their end (<c>VI_ATTR_ASRL_END_OUT</c>: 0 none, 1 last bit, 2 termination character, 3 break).</summary>
    public ushort AsrlEndOut => Volatile.Read(ref _asrlEndOut);

    /// <summary>The attributes of this session, in table order.</summary>
    public IEnumerable<AttributeInfo> Attributes => VisaAttributes.All.Where(i => _applicable.Contains(i.Id));

    /// <summary>True when <paramref name="attribute"/> applies to this session.</summary>
    public bool AppliesTo(VisaAttribute attribute) => _applicable.Contains(attribute);

    /// <summary>Reads an attribute, as its CLR type.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR</c> when it does not apply here or has no value yet.</exception>
    public object Get(VisaAttribute attribute)
    {
        if (TryGet(attribute, out var value))
            return value;
        var info = CheckApplies(attribute, "GetAttribute");
        throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
            $"{info.Name} has no value on this {Describe()} session: the backend has not reported it.", "GetAttribute", ResourceName);
    }

    /// <summary>Reads an attribute as <typeparamref name="T"/>, which must be its CLR type.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR</c> when it does not apply here or has no value yet.</exception>
    /// <exception cref="InvalidCastException">When <typeparamref name="T"/> is not the attribute's CLR type.</exception>
    public T Get<T>(VisaAttribute attribute)
    {
        var value = Get(attribute);
        return value is T typed
            ? typed
            : throw new InvalidCastException(
                $"{VisaAttributes.Info(attribute).Name} holds a {value.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>Reads an attribute if it applies here and has a value.</summary>
    public bool TryGet(VisaAttribute attribute, [NotNullWhen(true)] out object? value)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(attribute, out value) && value is not null)
                return true;
        }
        value = null;
        return false;
    }

    /// <summary>Sets an attribute from a user's value: checks that it applies and is writable here, converts and stores it.</summary>
    /// <returns><see cref="StatusCode.Success"/>.</returns>
    /// <exception cref="VisaException">
    /// <c>VI_ERROR_NSUP_ATTR</c> (does not apply), <c>VI_ERROR_ATTR_READONLY</c>, or <c>VI_ERROR_NSUP_ATTR_STATE</c> (bad value).
    /// </exception>
    public StatusCode Set(VisaAttribute attribute, object value)
    {
        Store(attribute, Validate(attribute, value));
        return StatusCode.Success;
    }

    /// <summary>Checks a user's value as <see cref="Set"/> does and returns it converted, without storing it.</summary>
    public object Validate(VisaAttribute attribute, object value)
    {
        var info = CheckApplies(attribute, "SetAttribute");
        if (!info.IsWritableOn(InterfaceType, ResourceClass))
            throw VisaAttributes.ReadOnlyError(info, InterfaceType, ResourceClass, ResourceName);
        return Converted(info, value);
    }

    /// <summary>Records a value the backend owns or has applied, read-only attributes included; it must still apply here.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR</c> or <c>VI_ERROR_NSUP_ATTR_STATE</c>.</exception>
    public void SetInternal(VisaAttribute attribute, object value) =>
        Store(attribute, Converted(CheckApplies(attribute, "SetAttribute"), value));

    /// <summary>Every attribute of this session with its value (null where there is none yet), in table order.</summary>
    public IReadOnlyList<KeyValuePair<AttributeInfo, object?>> Snapshot()
    {
        lock (_gate)
            return [.. VisaAttributes.All.Where(i => _applicable.Contains(i.Id)).Select(i => KeyValuePair.Create(i, _values[i.Id]))];
    }

    private object Converted(AttributeInfo info, object value)
    {
        try
        {
            return AttributeValueConverter.Convert(info, value);
        }
        catch (VisaException e)
        {
            throw e.WithContext("SetAttribute", ResourceName);
        }
    }

    private void Store(VisaAttribute attribute, object value)
    {
        lock (_gate)
        {
            _values[attribute] = value;
            switch (attribute)
            {
                case VisaAttribute.TimeoutValue: Volatile.Write(ref _timeout, (uint)value); break;
                case VisaAttribute.TerminationCharacter: Volatile.Write(ref _termChar, (byte)value); break;
                case VisaAttribute.TerminationCharacterEnabled: Volatile.Write(ref _termCharEnabled, (bool)value); break;
                case VisaAttribute.SendEndEnabled: Volatile.Write(ref _sendEnd, (bool)value); break;
                case VisaAttribute.SuppressEndEnabled: Volatile.Write(ref _suppressEnd, (bool)value); break;
                case VisaAttribute.AsrlEndIn: Volatile.Write(ref _asrlEndIn, (ushort)value); break;
                case VisaAttribute.AsrlEndOut: Volatile.Write(ref _asrlEndOut, (ushort)value); break;
            }
        }
    }

    private AttributeInfo CheckApplies(VisaAttribute attribute, string operation)
    {
        if (!VisaAttributes.TryGetInfo(attribute, out var info))
            throw VisaAttributes.Unknown(attribute, operation, ResourceName);
        if (AppliesTo(attribute))
            return info;
        var detail = info.IsEventAttribute
            ? $"{info.Name} belongs to {info.DescribeWhereItApplies()}: read it from the event, not from the session."
            : $"{info.Name} does not apply to {Describe()} sessions; it applies to {info.DescribeWhereItApplies()}.";
        throw new VisaException(StatusCode.ErrorNonsupportedAttribute, detail, operation, ResourceName);
    }

    private string Describe() => $"{InterfaceNames.Display(InterfaceType)} {ResourceClass}";

    private static T Default<T>(VisaAttribute attribute) => (T)VisaAttributes.Info(attribute).Default!;
}
