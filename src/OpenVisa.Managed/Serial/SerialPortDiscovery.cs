using System.IO.Ports;

namespace OpenVisa.Managed.Serial;

/// <summary>One serial port found on the system.</summary>
/// <param name="ResourceName">Its VISA name, <c>ASRL1::INSTR</c> or <c>ASRL/dev/ttyUSB0::INSTR</c>.</param>
/// <param name="Device">The device path or port name.</param>
/// <param name="Alias">The stable <c>/dev/serial/by-id</c> name of a USB adapter, or null.</param>
/// <param name="UsbId">The USB bridge's vendor and product IDs as <c>0403:6001</c>, or null.</param>
internal sealed record SerialPortInfo(string ResourceName, string Device, string? Alias, string? UsbId);

/// <summary>
/// Finds the serial ports for <c>ListResources</c>: on Linux <c>/dev/ttyS*</c> that have hardware behind them (sysfs
/// says which; the kernel makes 4 to 32 of them whether or not there is a UART), <c>ttyUSB*</c> and <c>ttyACM*</c>,
/// with the <c>/dev/serial/by-id</c> alias and the USB IDs sysfs shows; on Windows the <c>COMn</c> ports.
/// </summary>
internal static class SerialPortDiscovery
{
    /// <summary>The ports of this system.</summary>
    public static IReadOnlyList<SerialPortInfo> Find() =>
        OperatingSystem.IsWindows()
            ? [.. SerialPort.GetPortNames().Select(p => new SerialPortInfo(SerialDevicePath.ResourceNameFor(p, windows: true), p, null, null))]
            : OperatingSystem.IsLinux() ? FindLinux("/dev", "/sys/class/tty") : [];

    /// <summary>The Linux ports under <paramref name="dev"/>, described by <paramref name="sysTty"/> (roots that tests replace).</summary>
    internal static IReadOnlyList<SerialPortInfo> FindLinux(string dev, string sysTty)
    {
        if (!Directory.Exists(dev))
            return [];
        var aliases = ByIdAliases(Path.Combine(dev, "serial", "by-id"));
        var found = new List<SerialPortInfo>();
        foreach (var pattern in (string[])["ttyS*", "ttyUSB*", "ttyACM*"])
        {
            foreach (var device in Directory.EnumerateFileSystemEntries(dev, pattern).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(device);
                var sys = Path.Combine(sysTty, name, "device");
                if (!Directory.Exists(sys))
                    continue; // no hardware behind it
                if (pattern == "ttyS*" && ReadTrimmed(Path.Combine(sysTty, name, "type")) == "0")
                    continue; // an 8250 slot with no UART (PORT_UNKNOWN)
                var canonical = "/dev/" + name;
                found.Add(new SerialPortInfo(SerialDevicePath.ResourceNameFor(canonical, windows: false), canonical,
                    aliases.GetValueOrDefault(name), UsbId(sys)));
            }
        }
        return found;
    }

    /// <summary>Device name → its <c>/dev/serial/by-id</c> link.</summary>
    private static Dictionary<string, string> ByIdAliases(string folder)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
            return aliases;
        foreach (var link in Directory.EnumerateFileSystemEntries(folder))
        {
            var target = new FileInfo(link).LinkTarget;
            if (target is not null)
                aliases.TryAdd(Path.GetFileName(target), link);
        }
        return aliases;
    }

    /// <summary>The USB IDs from the interface's parent (ttyACM) or grandparent (ttyUSB) device directory.</summary>
    private static string? UsbId(string device)
    {
        // .NET collapses ".." in paths before the kernel sees them, so follow the sysfs link first and walk up from its target.
        string? folder;
        try
        {
            folder = new DirectoryInfo(device).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device;
        }
        catch (IOException)
        {
            return null;
        }
        for (var level = 0; level < 2 && (folder = Path.GetDirectoryName(folder)) is not null; level++)
        {
            var vendor = ReadTrimmed(Path.Combine(folder, "idVendor"));
            var product = ReadTrimmed(Path.Combine(folder, "idProduct"));
            if (vendor is not null && product is not null)
                return $"{vendor}:{product}";
        }
        return null;
    }

    private static string? ReadTrimmed(string path)
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
