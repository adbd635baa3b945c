namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The message types of HiSLIP (IVI-6.1): 0–25 exist since 1.0, 26–38 came with 2.0 (descriptors, secure connection,
/// SASL authentication). 39–127 are reserved for future versions and 128–255 belong to vendors.
/// </summary>
public enum HislipMessageType : byte
{
    /// <summary>Client opens the synchronous channel: protocol version, vendor id and sub-address.</summary>
    Initialize = 0,

    /// <summary>Server accepts a synchronous channel: negotiated version, session id, mode preference.</summary>
    InitializeResponse = 1,

    /// <summary>An error after which the sender closes both channels.</summary>
    FatalError = 2,

    /// <summary>An error after which both sides carry on.</summary>
    Error = 3,

    /// <summary>Client asks for or releases a lock (asynchronous channel).</summary>
    AsyncLock = 4,

    /// <summary>Server's answer to <see cref="AsyncLock"/>.</summary>
    AsyncLockResponse = 5,

    /// <summary>Message data without END.</summary>
    Data = 6,

    /// <summary>Message data whose last byte carries END.</summary>
    DataEnd = 7,

    /// <summary>Client finishes a device clear on the synchronous channel, with its feature request.</summary>
    DeviceClearComplete = 8,

    /// <summary>Server confirms the device clear on the synchronous channel, with the agreed features.</summary>
    DeviceClearAcknowledge = 9,

    /// <summary>Client asks for a remote/local change (GPIB REN, GTL, LLO equivalents).</summary>
    AsyncRemoteLocalControl = 10,

    /// <summary>Server's answer to <see cref="AsyncRemoteLocalControl"/>.</summary>
    AsyncRemoteLocalResponse = 11,

    /// <summary>Client triggers the device (GPIB GET equivalent), in order with data.</summary>
    Trigger = 12,

    /// <summary>Server discarded a response because a new message arrived first (synchronous channel).</summary>
    Interrupted = 13,

    /// <summary>The asynchronous-channel half of the interrupted notification.</summary>
    AsyncInterrupted = 14,

    /// <summary>Client states the largest message it accepts.</summary>
    AsyncMaximumMessageSize = 15,

    /// <summary>Server states the largest message it accepts.</summary>
    AsyncMaximumMessageSizeResponse = 16,

    /// <summary>Client opens the asynchronous channel for a session id.</summary>
    AsyncInitialize = 17,

    /// <summary>Server accepts the asynchronous channel: its vendor id and secure-connection support.</summary>
    AsyncInitializeResponse = 18,

    /// <summary>Client starts a device clear.</summary>
    AsyncDeviceClear = 19,

    /// <summary>Server reports a service request; the control code is the status byte.</summary>
    AsyncServiceRequest = 20,

    /// <summary>Client asks for the status byte.</summary>
    AsyncStatusQuery = 21,

    /// <summary>Server's status byte, in the control code.</summary>
    AsyncStatusResponse = 22,

    /// <summary>Server acknowledges the start of a device clear with its preferred features.</summary>
    AsyncDeviceClearAcknowledge = 23,

    /// <summary>Client asks who holds locks.</summary>
    AsyncLockInfo = 24,

    /// <summary>Server's lock information.</summary>
    AsyncLockInfoResponse = 25,

    /// <summary>Client asks for the server's descriptors (2.0).</summary>
    GetDescriptors = 26,

    /// <summary>Server's descriptors (2.0).</summary>
    GetDescriptorsResponse = 27,

    /// <summary>Client marks the point in the synchronous stream where TLS begins (2.0).</summary>
    StartTLS = 28,

    /// <summary>Client asks to start TLS on both channels (2.0).</summary>
    AsyncStartTLS = 29,

    /// <summary>Server's answer to <see cref="AsyncStartTLS"/>: success, busy or error (2.0).</summary>
    AsyncStartTLSResponse = 30,

    /// <summary>Client marks the point in the synchronous stream where TLS ends (2.0).</summary>
    EndTLS = 31,

    /// <summary>Client asks to return both channels to clear text (2.0).</summary>
    AsyncEndTLS = 32,

    /// <summary>Server's answer to <see cref="AsyncEndTLS"/> (2.0).</summary>
    AsyncEndTLSResponse = 33,

    /// <summary>Client asks which SASL mechanisms the server offers (2.0).</summary>
    GetSaslMechanismList = 34,

    /// <summary>Server's SASL mechanisms, space separated (2.0).</summary>
    GetSaslMechanismListResponse = 35,

    /// <summary>Client names the SASL mechanism it will use (2.0).</summary>
    AuthenticationStart = 36,

    /// <summary>One SASL exchange step, in either direction (2.0).</summary>
    AuthenticationExchange = 37,

    /// <summary>Server's verdict on the authentication (2.0).</summary>
    AuthenticationResult = 38,
}
