namespace OpenVisa.Managed.Sessions;

// USB control transfers on the default pipe: overridden by the USB sessions.
internal abstract partial class ManagedSession
{
    /// <summary><c>viUsbControlOut</c>.</summary>
    public virtual void UsbControlOut(byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data) =>
        throw Unsupported("UsbControlOut", "Only USB INSTR and USB RAW sessions have a control pipe.");

    /// <summary><c>viUsbControlIn</c>: returns the bytes received.</summary>
    public virtual int UsbControlIn(byte requestType, byte request, ushort value, ushort index, Span<byte> buffer) =>
        throw Unsupported("UsbControlIn", "Only USB INSTR and USB RAW sessions have a control pipe.");
}
