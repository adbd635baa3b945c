namespace OpenVisa;

/// <summary>Serial parity (<c>VI_ATTR_ASRL_PARITY</c>).</summary>
public enum SerialParity
{
    /// <summary>No parity bit.</summary>
    None = 0,
    /// <summary>Odd parity.</summary>
    Odd = 1,
    /// <summary>Even parity.</summary>
    Even = 2,
    /// <summary>Parity bit always 1.</summary>
    Mark = 3,
    /// <summary>Parity bit always 0.</summary>
    Space = 4,
}

/// <summary>Serial stop bits (<c>VI_ATTR_ASRL_STOP_BITS</c>), in tenths of a bit as VISA counts them.</summary>
public enum SerialStopBits
{
    /// <summary>One stop bit.</summary>
    One = 10,
    /// <summary>One and a half stop bits.</summary>
    OneAndHalf = 15,
    /// <summary>Two stop bits.</summary>
    Two = 20,
}

/// <summary>Serial flow control (<c>VI_ATTR_ASRL_FLOW_CNTRL</c>); values combine.</summary>
[Flags]
public enum SerialFlowControl
{
    /// <summary>No flow control.</summary>
    None = 0,
    /// <summary>XON/XOFF characters.</summary>
    XonXoff = 1,
    /// <summary>RTS/CTS lines.</summary>
    RtsCts = 2,
    /// <summary>DTR/DSR lines.</summary>
    DtrDsr = 4,
}

/// <summary>How a serial read ends or a write is terminated (<c>VI_ATTR_ASRL_END_IN</c>, <c>VI_ATTR_ASRL_END_OUT</c>).</summary>
public enum SerialTermination
{
    /// <summary>Nothing marks the end.</summary>
    None = 0,
    /// <summary>The last data bit is set on the final byte.</summary>
    LastBit = 1,
    /// <summary>The termination character.</summary>
    TerminationCharacter = 2,
    /// <summary>A break after the message.</summary>
    Break = 3,
}
