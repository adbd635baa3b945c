namespace OpenVisa.Managed.Usb;

/// <summary>The USBTMC and USB488 class-specific control requests and their status values (USBTMC 1.0 Table 15, USB488 Table 9).</summary>
internal static class UsbtmcRequests
{
    public const byte InitiateAbortBulkOut = 1;
    public const byte CheckAbortBulkOutStatus = 2;
    public const byte InitiateAbortBulkIn = 3;
    public const byte CheckAbortBulkInStatus = 4;
    public const byte InitiateClear = 5;
    public const byte CheckClearStatus = 6;
    public const byte GetCapabilities = 7;
    public const byte IndicatorPulse = 64;
    public const byte ReadStatusByte = 128;
    public const byte RenControl = 160;
    public const byte GoToLocal = 161;
    public const byte LocalLockout = 162;

    /// <summary>bmRequestType: device to host, class, interface recipient.</summary>
    public const byte ClassInterfaceIn = 0xA1;

    /// <summary>bmRequestType: device to host, class, endpoint recipient.</summary>
    public const byte ClassEndpointIn = 0xA2;

    public const byte StatusSuccess = 0x01;
    public const byte StatusPending = 0x02;
    public const byte StatusFailed = 0x80;
    public const byte StatusTransferNotInProgress = 0x81;
    public const byte StatusInterruptInBusy = 0x20;

    /// <summary>A status value's name for messages.</summary>
    public static string StatusName(byte status) => status switch
    {
        StatusSuccess => "STATUS_SUCCESS",
        StatusPending => "STATUS_PENDING",
        StatusFailed => "STATUS_FAILED",
        StatusTransferNotInProgress => "STATUS_TRANSFER_NOT_IN_PROGRESS",
        0x82 => "STATUS_SPLIT_NOT_IN_PROGRESS",
        0x83 => "STATUS_SPLIT_IN_PROGRESS",
        StatusInterruptInBusy => "STATUS_INTERRUPT_IN_BUSY",
        _ => $"status 0x{status:X2}",
    };
}
