using System.Globalization;

namespace OpenVisa.Managed.Usb;

/// <summary>libusb's error codes, the VISA status each becomes, and what to tell the user about it.</summary>
internal static class LibUsbErrors
{
    public const int Io = -1;
    public const int InvalidParam = -2;
    public const int Access = -3;
    public const int NoDevice = -4;
    public const int NotFound = -5;
    public const int Busy = -6;
    public const int Timeout = -7;
    public const int Overflow = -8;
    public const int Pipe = -9;

    /// <summary>The VISA status for a failed libusb call.</summary>
    public static StatusCode StatusFor(int code) => code switch
    {
        Access => StatusCode.ErrorNoPermission,
        NoDevice => StatusCode.ErrorConnectionLost,
        NotFound => StatusCode.ErrorResourceNotFound,
        Busy => StatusCode.ErrorResourceBusy,
        Timeout => StatusCode.ErrorTimeout,
        InvalidParam => StatusCode.ErrorInvalidParameter,
        _ => StatusCode.ErrorIO,
    };

    /// <summary>The error for a libusb call that returned <paramref name="code"/> on the device <paramref name="device"/>.</summary>
    /// <param name="library">The library, for its error names.</param>
    /// <param name="code">The negative result.</param>
    /// <param name="call">The libusb function, e.g. <c>libusb_bulk_transfer</c>.</param>
    /// <param name="operation">The VISA operation.</param>
    /// <param name="resourceName">The resource.</param>
    /// <param name="device">The device's identity, for the message and the udev rule.</param>
    public static VisaException ToVisa(LibUsb library, int code, string call, string operation, string resourceName, UsbDeviceId device) =>
        new(StatusFor(code), $"{call} on USB device {device} failed with {library.ErrorName(code)}. {Hint(code, device)}".TrimEnd(), operation, resourceName);

    /// <summary>What to try for an error code.</summary>
    public static string Hint(int code, UsbDeviceId device) => code switch
    {
        Access => $"This user may not open the device. On Linux add a udev rule such as /etc/udev/rules.d/99-usbtmc.rules with the line " +
            $"SUBSYSTEM==\"usb\", ATTR{{idVendor}}==\"{device.VendorId:x4}\", ATTR{{idProduct}}==\"{device.ProductId:x4}\", MODE=\"0660\", GROUP=\"plugdev\" " +
            "(and be in the plugdev group), then run 'udevadm control --reload-rules && udevadm trigger' and plug the device in again; or run as root.",
        NoDevice => "The device was unplugged or reset; plug it in again and reopen the session.",
        Busy => "Another program or kernel driver holds the interface; close it (or unload the usbtmc module) and try again.",
        Timeout => "The device did not answer in time; check that a query was sent before the read, or raise the timeout.",
        Pipe => "The endpoint stalled: the device refused the request; a device clear (viClear) resets it.",
        Overflow => "The device sent more than was asked for.",
        _ => "",
    };

    /// <summary>Formats a vendor or product id as VISA does in resource names.</summary>
    public static string Hex(int id) => "0x" + id.ToString("X4", CultureInfo.InvariantCulture);
}
