namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary><c>Device_ErrorCode</c>: the error every VXI-11 procedure returns (0 is none).</summary>
internal enum Vxi11ErrorCode : uint
{
    NoError = 0,
    SyntaxError = 1,
    DeviceNotAccessible = 3,
    InvalidLinkIdentifier = 4,
    ParameterError = 5,
    ChannelNotEstablished = 6,
    OperationNotSupported = 8,
    OutOfResources = 9,
    DeviceLockedByAnotherLink = 11,
    NoLockHeldByThisLink = 12,
    IOTimeout = 15,
    IOError = 17,
    InvalidAddress = 21,
    Abort = 23,
    ChannelAlreadyEstablished = 29,
}

/// <summary>What each VXI-11 error means and the VISA status it becomes.</summary>
internal static class Vxi11Errors
{
    /// <summary>The VISA status for a VXI-11 error, as NI-VISA and pyvisa-py map them.</summary>
    public static StatusCode ToStatus(Vxi11ErrorCode error) => error switch
    {
        Vxi11ErrorCode.NoError => StatusCode.Success,
        Vxi11ErrorCode.SyntaxError => StatusCode.ErrorInvalidFormat,
        Vxi11ErrorCode.DeviceNotAccessible => StatusCode.ErrorConnectionLost,
        Vxi11ErrorCode.InvalidLinkIdentifier => StatusCode.ErrorConnectionLost,
        Vxi11ErrorCode.ParameterError => StatusCode.ErrorInvalidParameter,
        Vxi11ErrorCode.ChannelNotEstablished => StatusCode.ErrorNotEnabled,
        Vxi11ErrorCode.OperationNotSupported => StatusCode.ErrorNonsupportedOperation,
        Vxi11ErrorCode.OutOfResources => StatusCode.ErrorAllocation,
        Vxi11ErrorCode.DeviceLockedByAnotherLink => StatusCode.ErrorResourceLocked,
        Vxi11ErrorCode.NoLockHeldByThisLink => StatusCode.ErrorSessionNotLocked,
        Vxi11ErrorCode.IOTimeout => StatusCode.ErrorTimeout,
        Vxi11ErrorCode.IOError => StatusCode.ErrorIO,
        Vxi11ErrorCode.InvalidAddress => StatusCode.ErrorInvalidResourceName,
        Vxi11ErrorCode.Abort => StatusCode.ErrorAbort,
        Vxi11ErrorCode.ChannelAlreadyEstablished => StatusCode.ErrorInvalidSetup,
        _ => StatusCode.ErrorIO,
    };

    /// <summary>The error's name in the VXI-11 specification and what it means, e.g. <c>error 11 (device locked by another link)</c>.</summary>
    public static string Describe(Vxi11ErrorCode error) => error switch
    {
        Vxi11ErrorCode.SyntaxError => "error 1 (syntax error)",
        Vxi11ErrorCode.DeviceNotAccessible => "error 3 (device not accessible)",
        Vxi11ErrorCode.InvalidLinkIdentifier => "error 4 (invalid link identifier)",
        Vxi11ErrorCode.ParameterError => "error 5 (parameter error)",
        Vxi11ErrorCode.ChannelNotEstablished => "error 6 (channel not established)",
        Vxi11ErrorCode.OperationNotSupported => "error 8 (operation not supported)",
        Vxi11ErrorCode.OutOfResources => "error 9 (out of resources)",
        Vxi11ErrorCode.DeviceLockedByAnotherLink => "error 11 (device locked by another link)",
        Vxi11ErrorCode.NoLockHeldByThisLink => "error 12 (no lock held by this link)",
        Vxi11ErrorCode.IOTimeout => "error 15 (I/O timeout)",
        Vxi11ErrorCode.IOError => "error 17 (I/O error)",
        Vxi11ErrorCode.InvalidAddress => "error 21 (invalid address)",
        Vxi11ErrorCode.Abort => "error 23 (abort)",
        Vxi11ErrorCode.ChannelAlreadyEstablished => "error 29 (channel already established)",
        _ => $"error {(uint)error}",
    };
}
