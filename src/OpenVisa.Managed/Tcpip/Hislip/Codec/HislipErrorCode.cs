namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The control code of a non-fatal <see cref="HislipMessageType.Error"/> (IVI-6.1 table 16); 128–255 are device defined.</summary>
public enum HislipErrorCode : byte
{
    /// <summary>An error the codes below do not describe.</summary>
    Unidentified = 0,

    /// <summary>The message type is unknown, reserved, not allowed on this channel or in this protocol version.</summary>
    UnrecognizedMessageType = 1,

    /// <summary>The control code is not one the message type defines.</summary>
    UnrecognizedControlCode = 2,

    /// <summary>A vendor-specific message type (128–255) this peer does not know.</summary>
    UnrecognizedVendorDefinedMessage = 3,

    /// <summary>The payload is larger than the receiver's maximum message size.</summary>
    MessageTooLarge = 4,

    /// <summary>SASL authentication failed (2.0).</summary>
    AuthenticationFailed = 5,
}
