namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The control code of a <see cref="HislipMessageType.FatalError"/> (IVI-6.1 table 14); 128–255 are device defined.</summary>
public enum HislipFatalErrorCode : byte
{
    /// <summary>A fatal error the codes below do not describe.</summary>
    Unidentified = 0,

    /// <summary>The header does not start with <c>HS</c>, or a field is malformed.</summary>
    PoorlyFormedMessageHeader = 1,

    /// <summary>A channel was used before both channels of the session were established.</summary>
    AttemptToUseConnectionWithoutBothChannels = 2,

    /// <summary>The initialization messages came in the wrong order or with bad contents.</summary>
    InvalidInitializationSequence = 3,

    /// <summary>The server refused the connection because it serves as many clients as it can.</summary>
    ServerRefusedConnectionMaximumClients = 4,

    /// <summary>Establishing the secure connection (TLS or authentication) failed (2.0).</summary>
    SecureConnectionFailed = 5,
}
