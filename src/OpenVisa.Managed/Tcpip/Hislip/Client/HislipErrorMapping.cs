namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>What the server's Error and FatalError codes mean to a VISA caller.</summary>
public static class HislipErrorMapping
{
    /// <summary>The VISA status for a non-fatal error the server sent.</summary>
    public static StatusCode ToStatus(HislipErrorCode code) => code switch
    {
        HislipErrorCode.UnrecognizedMessageType or HislipErrorCode.UnrecognizedControlCode or HislipErrorCode.UnrecognizedVendorDefinedMessage
            => StatusCode.ErrorNonsupportedOperation,
        HislipErrorCode.MessageTooLarge => StatusCode.ErrorInvalidSize,
        HislipErrorCode.AuthenticationFailed => StatusCode.ErrorNoPermission,
        _ => StatusCode.ErrorIO,
    };

    /// <summary>The VISA status for a fatal error the server sent (the session is over).</summary>
    public static StatusCode ToStatus(HislipFatalErrorCode code) => code switch
    {
        HislipFatalErrorCode.ServerRefusedConnectionMaximumClients => StatusCode.ErrorResourceBusy,
        HislipFatalErrorCode.SecureConnectionFailed => StatusCode.ErrorNoPermission,
        HislipFatalErrorCode.InvalidInitializationSequence => StatusCode.ErrorResourceNotFound,
        _ => StatusCode.ErrorConnectionLost,
    };

    /// <summary>A phrase naming the code, e.g. <c>error 4 (message too large)</c>.</summary>
    public static string Describe(HislipErrorCode code) => code switch
    {
        HislipErrorCode.Unidentified => "error 0 (unidentified)",
        HislipErrorCode.UnrecognizedMessageType => "error 1 (unrecognized message type)",
        HislipErrorCode.UnrecognizedControlCode => "error 2 (unrecognized control code)",
        HislipErrorCode.UnrecognizedVendorDefinedMessage => "error 3 (unrecognized vendor-defined message)",
        HislipErrorCode.MessageTooLarge => "error 4 (message too large)",
        HislipErrorCode.AuthenticationFailed => "error 5 (authentication failed)",
        _ => $"device-defined error {(byte)code}",
    };

    /// <summary>A phrase naming the code, e.g. <c>fatal error 1 (poorly formed message header)</c>.</summary>
    public static string Describe(HislipFatalErrorCode code) => code switch
    {
        HislipFatalErrorCode.Unidentified => "fatal error 0 (unidentified)",
        HislipFatalErrorCode.PoorlyFormedMessageHeader => "fatal error 1 (poorly formed message header)",
        HislipFatalErrorCode.AttemptToUseConnectionWithoutBothChannels => "fatal error 2 (connection used without both channels)",
        HislipFatalErrorCode.InvalidInitializationSequence => "fatal error 3 (invalid initialization sequence)",
        HislipFatalErrorCode.ServerRefusedConnectionMaximumClients => "fatal error 4 (maximum number of clients exceeded)",
        HislipFatalErrorCode.SecureConnectionFailed => "fatal error 5 (secure connection failed)",
        _ => $"device-defined fatal error {(byte)code}",
    };
}
