using System.Globalization;
using OpenVisa.Managed.Sessions;
using OpenVisa.Managed.Usb.Kernel;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// Opens <c>USB…::INSTR</c> and <c>USB…::RAW</c> names: loads libusb, finds the device by vendor id, product id and
/// serial number (case-insensitive), picks the interface (the name's, else the first USBTMC one for INSTR, else 0),
/// and says what was found instead when nothing matches. An INSTR whose interface libusb cannot take (or with no
/// libusb at all) goes through Linux's usbtmc driver instead, when that serves it (<see cref="KernelUsbtmcSession"/>).
/// </summary>
internal static class UsbOpener
{
    public static ManagedSession OpenInstr(SessionOpening opening) => Open(opening, raw: false);

    public static ManagedSession OpenRaw(SessionOpening opening) => Open(opening, raw: true);

    /// <summary>libusb as configured, or the error that says which file was looked for and how to get it.</summary>
    public static LibUsb LoadLibrary(string resourceName)
    {
        var path = LibUsb.ConfiguredPath;
        return LibUsb.TryLoad(path, out var why) ?? throw new VisaException(StatusCode.ErrorLibraryNotFound,
            $"USB needs libusb-1.0, but {path} was not usable ({why}). On Debian install the package libusb-1.0-0; " +
            $"{LibUsb.LibraryVariable} names another library file.", "Open", resourceName);
    }

    private static ManagedSession Open(SessionOpening opening, bool raw)
    {
        var name = opening.Name;
        var vendor = name.ManufacturerId;
        var product = name.ModelCode;
        var serial = name.SerialNumber;
        // INSTR falls back to Linux's usbtmc driver when libusb cannot be used: missing, or unable to take the interface.
        var kernel = raw ? null : KernelUsbtmcDevices.Find(vendor, product, serial, name.UsbInterfaceNumber);
        var library = LibUsb.TryLoad(LibUsb.ConfiguredPath, out var why);
        if (library is null)
        {
            if (kernel is not null)
                return KernelUsbtmcSession.Open(opening, kernel, $"libusb is not usable ({LibUsb.ConfiguredPath}: {why})");
            LoadLibrary(opening.ResourceName); // throws, saying which library was looked for
        }
        var seen = new List<UsbDeviceInfo>();
        ManagedSession? session = null;
        UsbDevices.Scan(library!, (info, device) =>
        {
            seen.Add(info);
            if (info.Id.VendorId != vendor || info.Id.ProductId != product)
                return false;
            if (info.Id.SerialNumber is null && info.Problem is not null)
            {
                if (kernel is not null)
                {
                    // Without access libusb cannot even read the serial number; sysfs has it, and the driver's node matched it.
                    session = KernelUsbtmcSession.Open(opening, kernel, $"libusb cannot open the device ({info.Problem})");
                    return true;
                }
                throw new VisaException(LibUsbErrors.StatusFor(LibUsbErrors.Access),
                    $"USB device {info.Id} may be the one asked for, but its serial number cannot be read: {info.Problem}", "Open", opening.ResourceName);
            }
            if (!string.Equals(info.Id.SerialNumber, serial, StringComparison.OrdinalIgnoreCase))
                return false;
            var usbInterface = PickInterface(info, name.UsbInterfaceNumber, raw, opening.ResourceName);
            UsbDeviceHandle handle;
            try
            {
                handle = UsbDeviceHandle.Open(library!, device, info, usbInterface, opening.ResourceName, opening.Library.Logger);
            }
            catch (VisaException e) when (kernel is not null && e.Status != StatusCode.ErrorConnectionLost)
            {
                session = KernelUsbtmcSession.Open(opening, kernel, $"libusb could not take the interface ({e.Message})");
                return true;
            }
            session = raw ? UsbRawSession.Open(opening, handle) : UsbtmcSession.Open(opening, handle);
            return true;
        });
        if (session is null && kernel is not null)
            return KernelUsbtmcSession.Open(opening, kernel, "libusb does not list the device");
        return session ?? throw NotFound(opening, seen);
    }

    private static UsbInterfaceInfo PickInterface(UsbDeviceInfo info, int? number, bool raw, string resourceName)
    {
        if (number is { } wanted)
        {
            return info.Interfaces.FirstOrDefault(i => i.Number == wanted) ?? throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"USB device {info.Id} has no interface {wanted}; it has {string.Join(", ", info.Interfaces.Select(Describe))}.", "Open", resourceName);
        }
        if (raw)
            return info.Interfaces.FirstOrDefault() ?? throw new VisaException(StatusCode.ErrorResourceNotFound, $"USB device {info.Id} has no interfaces.", "Open", resourceName);
        return info.FirstUsbtmcInterface ?? throw new VisaException(StatusCode.ErrorResourceNotFound,
            $"USB device {info.Id} has no USBTMC interface (class FE, subclass 03); it has {string.Join(", ", info.Interfaces.Select(Describe))}. Open it as USB…::RAW to use its endpoints directly.",
            "Open", resourceName);
    }

    private static string Describe(UsbInterfaceInfo i) =>
        string.Create(CultureInfo.InvariantCulture, $"interface {i.Number} (class {i.Class:X2}/{i.SubClass:X2}/{i.Protocol:X2})");

    private static VisaException NotFound(SessionOpening opening, List<UsbDeviceInfo> seen)
    {
        var name = opening.Name;
        var present = seen.Count == 0
            ? "libusb sees no USB devices at all (is the device plugged in? in a container, is /dev/bus/usb shared?)"
            : "the devices present are " + string.Join("; ", seen.Select(d => d.Id.ToString()));
        return new VisaException(StatusCode.ErrorResourceNotFound,
            string.Create(CultureInfo.InvariantCulture, $"No USB device with vendor id 0x{name.ManufacturerId:X4}, product id 0x{name.ModelCode:X4} and serial number {name.SerialNumber} is attached; {present}. 'ovisa list \"USB?*\"' lists what can be opened."),
            "Open", opening.ResourceName);
    }
}
