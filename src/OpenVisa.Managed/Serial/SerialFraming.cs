using System.IO.Ports;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// VISA's serial attribute values (<c>VI_ASRL_PAR_*</c>, <c>VI_ASRL_STOP_*</c>, <c>VI_ASRL_FLOW_*</c>) in System.IO.Ports
/// terms and back. A value .NET cannot express (DTR/DSR flow control) is null, for the caller to refuse by name.
/// </summary>
internal static class SerialFraming
{
    /// <summary><c>VI_ASRL_FLOW_XON_XOFF</c>.</summary>
    public const ushort FlowXonXoff = 1;

    /// <summary><c>VI_ASRL_FLOW_RTS_CTS</c>.</summary>
    public const ushort FlowRtsCts = 2;

    /// <summary><c>VI_ASRL_FLOW_DTR_DSR</c>.</summary>
    public const ushort FlowDtrDsr = 4;

    public static Parity ToParity(ushort visa) => visa switch
    {
        1 => Parity.Odd,
        2 => Parity.Even,
        3 => Parity.Mark,
        4 => Parity.Space,
        _ => Parity.None,
    };

    public static StopBits ToStopBits(ushort visa) => visa switch
    {
        15 => StopBits.OnePointFive,
        20 => StopBits.Two,
        _ => StopBits.One,
    };

    /// <summary>The handshake for a VISA flow-control mask, or null when .NET has none for it (DTR/DSR).</summary>
    public static Handshake? ToHandshake(ushort visa) => visa switch
    {
        0 => Handshake.None,
        FlowXonXoff => Handshake.XOnXOff,
        FlowRtsCts => Handshake.RequestToSend,
        FlowXonXoff | FlowRtsCts => Handshake.RequestToSendXOnXOff,
        _ => null,
    };

    /// <summary>A modem line in VISA's <c>VI_STATE_*</c> values.</summary>
    public static short LineState(bool asserted) => asserted ? (short)1 : (short)0;
}
