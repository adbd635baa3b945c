using System.Text;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// Enumerates the USB devices libusb sees: descriptors, interfaces and serial numbers (reading the serial number opens
/// the device briefly; a device this user may not open is reported with the reason instead).
/// </summary>
internal static unsafe class UsbDevices
{
    /// <summary>Every device attached now.</summary>
    public static IReadOnlyList<UsbDeviceInfo> List(LibUsb library)
    {
        var found = new List<UsbDeviceInfo>();
        Scan(library, (info, _) =>
        {
            found.Add(info);
            return false;
        });
        return found;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with each device and its libusb pointer (valid during the call) until it returns
    /// true; returns false when no call did. A failed enumeration is an empty one: the caller reports "not found".
    /// </summary>
    public static bool Scan(LibUsb library, Func<UsbDeviceInfo, nint, bool> visit)
    {
        var count = library.GetDeviceList(out var list);
        if (count < 0)
            return false;
        try
        {
            for (var i = 0; i < (int)count; i++)
            {
                var device = list[i];
                if (Describe(library, device) is { } info && visit(info, device))
                    return true;
            }
            return false;
        }
        finally
        {
            library.FreeDeviceList(list);
        }
    }

    private static UsbDeviceInfo? Describe(LibUsb library, nint device)
    {
        if (library.GetDeviceDescriptor(device, out var descriptor) < 0)
            return null;
        var id = new UsbDeviceId(descriptor.VendorId, descriptor.ProductId, null, library.BusNumber(device), library.DeviceAddress(device));
        string? problem = null;
        if (descriptor.SerialNumberIndex != 0)
        {
            var result = library.Open(device, out var handle);
            if (result < 0)
            {
                problem = $"libusb_open failed with {library.ErrorName(result)}. {LibUsbErrors.Hint(result, id)}".TrimEnd();
            }
            else
            {
                try
                {
                    Span<byte> text = stackalloc byte[256];
                    var length = library.GetStringDescriptorAscii(handle, descriptor.SerialNumberIndex, text);
                    if (length >= 0)
                        id = id with { SerialNumber = Encoding.ASCII.GetString(text[..length]) };
                    else
                        problem = $"reading its serial number failed with {library.ErrorName(length)}";
                }
                finally
                {
                    library.Close(handle);
                }
            }
        }
        return new UsbDeviceInfo(id, Interfaces(library, device), problem);
    }

    private static List<UsbInterfaceInfo> Interfaces(LibUsb library, nint device)
    {
        var interfaces = new List<UsbInterfaceInfo>();
        if (library.GetActiveConfigDescriptor(device, out var config) < 0)
            return interfaces;
        try
        {
            for (var i = 0; i < config->InterfaceCount; i++)
            {
                var usbInterface = config->Interfaces[i];
                if (usbInterface.AlternateSettingCount < 1)
                    continue;
                var setting = usbInterface.AlternateSettings[0];
                var endpoints = new List<UsbEndpointInfo>();
                for (var e = 0; e < setting.EndpointCount; e++)
                {
                    var endpoint = setting.Endpoints[e];
                    endpoints.Add(new UsbEndpointInfo(endpoint.EndpointAddress, (UsbTransferType)(endpoint.Attributes & 3), endpoint.MaxPacketSize));
                }
                interfaces.Add(new UsbInterfaceInfo(setting.InterfaceNumber, setting.AlternateSetting, setting.InterfaceClass, setting.InterfaceSubClass, setting.InterfaceProtocol, endpoints));
            }
        }
        finally
        {
            library.FreeConfigDescriptor(config);
        }
        return interfaces;
    }
}
