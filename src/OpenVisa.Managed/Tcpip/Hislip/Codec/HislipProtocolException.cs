namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// A peer broke the HiSLIP protocol. <see cref="IsFatal"/> says which reply the rules ask for: a
/// <see cref="HislipMessageType.FatalError"/> (then both channels close) or an <see cref="HislipMessageType.Error"/>
/// (then the session carries on). The code is the control code of that reply and the message its payload.
/// </summary>
public sealed class HislipProtocolException : Exception
{
    private HislipProtocolException(bool isFatal, byte code, string message)
        : base(message)
    {
        IsFatal = isFatal;
        Code = code;
    }

    /// <summary>True for a fatal error (close the session), false for a non-fatal one.</summary>
    public bool IsFatal { get; }

    /// <summary>The error code: a <see cref="HislipFatalErrorCode"/> or a <see cref="HislipErrorCode"/> value.</summary>
    public byte Code { get; }

    /// <summary>The message type of the reply the receiver sends: <see cref="HislipMessageType.FatalError"/> or <see cref="HislipMessageType.Error"/>.</summary>
    public HislipMessageType ReplyType => IsFatal ? HislipMessageType.FatalError : HislipMessageType.Error;

    /// <summary>A violation that ends the session.</summary>
    public static HislipProtocolException Fatal(HislipFatalErrorCode code, string message) => new(true, (byte)code, message);

    /// <summary>A violation the session survives.</summary>
    public static HislipProtocolException NonFatal(HislipErrorCode code, string message) => new(false, (byte)code, message);
}
