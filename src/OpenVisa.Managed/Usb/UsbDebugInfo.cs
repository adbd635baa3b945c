namespace OpenVisa.Managed.Usb;

/// <summary>What <c>ovisa info</c> says about USB: the usbtmc kernel nodes, which libusb was loaded (or why none), and each device with its names or the reason it cannot be opened.</summary>
internal static class UsbDebugInfo
{
    public static IEnumerable<KeyValuePair<string, string>> Describe()
    {
        foreach (var device in Kernel.KernelUsbtmcDevices.List())
        {
            yield return new("USB kernel usbtmc " + device.DevicePath,
                $"{device.ResourceName ?? device.Id.ToString()}: INSTR sessions use this node (the kernel's usbtmc driver) when libusb cannot take the interface, else libusb");
        }
        var path = LibUsb.ConfiguredPath;
        if (LibUsb.TryLoad(path, out var why) is not { } library)
        {
            yield return new("USB (libusb)", $"{path} not usable ({why}); install the Debian package libusb-1.0-0 or set {LibUsb.LibraryVariable}");
            yield break;
        }
        yield return new("USB (libusb)", $"{library.Path}; USBTMC and RAW sessions use libusb and detach the usbtmc kernel driver while open");
        foreach (var device in UsbDevices.List(library))
        {
            var names = UsbDiscovery.Names([device]).ToList();
            var quirks = UsbtmcQuirks.For(device.Id.VendorId, device.Id.ProductId);
            var text = device.Problem ?? (names.Count == 0 ? "no interfaces" : string.Join(", ", names));
            if (!ReferenceEquals(quirks, UsbtmcQuirks.None))
                text += $"; quirks for {quirks.Devices}: {quirks.Reason}";
            yield return new("USB device " + device.Id, text);
        }
    }
}
