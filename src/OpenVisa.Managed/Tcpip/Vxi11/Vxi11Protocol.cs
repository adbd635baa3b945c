namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The numbers of the VXI-11 TCP/IP Instrument Protocol (VXIbus Consortium, revision 1.0): its three RPC programs,
/// their procedures, the operation flags and the reasons a read ended.
/// </summary>
internal static class Vxi11Protocol
{
    /// <summary>DEVICE_CORE: the core channel, reached through the portmapper.</summary>
    public const uint CoreProgram = 0x0607AF;

    /// <summary>DEVICE_ASYNC: the abort channel, at the port <c>create_link</c> returns.</summary>
    public const uint AbortProgram = 0x0607B0;

    /// <summary>DEVICE_INTR: the interrupt channel, served by the client, called by the instrument.</summary>
    public const uint InterruptProgram = 0x0607B1;

    /// <summary>The version of all three programs.</summary>
    public const uint Version = 1;

    public const uint DeviceAbort = 1;
    public const uint CreateLink = 10;
    public const uint DeviceWrite = 11;
    public const uint DeviceRead = 12;
    public const uint DeviceReadStb = 13;
    public const uint DeviceTrigger = 14;
    public const uint DeviceClear = 15;
    public const uint DeviceRemote = 16;
    public const uint DeviceLocal = 17;
    public const uint DeviceLock = 18;
    public const uint DeviceUnlock = 19;
    public const uint DeviceEnableSrq = 20;
    public const uint DeviceDoCmd = 22;
    public const uint DestroyLink = 23;
    public const uint CreateInterruptChannel = 25;
    public const uint DestroyInterruptChannel = 26;
    public const uint DeviceInterruptSrq = 30;

    /// <summary>The longest SRQ handle <c>device_enable_srq</c> may carry.</summary>
    public const int MaxSrqHandleLength = 40;

    /// <summary><c>Device_AddrFamily</c> DEVICE_TCP.</summary>
    public const uint FamilyTcp = 0;

    /// <summary><c>Device_AddrFamily</c> DEVICE_UDP.</summary>
    public const uint FamilyUdp = 1;

    /// <summary>An I/O or lock timeout at or above this many milliseconds means "wait forever" here (VISA sends 0xFFFFFFFF).</summary>
    public const uint InfiniteTimeout = 0x8000_0000;

    /// <summary>The longest device name accepted in <c>create_link</c>.</summary>
    public const int MaxDeviceNameLength = 256;

    /// <summary>The name of a procedure, for messages and logs.</summary>
    public static string ProcedureName(uint procedure) => procedure switch
    {
        CreateLink => "create_link",
        DeviceWrite => "device_write",
        DeviceRead => "device_read",
        DeviceReadStb => "device_readstb",
        DeviceTrigger => "device_trigger",
        DeviceClear => "device_clear",
        DeviceRemote => "device_remote",
        DeviceLocal => "device_local",
        DeviceLock => "device_lock",
        DeviceUnlock => "device_unlock",
        DeviceEnableSrq => "device_enable_srq",
        DeviceDoCmd => "device_docmd",
        DestroyLink => "destroy_link",
        CreateInterruptChannel => "create_intr_chan",
        DestroyInterruptChannel => "destroy_intr_chan",
        _ => $"procedure {procedure}",
    };
}

/// <summary><c>Device_Flags</c>: bits of the flags argument of most core procedures.</summary>
[Flags]
internal enum Vxi11Flags : uint
{
    None = 0,

    /// <summary>Wait up to the lock timeout for another link's lock instead of failing at once.</summary>
    WaitLock = 1,

    /// <summary><c>device_write</c>: the last byte ends the message (END).</summary>
    End = 8,

    /// <summary><c>device_read</c>: stop after the termination character.</summary>
    TermCharSet = 128,
}

/// <summary>Why a <c>device_read</c> returned; several bits may be set at once.</summary>
[Flags]
internal enum Vxi11ReadReason : uint
{
    None = 0,

    /// <summary>The requested count was reached.</summary>
    RequestCount = 1,

    /// <summary>The termination character was read.</summary>
    TermChar = 2,

    /// <summary>The message ended (END).</summary>
    End = 4,
}
