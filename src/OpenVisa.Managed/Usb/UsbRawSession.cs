using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// A <c>USBn::VID::PID::SERIAL[::IFACE]::RAW</c> session: plain bulk transfers on the pipes
/// <c>VI_ATTR_USB_BULK_OUT_PIPE</c> and <c>VI_ATTR_USB_BULK_IN_PIPE</c> name (the interface's first bulk endpoints at
/// open), and control transfers on the default pipe. A read is one bulk-IN transfer: it ends at a short packet
/// (<c>VI_ATTR_USB_END_IN</c> short or short_or_count) or when the buffer is full.
/// </summary>
internal sealed class UsbRawSession : ManagedSession
{
    private readonly UsbDeviceHandle _device;
    private readonly Lock _io = new();

    private UsbRawSession(SessionOpening opening, UsbDeviceHandle device)
        : base(opening, UsbAttributes.Initial(device, "RAW"))
    {
        _device = device;
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "USB RAW";

    /// <summary>Wraps an opened device.</summary>
    public static UsbRawSession Open(SessionOpening opening, UsbDeviceHandle device) => new(opening, device);

    private uint LibUsbTimeout => TimeoutMilliseconds switch
    {
        0 => 1,
        VisaTimeout.InfiniteValue => 0,
        var ms => ms,
    };

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        var pipe = Pipe(VisaAttribute.UsbBulkOutPipe, "Write", "bulk-OUT");
        var copy = data.ToArray();
        lock (_io)
        {
            var result = _device.BulkOut(pipe, copy, out var sent, LibUsbTimeout);
            if (result == LibUsbErrors.Timeout)
                throw new VisaException(StatusCode.ErrorTimeout, $"USB device {_device.Device.Id} took {sent} of {copy.Length} bytes on pipe 0x{pipe:X2} before the timeout.", "Write", ResourceName);
            _device.Check(result, $"libusb_bulk_transfer (pipe 0x{pipe:X2})", "Write");
            return sent;
        }
    }

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        var pipe = Pipe(VisaAttribute.UsbBulkInPipe, "Read", "bulk-IN");
        lock (_io)
        {
            var result = _device.BulkIn(pipe, buffer, out var count, LibUsbTimeout);
            if (result == LibUsbErrors.Timeout)
                throw new VisaException(StatusCode.ErrorTimeout, $"USB device {_device.Device.Id} sent nothing on pipe 0x{pipe:X2} within {TimeoutMilliseconds} ms.", "Read", ResourceName);
            _device.Check(result, $"libusb_bulk_transfer (pipe 0x{pipe:X2})", "Read");
            return new ReadResult(count, count == buffer.Length ? StatusCode.SuccessMaxCountRead : StatusCode.Success);
        }
    }

    /// <inheritdoc/>
    public override void UsbControlOut(byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        lock (_io)
            _device.Check(_device.Control(requestType, request, value, index, copy, LibUsbTimeout), "libusb_control_transfer", "UsbControlOut");
    }

    /// <inheritdoc/>
    public override int UsbControlIn(byte requestType, byte request, ushort value, ushort index, Span<byte> buffer)
    {
        lock (_io)
            return _device.Check(_device.Control(requestType, request, value, index, buffer, LibUsbTimeout), "libusb_control_transfer", "UsbControlIn");
    }

    private byte Pipe(VisaAttribute attribute, string operation, string kind)
    {
        var value = Convert.ToInt32(Attributes.Get(attribute), System.Globalization.CultureInfo.InvariantCulture);
        return value < 0
            ? throw new VisaException(StatusCode.ErrorInvalidSetup, $"Interface {_device.Interface.Number} of USB device {_device.Device.Id} has no {kind} pipe; set the pipe attribute to one of its endpoints.", operation, ResourceName)
            : (byte)value;
    }

    /// <inheritdoc/>
    protected override void Close() => _device.Dispose();
}
