namespace OpenVisa.Managed.Usb;

/// <summary>A USB device as enumeration found it: who it is, its interfaces, and why it could not be opened (if it could not).</summary>
/// <param name="Id">Vendor, product, serial number and bus position.</param>
/// <param name="Interfaces">The interfaces of the active configuration (first alternate setting of each).</param>
/// <param name="Problem">Why the serial number could not be read (e.g. <c>LIBUSB_ERROR_ACCESS</c> and the udev rule to add); null when it was.</param>
internal sealed record UsbDeviceInfo(UsbDeviceId Id, IReadOnlyList<UsbInterfaceInfo> Interfaces, string? Problem)
{
    /// <summary>The device's first USBTMC interface, or null.</summary>
    public UsbInterfaceInfo? FirstUsbtmcInterface => Interfaces.FirstOrDefault(i => i.IsUsbtmc);
}

/// <summary>One interface of a USB device.</summary>
/// <param name="Number">bInterfaceNumber.</param>
/// <param name="AlternateSetting">bAlternateSetting.</param>
/// <param name="Class">bInterfaceClass.</param>
/// <param name="SubClass">bInterfaceSubClass.</param>
/// <param name="Protocol">bInterfaceProtocol (USBTMC: 0 plain, 1 USB488).</param>
/// <param name="Endpoints">Its endpoints.</param>
internal sealed record UsbInterfaceInfo(int Number, int AlternateSetting, int Class, int SubClass, int Protocol, IReadOnlyList<UsbEndpointInfo> Endpoints)
{
    /// <summary>Application class 0xFE, subclass 3: USB Test and Measurement Class.</summary>
    public bool IsUsbtmc => Class == 0xFE && SubClass == 0x03;

    /// <summary>The first endpoint of a transfer type and direction, or null.</summary>
    public UsbEndpointInfo? Find(UsbTransferType type, bool input) =>
        Endpoints.Where(e => e.Type == type && e.IsIn == input).Cast<UsbEndpointInfo?>().FirstOrDefault();
}

/// <summary>One endpoint.</summary>
/// <param name="Address">bEndpointAddress (bit 7 set for IN).</param>
/// <param name="Type">The transfer type (bits 0–1 of bmAttributes).</param>
/// <param name="MaxPacketSize">wMaxPacketSize.</param>
internal readonly record struct UsbEndpointInfo(byte Address, UsbTransferType Type, int MaxPacketSize)
{
    /// <summary>True for an IN (device to host) endpoint.</summary>
    public bool IsIn => (Address & 0x80) != 0;
}

/// <summary>USB transfer types as bmAttributes encodes them.</summary>
internal enum UsbTransferType
{
    Control = 0,
    Isochronous = 1,
    Bulk = 2,
    Interrupt = 3,
}
