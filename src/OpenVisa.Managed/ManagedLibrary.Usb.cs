namespace OpenVisa.Managed;

// USB control transfers: each finds the session and lets it do the work.
public sealed partial class ManagedLibrary
{
    /// <inheritdoc/>
    public override void UsbControlOut(int session, byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data) =>
        Find(session, nameof(UsbControlOut)).UsbControlOut(requestType, request, value, index, data);

    /// <inheritdoc/>
    public override int UsbControlIn(int session, byte requestType, byte request, ushort value, ushort index, Span<byte> buffer) =>
        Find(session, nameof(UsbControlIn)).UsbControlIn(requestType, request, value, index, buffer);
}
