namespace OpenVisa;

#pragma warning disable CA1027 // Attribute identifiers are not flags.
/// <summary>VISA attribute identifiers (<c>VI_ATTR_*</c>) with their numeric values.</summary>
/// <remarks><see cref="VisaAttributes"/> gives each one's VISA name, value type, access and scope.</remarks>
public enum VisaAttribute
{
    /// <summary><c>VI_ATTR_RSRC_CLASS</c>: the resource class (INSTR, SOCKET …).</summary>
    ResourceClass = unchecked((int)0xBFFF0001),
    /// <summary><c>VI_ATTR_RSRC_NAME</c>: the canonical resource name.</summary>
    ResourceName = unchecked((int)0xBFFF0002),
    /// <summary><c>VI_ATTR_RSRC_LOCK_STATE</c>: the current lock state.</summary>
    ResourceLockState = 0x3FFF0004,
    /// <summary><c>VI_ATTR_SEND_END_EN</c>: assert END with the last byte of a write.</summary>
    SendEndEnabled = 0x3FFF0016,
    /// <summary><c>VI_ATTR_TERMCHAR</c>: the termination character.</summary>
    TerminationCharacter = 0x3FFF0018,
    /// <summary><c>VI_ATTR_TMO_VALUE</c>: the I/O timeout in milliseconds.</summary>
    TimeoutValue = 0x3FFF001A,
    /// <summary><c>VI_ATTR_SUPPRESS_END_EN</c>: do not end reads on END.</summary>
    SuppressEndEnabled = 0x3FFF0036,
    /// <summary><c>VI_ATTR_TERMCHAR_EN</c>: end reads on the termination character.</summary>
    TerminationCharacterEnabled = 0x3FFF0038,
    /// <summary><c>VI_ATTR_INTF_TYPE</c>: the interface type.</summary>
    InterfaceType = 0x3FFF0171,
    /// <summary><c>VI_ATTR_INTF_NUM</c>: the board number.</summary>
    InterfaceNumber = 0x3FFF0176,
}
