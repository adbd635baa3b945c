namespace OpenVisa.Managed.Usb.Kernel;

/// <summary>
/// The usbtmc driver's ioctl numbers and capability bits (Linux <c>include/uapi/linux/usb/tmc.h</c>), computed as the
/// header's <c>_IO</c>, <c>_IOR</c> and <c>_IOW</c> macros do with type 91; the test fake is compiled against the
/// header itself, so a wrong number here fails there.
/// </summary>
internal static class UsbtmcIoctls
{
    private const uint Type = 91;

    public static readonly uint Clear = None(2);
    public static readonly uint AbortBulkOut = None(3);
    public static readonly uint AbortBulkIn = None(4);
    public static readonly uint ClearOutHalt = None(6);
    public static readonly uint ClearInHalt = None(7);
    public static readonly uint SetTimeout = Write(10, 4);
    public static readonly uint EomEnable = Write(11, 1);
    public static readonly uint ConfigTermChar = Write(12, 2);
    public static readonly uint GetCapabilities = Read(17, 1);
    public static readonly uint ReadStatusByte = Read(18, 1);
    public static readonly uint RenControl = Write(19, 1);
    public static readonly uint GoToLocal = None(20);
    public static readonly uint LocalLockout = None(21);
    public static readonly uint Trigger = None(22);
    public static readonly uint MessageInAttributes = Read(24, 1);

    /// <summary>USBTMC488_CAPABILITY_TRIGGER: the TRIGGER message.</summary>
    public const byte CapabilityTrigger = 1;

    /// <summary>USBTMC488_CAPABILITY_SIMPLE: REN_CONTROL, GO_TO_LOCAL and LOCAL_LOCKOUT.</summary>
    public const byte CapabilitySimple = 2;

    /// <summary>USBTMC488_CAPABILITY_488_DOT_2: an IEEE 488.2 interface.</summary>
    public const byte Capability4882 = 4;

    /// <summary>bmTransferAttributes of the last DEV_DEP_MSG_IN: EOM.</summary>
    public const byte AttributeEndOfMessage = 1;

    private static uint None(uint number) => (Type << 8) | number;

    private static uint Write(uint number, uint size) => (1u << 30) | (size << 16) | (Type << 8) | number;

    private static uint Read(uint number, uint size) => (2u << 30) | (size << 16) | (Type << 8) | number;
}
