namespace OpenVisa;

public abstract partial class VisaLibrary
{
    /// <summary>Sends GPIB command bytes with ATN asserted; returns the count sent.</summary>
    public virtual int GpibCommand(int session, ReadOnlySpan<byte> data) => throw Unsupported(nameof(GpibCommand), session);

    /// <summary>Controls the GPIB ATN line.</summary>
    public virtual void GpibControlAtn(int session, AtnMode mode) => throw Unsupported(nameof(GpibControlAtn), session);

    /// <summary>Controls remote enable (REN) and local lockout; also used for TCPIP and USB remote/local.</summary>
    public virtual void GpibControlRen(int session, RenMode mode) => throw Unsupported(nameof(GpibControlRen), session);

    /// <summary>Passes controller-in-charge to another GPIB device.</summary>
    public virtual void GpibPassControl(int session, int primaryAddress, int? secondaryAddress) => throw Unsupported(nameof(GpibPassControl), session);

    /// <summary>Pulses the GPIB interface-clear line.</summary>
    public virtual void GpibSendIfc(int session) => throw Unsupported(nameof(GpibSendIfc), session);

    /// <summary>Sends a USB control-OUT request on the default control pipe.</summary>
    public virtual void UsbControlOut(int session, byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data) =>
        throw Unsupported(nameof(UsbControlOut), session);

    /// <summary>Sends a USB control-IN request; returns the count of bytes received into <paramref name="buffer"/>.</summary>
    public virtual int UsbControlIn(int session, byte requestType, byte request, ushort value, ushort index, Span<byte> buffer) =>
        throw Unsupported(nameof(UsbControlIn), session);

    /// <summary>Sends a VXI Word Serial command or query; returns the response for queries.</summary>
    public virtual uint VxiCommandQuery(int session, int mode, uint command) => throw Unsupported(nameof(VxiCommandQuery), session);

    /// <summary>Asserts a VXI interrupt or signal.</summary>
    public virtual void AssertInterruptSignal(int session, int mode, uint statusId) => throw Unsupported(nameof(AssertInterruptSignal), session);

    /// <summary>Asserts a VXI utility signal (SYSRESET, SYSFAIL, ACFAIL).</summary>
    public virtual void AssertUtilitySignal(int session, int line) => throw Unsupported(nameof(AssertUtilitySignal), session);

    /// <summary>Maps a trigger source line to a destination line.</summary>
    public virtual void MapTrigger(int session, int triggerSource, int triggerDestination, int mode) => throw Unsupported(nameof(MapTrigger), session);

    /// <summary>Undoes a trigger mapping.</summary>
    public virtual void UnmapTrigger(int session, int triggerSource, int triggerDestination) => throw Unsupported(nameof(UnmapTrigger), session);
}
