namespace OpenVisa.Managed.Sessions;

internal abstract partial class ManagedSession
{
    /// <summary><c>VI_ATTR_TMO_VALUE</c> in milliseconds: 0 does not wait, <see cref="VisaTimeout.InfiniteValue"/> waits forever.</summary>
    public uint TimeoutMilliseconds => Attributes.TimeoutMilliseconds;

    /// <summary><c>VI_ATTR_TERMCHAR</c>.</summary>
    public byte TerminationCharacter => Attributes.TerminationCharacter;

    /// <summary><c>VI_ATTR_TERMCHAR_EN</c>: reads stop after the termination character.</summary>
    public bool TerminationCharacterEnabled => Attributes.TerminationCharacterEnabled;

    /// <summary><c>VI_ATTR_SUPPRESS_END_EN</c>: END does not end a read. Each protocol chooses its default.</summary>
    public bool SuppressEndEnabled => Attributes.SuppressEndEnabled;

    /// <summary><c>VI_ATTR_SEND_END_EN</c>: END goes with the last byte of a write.</summary>
    public bool SendEndEnabled => Attributes.SendEndEnabled;

    /// <summary>
    /// The session's attributes: which apply, their values, and conversion and checking of what users set. Protocols
    /// record the values they own (address, port …) with <see cref="AttributeStore.SetInternal"/>.
    /// </summary>
    protected AttributeStore Attributes { get; }

    /// <summary>Reads an attribute; <see cref="StatusCode.ErrorNonsupportedAttribute"/> when it does not apply to this session.</summary>
    public object GetAttribute(VisaAttribute attribute) => OnGetAttribute(attribute);

    /// <summary>
    /// Reads a value from the store. A protocol whose attribute reflects live state (bytes waiting, a modem line)
    /// overrides this and asks the device.
    /// </summary>
    protected virtual object OnGetAttribute(VisaAttribute attribute) => Attributes.Get(attribute);

    /// <summary>
    /// Writes an attribute: <see cref="StatusCode.ErrorNonsupportedAttribute"/> when it does not apply,
    /// <see cref="StatusCode.ErrorAttributeReadOnly"/> when it cannot change, <see cref="StatusCode.ErrorNonsupportedAttributeState"/>
    /// for a value it does not take.
    /// </summary>
    public StatusCode SetAttribute(VisaAttribute attribute, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return OnSetAttribute(attribute, value);
    }

    /// <summary>
    /// Stores a user's value. A protocol that must act on a change (a socket option, a baud rate) overrides this:
    /// <see cref="AttributeStore.Validate"/>, apply, then <see cref="AttributeStore.SetInternal"/>.
    /// </summary>
    protected virtual StatusCode OnSetAttribute(VisaAttribute attribute, object value) => Attributes.Set(attribute, value);
}
