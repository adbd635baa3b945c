using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// A <c>USBn::VID::PID::SERIAL[::IFACE]::INSTR</c> session: USBTMC / USB488 over libusb. Writes are DEV_DEP_MSG_OUT
/// messages (EOM on the last when <c>VI_ATTR_SEND_END_EN</c>); reads send REQUEST_DEV_DEP_MSG_IN (with the TermChar
/// when enabled and the device can) and take the DEV_DEP_MSG_IN replies, checking each header's bTag. A timeout aborts
/// the transfer (INITIATE_ABORT_BULK_IN/OUT and CHECK_*_STATUS) so the next one starts clean; <c>viClear</c> is
/// INITIATE_CLEAR + CHECK_CLEAR_STATUS; the status byte, remote/local control and triggers are the USB488 requests.
/// </summary>
internal sealed partial class UsbtmcSession : ManagedSession
{
    /// <summary>The most data one request asks for: large enough for speed, small enough for pooled buffers.</summary>
    private const int ChunkLimit = 1 << 20;

    /// <summary>The smallest request whose reply is read straight into the caller's buffer (below it a copy costs less than caring).</summary>
    private const int InPlaceMinimum = 64 * 1024;

    /// <summary>The first request of a large read: its reply goes through the transfer buffer, and gives the later ones the 12 bytes they need in front.</summary>
    private const int FirstOfLargeRead = 4096 - UsbtmcMessages.HeaderLength;

    private readonly UsbDeviceHandle _device;
    private readonly UsbtmcCapabilities _capabilities;
    private readonly UsbtmcQuirks _quirks;
    private readonly byte _bulkOut;
    private readonly byte _bulkIn;
    private readonly int _bulkInPacket;
    /// <summary>The bulk-IN packet size less one when it is a power of two (as USB's bulk sizes are), else -1: rounding up by a mask, not a division, on every read.</summary>
    private readonly int _bulkInPacketMask;
    /// <summary>The most one message or request carries: <see cref="ChunkLimit"/>, or less for a device with a quirk.</summary>
    private readonly int _chunkLimit;
    private readonly UsbInterruptPump? _interrupts;
    private readonly SessionEventQueue _events;
    private readonly Lock _io = new();
    /// <summary>The transfer buffer size kept per session: a 20 KiB chunk's reply with header and packet padding.</summary>
    private const int SmallTransfer = 32 * 1024;

    private readonly byte[] _smallMessage = new byte[1024];
    private byte[]? _smallTransfer;
    private byte _tag;
    private byte _statusTag = 1;

