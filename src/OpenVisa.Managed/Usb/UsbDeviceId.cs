using System.Globalization;

namespace OpenVisa.Managed.Usb;

/// <summary>Who a USB device is: vendor and product id, serial number, and where it sits on the bus.</summary>
/// <param name="VendorId">idVendor (VISA's manufacturer ID).</param>
/// <param name="ProductId">idProduct (VISA's model code).</param>
/// <param name="SerialNumber">The serial-number string, or null when it could not be read.</param>
/// <param name="Bus">The bus number.</param>
/// <param name="Address">The device address on the bus.</param>
internal sealed record UsbDeviceId(int VendorId, int ProductId, string? SerialNumber, int Bus, int Address)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{VendorId:x4}:{ProductId:x4}") + (SerialNumber is null ? "" : $" serial {SerialNumber}") +
        string.Create(CultureInfo.InvariantCulture, $" (bus {Bus:D3} device {Address:D3})");
}
