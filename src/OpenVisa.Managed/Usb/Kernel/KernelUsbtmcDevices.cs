using System.Globalization;

namespace OpenVisa.Managed.Usb.Kernel;

/// <summary>One interface the Linux usbtmc driver has bound, and its device node.</summary>
/// <param name="DevicePath">The node, e.g. <c>/dev/usbtmc0</c>.</param>
/// <param name="Id">The USB device's identity from sysfs.</param>
/// <param name="InterfaceNumber">bInterfaceNumber.</param>
/// <param name="Protocol">bInterfaceProtocol: 1 for USB488.</param>
internal sealed record KernelUsbtmcDevice(string DevicePath, UsbDeviceId Id, int InterfaceNumber, int Protocol)
{
    /// <summary>VISA's canonical INSTR name for it, or null without a serial number.</summary>
    public string? ResourceName => Id.SerialNumber is { } serial
        ? string.Create(CultureInfo.InvariantCulture, $"USB0::0x{Id.VendorId:X4}::0x{Id.ProductId:X4}::{serial}::{InterfaceNumber}::INSTR")
        : null;
}

/// <summary>
/// Finds the interfaces Linux's usbtmc driver serves: <c>/sys/class/usbmisc/usbtmcN</c> links to the interface's
/// sysfs folder (bInterfaceNumber, bInterfaceProtocol), whose parent is the device's (idVendor, idProduct, serial,
/// busnum, devnum); the node is <c>/dev/usbtmcN</c>.
/// </summary>
internal static class KernelUsbtmcDevices
{
    /// <summary>The sysfs root; tests point it at a made-up tree.</summary>
    internal static string SysfsRoot { get; set; } = "/sys";

    /// <summary>Where the nodes are; tests point it elsewhere so a real /dev/usbtmc0 is never used.</summary>
    internal static string DevRoot { get; set; } = "/dev";

    /// <summary>The usbtmc interfaces present now; none off Linux or without the driver.</summary>
    public static IReadOnlyList<KernelUsbtmcDevice> List()
    {
        var folder = Path.Combine(SysfsRoot, "class", "usbmisc");
        if (!OperatingSystem.IsLinux() || !Directory.Exists(folder))
            return [];
        var found = new List<KernelUsbtmcDevice>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "usbtmc*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Describe(name, Path.Combine(entry, "device")) is { } device)
                found.Add(device);
        }
        return found;
    }

    /// <summary>The node for the device with these ids (and interface, when given), or null.</summary>
    public static KernelUsbtmcDevice? Find(int? vendorId, int? productId, string? serial, int? interfaceNumber) =>
        List().FirstOrDefault(d => d.Id.VendorId == vendorId && d.Id.ProductId == productId
            && string.Equals(d.Id.SerialNumber, serial, StringComparison.OrdinalIgnoreCase)
            && (interfaceNumber is null || d.InterfaceNumber == interfaceNumber));

    private static KernelUsbtmcDevice? Describe(string name, string interfaceLink)
    {
        string interfaceFolder;
        try
        {
            // .NET collapses ".." before the kernel sees a path, so resolve the sysfs link and walk up from its target.
            interfaceFolder = new DirectoryInfo(interfaceLink).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? interfaceLink;
        }
        catch (IOException)
        {
            return null;
        }
        var deviceFolder = Path.GetDirectoryName(interfaceFolder);
        if (deviceFolder is null)
            return null;
        var vendor = Hex(Path.Combine(deviceFolder, "idVendor"));
        var product = Hex(Path.Combine(deviceFolder, "idProduct"));
        if (vendor is null || product is null)
            return null;
        var id = new UsbDeviceId(vendor.Value, product.Value, Read(Path.Combine(deviceFolder, "serial")),
            Decimal(Path.Combine(deviceFolder, "busnum")) ?? 0, Decimal(Path.Combine(deviceFolder, "devnum")) ?? 0);
        return new KernelUsbtmcDevice(Path.Combine(DevRoot, name), id,
            Hex(Path.Combine(interfaceFolder, "bInterfaceNumber")) ?? 0, Hex(Path.Combine(interfaceFolder, "bInterfaceProtocol")) ?? 0);
    }

    private static int? Hex(string path) =>
        int.TryParse(Read(path), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int? Decimal(string path) =>
        int.TryParse(Read(path), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
