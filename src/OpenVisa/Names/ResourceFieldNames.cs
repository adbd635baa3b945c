namespace OpenVisa;

/// <summary>
/// The names of the fields a <see cref="ResourceName"/> carries in <see cref="ResourceName.Fields"/>,
/// camelCase as the CLI's JSON output shows them.
/// </summary>
public static class ResourceFieldNames
{
    /// <summary>Host name or IP address (TCPIP, VICP, PRLGX-TCPIP); IPv6 without its brackets.</summary>
    public const string HostAddress = "hostAddress";

    /// <summary>TCP port: a SOCKET port, a PRLGX-TCPIP port, or the <c>host,port</c> / <c>host:port</c> form of a TCPIP INSTR host.</summary>
    public const string Port = "port";

    /// <summary>VXI-11 or HiSLIP device name, e.g. <c>inst0</c>, <c>hislip0,4880</c>, <c>gpib0,5</c>.</summary>
    public const string LanDeviceName = "lanDeviceName";

    /// <summary>GPIB primary address, 0 to 30.</summary>
    public const string PrimaryAddress = "primaryAddress";

    /// <summary>GPIB secondary address, 0 to 31.</summary>
    public const string SecondaryAddress = "secondaryAddress";

    /// <summary>USB vendor (manufacturer) ID, as written (decimal or 0x hex).</summary>
    public const string ManufacturerId = "manufacturerId";

    /// <summary>USB product ID (model code), or the R&amp;S NRP product ID, as written.</summary>
    public const string ModelCode = "modelCode";

    /// <summary>Device serial number (USB, RSNRP).</summary>
    public const string SerialNumber = "serialNumber";

    /// <summary>USB interface number, 0 to 255.</summary>
    public const string UsbInterfaceNumber = "usbInterfaceNumber";

    /// <summary>VXI logical address, 0 to 255.</summary>
    public const string VxiLogicalAddress = "vxiLogicalAddress";

    /// <summary>PXI bus number.</summary>
    public const string PxiBus = "pxiBus";

    /// <summary>PXI device number, 0 to 31.</summary>
    public const string PxiDevice = "pxiDevice";

    /// <summary>PXI function number, 0 to 7.</summary>
    public const string PxiFunction = "pxiFunction";

    /// <summary>PXI chassis number.</summary>
    public const string Chassis = "chassis";

    /// <summary>PXI slot number.</summary>
    public const string Slot = "slot";

    /// <summary>Serial device of a Prologix serial adapter, e.g. <c>/dev/ttyUSB0</c> or <c>COM4</c>.</summary>
    public const string SerialDevice = "serialDevice";

    /// <summary>Host of a remote <c>visa://host[:port]/…</c> name.</summary>
    public const string RemoteHost = "remoteHost";

    /// <summary>Port of a remote <c>visa://host:port/…</c> name.</summary>
    public const string RemotePort = "remotePort";
}
