using System.Globalization;

namespace OpenVisa.Managed.Usb;

/// <summary>The resource names of the USB devices attached now: USBTMC interfaces as <c>::INSTR</c>, every device's interfaces as <c>::RAW</c>.</summary>
internal static class UsbDiscovery
{
    /// <summary>The names matching <paramref name="pattern"/>; nothing (and no libusb load) when the pattern can match no USB name.</summary>
    public static IEnumerable<string> Find(VisaPattern pattern)
    {
        var instr = pattern.IsMatch("USB0::0x1234::0x5678::SERIAL::0::INSTR");
        var raw = pattern.IsMatch("USB0::0x1234::0x5678::SERIAL::0::RAW");
        if (!instr && !raw)
            return [];
        // Interfaces Linux's usbtmc driver serves open through it when libusb cannot take them, so they are listed too.
        var kernel = instr ? Kernel.KernelUsbtmcDevices.List().Select(d => d.ResourceName).OfType<string>() : [];
        var found = LibUsb.TryLoad(LibUsb.ConfiguredPath, out _) is { } library ? Names(UsbDevices.List(library)) : [];
        return found.Concat(kernel).Distinct(StringComparer.OrdinalIgnoreCase).Where(pattern.IsMatch);
    }

    /// <summary>VISA's canonical names for the devices (those whose serial number could be read).</summary>
    public static IEnumerable<string> Names(IEnumerable<UsbDeviceInfo> devices)
    {
        foreach (var device in devices)
        {
            if (device.Id.SerialNumber is not { } serial)
                continue;
            foreach (var usbInterface in device.Interfaces)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"USB0::0x{device.Id.VendorId:X4}::0x{device.Id.ProductId:X4}::{serial}::{usbInterface.Number}");
                if (usbInterface.IsUsbtmc)
                    yield return prefix + "::INSTR";
                yield return prefix + "::RAW";
            }
        }
    }
}