    private UsbtmcSession(SessionOpening opening, UsbDeviceHandle device, UsbtmcCapabilities capabilities, UsbtmcQuirks quirks)
        : base(opening, UsbAttributes.Initial(device, opening.Name.ResourceClass))
    {
        _device = device;
        _capabilities = capabilities;
        _quirks = quirks;
        var usbInterface = device.Interface;
        _bulkOut = usbInterface.Find(UsbTransferType.Bulk, input: false)!.Value.Address;
        var bulkIn = usbInterface.Find(UsbTransferType.Bulk, input: true)!.Value;
        _bulkIn = bulkIn.Address;
        _bulkInPacket = Math.Max(1, bulkIn.MaxPacketSize);
        _bulkInPacketMask = BitOperations.IsPow2(_bulkInPacket) ? _bulkInPacket - 1 : -1;
        _chunkLimit = quirks.MaxTransferSize ?? ChunkLimit;
        Attributes.SetInternal(VisaAttribute.Is4882Compliant, capabilities.Usb4882);
        _events = new SessionEventQueue(() => Handle, opening.ResourceName, [EventType.ServiceRequest], EventHandlerDispatch.Inline);
        if (usbInterface.Protocol == 1 && usbInterface.Find(UsbTransferType.Interrupt, input: true) is { } interrupt)
        {
            _interrupts = new UsbInterruptPump(device, interrupt,
                statusByte => _events.Raise(new VisaEvent(EventType.ServiceRequest, statusByte)),
                reason => _events.ConnectionLost(reason));
        }
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "USB INSTR";

    /// <inheritdoc/>
    protected override SessionEventQueue Events => _events;

    /// <summary>How the session reaches the device, for <c>ovisa info</c> and Debug logs.</summary>
    public string Path => $"libusb ({_device.Library.Path})" + (_device.DetachedKernelDriver ? ", kernel driver detached while open" : "");

    /// <summary>The device's quirks, <see cref="UsbtmcQuirks.None"/> for a standard one.</summary>
    internal UsbtmcQuirks Quirks => _quirks;

    /// <summary>Opens the device, claims its USBTMC interface and reads GET_CAPABILITIES.</summary>
    public static UsbtmcSession Open(SessionOpening opening, UsbDeviceHandle device)
    {
        var usbInterface = device.Interface;
        if (usbInterface.Find(UsbTransferType.Bulk, input: false) is null || usbInterface.Find(UsbTransferType.Bulk, input: true) is null)
        {
            device.Dispose();
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"Interface {usbInterface.Number} of USB device {device.Device.Id} has no bulk-IN and bulk-OUT endpoint pair, which USBTMC needs; open it as ::RAW instead.",
                "Open", opening.ResourceName);
        }
        try
        {
            var quirks = UsbtmcQuirks.For(device.Device.Id.VendorId, device.Device.Id.ProductId);
            var capabilities = ReadCapabilities(device, opening);
            var logger = opening.Library.Logger;
            logger.LogDebug("{Resource}: USBTMC over libusb ({Path}), capabilities {Capabilities}, quirks: {Quirks}",
                opening.ResourceName, device.Library.Path, capabilities, quirks.Reason);
            return new UsbtmcSession(opening, device, capabilities, quirks);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static UsbtmcCapabilities ReadCapabilities(UsbDeviceHandle device, SessionOpening opening)
    {
        Span<byte> reply = stackalloc byte[0x18];
        var timeout = (uint)Math.Clamp(opening.OpenTimeout.TotalMilliseconds, 1000, 60000);
        var count = device.Control(UsbtmcRequests.ClassInterfaceIn, UsbtmcRequests.GetCapabilities, 0, (ushort)device.Interface.Number, reply, timeout);
        if (count == LibUsbErrors.Pipe)
            return UsbtmcCapabilities.None; // the device refuses the request: assume nothing optional
        device.Check(count, "libusb_control_transfer (GET_CAPABILITIES)", "Open");
        return UsbtmcCapabilities.Parse(reply[..count]) ?? UsbtmcCapabilities.None;
    }

    /// <summary>VI_ATTR_TMO_VALUE as libusb takes it: 0 waits forever there, so VISA's "do not wait" becomes 1 ms.</summary>
    private uint LibUsbTimeout => TimeoutMilliseconds switch
    {
        0 => 1,
        VisaTimeout.InfiniteValue => 0,
        var ms => ms,
    };

    private byte NextTag() => _tag = UsbtmcMessages.NextTag(_tag);

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        lock (_io)
        {
            // Almost every SCPI message is one DEV_DEP_MSG_OUT that fits the session's own buffer: no pool, no loop.
            if (data.Length <= _chunkLimit && UsbtmcMessages.PaddedLength(data.Length) <= _smallMessage.Length)
            {
                var tag = NextTag();
                var message = _smallMessage.AsSpan(0, UsbtmcMessages.PaddedLength(data.Length));
                UsbtmcMessages.WriteDevDepMsgOut(message, tag, data.Length, SendEndEnabled);
                data.CopyTo(message[UsbtmcMessages.HeaderLength..]);
                message[(UsbtmcMessages.HeaderLength + data.Length)..].Clear();
                SendOut(message, tag, "Write");
                return data.Length;
            }
            return WriteMessages(data);
        }
    }

    /// <summary>A message of several DEV_DEP_MSG_OUT transfers, or one too long for the session's own buffer; the caller holds the I/O lock.</summary>
    private int WriteMessages(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        var limit = _chunkLimit;
        var length0 = UsbtmcMessages.PaddedLength(Math.Min(data.Length, limit));
        // A command fits the session's own small buffer: no pool round trip per message.
        var message = length0 <= _smallMessage.Length ? _smallMessage : ArrayPool<byte>.Shared.Rent(length0);
        try
        {
            do
            {
                var size = Math.Min(data.Length - offset, limit);
                var last = offset + size == data.Length;
                var tag = NextTag();
                UsbtmcMessages.WriteDevDepMsgOut(message, tag, size, last && SendEndEnabled);
                data.Slice(offset, size).CopyTo(message.AsSpan(UsbtmcMessages.HeaderLength));
                var length = UsbtmcMessages.PaddedLength(size);
                message.AsSpan(UsbtmcMessages.HeaderLength + size, length - UsbtmcMessages.HeaderLength - size).Clear();
                SendOut(message.AsSpan(0, length), tag, "Write");
                offset += size;
            }
            while (offset < data.Length);
            return data.Length;
        }
        finally
        {
            if (!ReferenceEquals(message, _smallMessage))
                ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <inheritdoc/>
    [SkipLocalsInit] // the request header on the stack is written whole before it is sent
    public override ReadResult Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        lock (_io)
        {
            var total = 0;
            var termEnabled = TerminationCharacterEnabled;
            var term = TerminationCharacter;
            var limit = _chunkLimit;
            var transferLength = InBufferLength(Math.Min(buffer.Length, limit));
            // A read of one chunk (a query's reply) uses the session's own transfer buffer, kept while the session lives.
            var transfer = transferLength <= SmallTransfer ? _smallTransfer ??= new byte[SmallTransfer] : ArrayPool<byte>.Shared.Rent(transferLength);
            Span<byte> request = stackalloc byte[UsbtmcMessages.HeaderLength];
            try
            {
                while (true)
                {
                    var want = Math.Min(buffer.Length - total, limit);
                    if (want == 0)
                        return new ReadResult(total, StatusCode.SuccessMaxCountRead);
                    var inPlace = InPlaceLength(buffer.Length, total, want);
                    if (inPlace > 0)
                        want = inPlace;
                    else if (total == 0 && buffer.Length >= 2 * InPlaceMinimum && CanReadInPlace)
                        want = Math.Min(want, FirstOfLargeRead); // a small first request, so the rest can land in place
                    var tag = NextTag();
                    UsbtmcMessages.WriteRequestDevDepMsgIn(request, tag, want, termEnabled && _capabilities.TermChar ? term : null);
                    SendOut(request, tag, "Read");
                    var reply = inPlace > 0
                        ? ReceiveReplyInPlace(buffer, total, tag, want)
                        : ReceiveReply(transfer.AsSpan(0, InBufferLength(want)), tag, want, buffer[total..]);
                    total += reply.TransferSize;
                    if (termEnabled && total > 0 && buffer[total - 1] == term)
                        return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
                    if (_quirks.NeverSignalsEom || (reply.EndOfMessage && !SuppressEndEnabled))
                        return new ReadResult(total, StatusCode.Success);
                }
            }
            finally
            {
                if (!ReferenceEquals(transfer, _smallTransfer))
                    ArrayPool<byte>.Shared.Return(transfer);
            }
        }
    }

    /// <summary>A bulk-IN buffer for a reply of up to <paramref name="dataLength"/> bytes: header and padding, rounded up to whole packets so the device never overflows it.</summary>
    private int InBufferLength(int dataLength)
    {
        var padded = UsbtmcMessages.PaddedLength(dataLength);
        return _bulkInPacketMask >= 0
            ? (padded + _bulkInPacketMask) & ~_bulkInPacketMask
            : (padded + _bulkInPacket - 1) / _bulkInPacket * _bulkInPacket;
    }

    /// <summary>
    /// Takes one DEV_DEP_MSG_IN reply to request <paramref name="tag"/> and copies its data into <paramref name="destination"/>;
    /// data the first transfer did not hold arrives in further bulk-IN transfers without a header.
    /// </summary>
    private UsbtmcInHeader ReceiveReply(Span<byte> transfer, byte tag, int requested, Span<byte> destination)
    {
        var got = ReceiveIn(transfer, tag, "Read");
        var header = UsbtmcMessages.ParseDevDepMsgIn(transfer[..got], tag, _quirks.HeaderOnlyInFirstTransfer ? int.MaxValue : requested, out var problem);
        if (header is not { } parsed)
        {
            AbortBulkIn(tag);
            throw new VisaException(StatusCode.ErrorIO,
                $"USB device {_device.Device.Id} sent a bad USBTMC reply: {problem}. The transfer was aborted so the next one starts clean; if this repeats, clear the device (viClear).",
                "Read", ResourceName);
        }
        var size = parsed.TransferSize;
        var data = transfer[UsbtmcMessages.HeaderLength..got];
        if (_quirks.BlockLengthFromIeeeHeader && BlockLength(data) is { } blockLength)
            size = blockLength;
        if (size > destination.Length)
            size = destination.Length; // a quirky device announced more than was asked for: keep what fits
        var copied = Math.Min(size, data.Length);
        data[..copied].CopyTo(destination);
        while (copied < size)
        {
            var more = ReceiveIn(transfer, tag, "Read");
            if (more == 0)
                break;
            var take = Math.Min(more, size - copied);
            transfer[..take].CopyTo(destination[copied..]);
            copied += take;
        }
        var endOfMessage = _quirks.HeaderOnlyInFirstTransfer ? copied >= size : parsed.EndOfMessage;
        return parsed with { TransferSize = copied, EndOfMessage = endOfMessage };
    }

    /// <summary>
    /// How much the next request of a read may ask for to have its reply land straight in the caller's buffer, or 0.
    /// The bulk-IN transfer then starts 12 bytes before the data's place (over bytes this read already filled, kept
    /// aside and put back), so the header lands there and the data where it belongs; it must end, packet padding
    /// included, inside the buffer. Only for large reads (a query's reply costs nothing to copy) and devices without
    /// quirks that change where a reply's data ends.
    /// </summary>
    private int InPlaceLength(int bufferLength, int total, int want)
    {
        if (total < UsbtmcMessages.HeaderLength || !CanReadInPlace)
            return 0;
        var window = (bufferLength - total + UsbtmcMessages.HeaderLength) / _bulkInPacket * _bulkInPacket;
        var length = Math.Min(want, window - UsbtmcMessages.HeaderLength);
        return length >= InPlaceMinimum ? length : 0;
    }

    private bool CanReadInPlace => !_quirks.HeaderOnlyInFirstTransfer && !_quirks.BlockLengthFromIeeeHeader && _bulkInPacket % 4 == 0;

    /// <summary>
    /// Takes the reply to request <paramref name="tag"/> for <paramref name="requested"/> bytes straight into
    /// <paramref name="buffer"/> at <paramref name="total"/> (see <see cref="InPlaceLength"/>): no copy of the data.
    /// </summary>
    private UsbtmcInHeader ReceiveReplyInPlace(Span<byte> buffer, int total, byte tag, int requested)
    {
        var start = total - UsbtmcMessages.HeaderLength;
        var window = buffer.Slice(start, InBufferLength(requested));
        Span<byte> kept = stackalloc byte[UsbtmcMessages.HeaderLength];
        window[..UsbtmcMessages.HeaderLength].CopyTo(kept);
        try
        {
            var got = ReceiveIn(window, tag, "Read");
            var header = UsbtmcMessages.ParseDevDepMsgIn(window[..got], tag, requested, out var problem);
            if (header is not { } parsed)
            {
                AbortBulkIn(tag);
                throw new VisaException(StatusCode.ErrorIO,
                    $"USB device {_device.Device.Id} sent a bad USBTMC reply: {problem}. The transfer was aborted so the next one starts clean; if this repeats, clear the device (viClear).",
                    "Read", ResourceName);
            }
            var size = parsed.TransferSize;
            var copied = Math.Min(size, got - UsbtmcMessages.HeaderLength);
            while (copied < size)
            {
                // The rest of the reply in further transfers without a header; the window holds it, padding included.
                var more = ReceiveIn(window[(UsbtmcMessages.HeaderLength + copied)..], tag, "Read");
                if (more == 0)
                    break;
                copied += Math.Min(more, size - copied);
            }
            return parsed with { TransferSize = copied };
        }
        finally
        {
            kept.CopyTo(window);
        }
    }

    /// <summary>The length an IEEE 488.2 definite block announces (its header included), or null when the data does not start one.</summary>
    private static int? BlockLength(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'#' || data[1] is < (byte)'1' or > (byte)'9')
            return null;
        var digits = data[1] - '0';
        if (data.Length < 2 + digits)
            return null;
        var length = 0;
        foreach (var digit in data.Slice(2, digits))
        {
            if (digit is < (byte)'0' or > (byte)'9')
                return null;
            length = length * 10 + (digit - '0');
        }
        return 2 + digits + length;
    }

    /// <inheritdoc/>
    protected override void Close()
    {
        _interrupts?.Dispose();
        _device.Dispose();
    }
}
