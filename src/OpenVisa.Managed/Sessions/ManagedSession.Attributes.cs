namespace OpenVisa.Managed.Sessions;

internal abstract partial class ManagedSession
{
    /// <summary><c>VI_ATTR_TMO_VALUE</c> in milliseconds: 0 does not wait, <see cref="VisaTimeout.InfiniteValue"/> waits forever.</summary>
    public uint TimeoutMilliseconds { get; protected set; } = VisaTimeout.ToAttribute(VisaTimeout.Default);

    /// <summary><c>VI_ATTR_TERMCHAR</c>.</summary>
    public byte TerminationCharacter { get; protected set; } = (byte)'\n';

    /// <summary><c>VI_ATTR_TERMCHAR_EN</c>: reads stop after the termination character.</summary>
    public bool TerminationCharacterEnabled { get; protected set; }

    /// <summary><c>VI_ATTR_SUPPRESS_END_EN</c>: END does not end a read. Each protocol chooses its default.</summary>
    public bool SuppressEndEnabled { get; protected set; }

    /// <summary><c>VI_ATTR_SEND_END_EN</c>: END goes with the last byte of a write.</summary>
    public bool SendEndEnabled { get; protected set; } = true;

    /// <summary>Reads an attribute; <see cref="StatusCode.ErrorNonsupportedAttribute"/> when this session has no such attribute.</summary>
    public object GetAttribute(VisaAttribute attribute) =>
        TryGetAttribute(attribute, out var value)
            ? value
            : throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
                $"{InterfaceDescription} sessions have no attribute {attribute} (0x{(uint)attribute:X8}).", "GetAttribute", ResourceName);

    /// <summary>
    /// Writes an attribute. An attribute the session has but cannot change is <see cref="StatusCode.ErrorAttributeReadOnly"/>;
    /// one it does not have is <see cref="StatusCode.ErrorNonsupportedAttribute"/>.
    /// </summary>
    public StatusCode SetAttribute(VisaAttribute attribute, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TrySetAttribute(attribute, value))
            return StatusCode.Success;
        if (TryGetAttribute(attribute, out _))
            throw new VisaException(StatusCode.ErrorAttributeReadOnly, $"{attribute} is read-only.", "SetAttribute", ResourceName);
        throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
            $"{InterfaceDescription} sessions have no attribute {attribute} (0x{(uint)attribute:X8}).", "SetAttribute", ResourceName);
    }

    /// <summary>The attributes every session has; subclasses add theirs and fall back to this.</summary>
    protected virtual bool TryGetAttribute(VisaAttribute attribute, out object value)
    {
        value = attribute switch
        {
            VisaAttribute.TimeoutValue => TimeoutMilliseconds,
            VisaAttribute.TerminationCharacter => TerminationCharacter,
            VisaAttribute.TerminationCharacterEnabled => TerminationCharacterEnabled,
            VisaAttribute.SuppressEndEnabled => SuppressEndEnabled,
            VisaAttribute.SendEndEnabled => SendEndEnabled,
            VisaAttribute.ResourceName => ResourceName,
            VisaAttribute.ResourceClass => Opening.Name.ResourceClass,
            VisaAttribute.InterfaceType => (ushort)Opening.Name.InterfaceType,
            VisaAttribute.InterfaceNumber => (ushort)(Opening.Name.BoardNumber ?? 0),
            _ => null!,
        };
        return value is not null;
    }

    /// <summary>The writable attributes every session has; returns false for attributes it does not write.</summary>
    protected virtual bool TrySetAttribute(VisaAttribute attribute, object value)
    {
        switch (attribute)
        {
            case VisaAttribute.TimeoutValue:
                TimeoutMilliseconds = AttributeValues.ToUInt32(attribute, value, ResourceName);
                return true;
            case VisaAttribute.TerminationCharacter:
                TerminationCharacter = AttributeValues.ToByte(attribute, value, ResourceName);
                return true;
            case VisaAttribute.TerminationCharacterEnabled:
                TerminationCharacterEnabled = AttributeValues.ToBoolean(attribute, value, ResourceName);
                return true;
            case VisaAttribute.SuppressEndEnabled:
                SuppressEndEnabled = AttributeValues.ToBoolean(attribute, value, ResourceName);
                return true;
            case VisaAttribute.SendEndEnabled:
                SendEndEnabled = AttributeValues.ToBoolean(attribute, value, ResourceName);
                return true;
            default:
                return false;
        }
    }
}
