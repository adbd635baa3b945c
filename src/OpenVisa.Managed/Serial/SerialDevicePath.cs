using System.Globalization;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// Where an <c>ASRL</c> name's board points: <c>ASRLn</c> is the platform's n-th port as VISA numbers them
/// (<c>COMn</c> on Windows, <c>/dev/ttyS(n-1)</c> elsewhere), and any other board (<c>ASRL/dev/ttyUSB0</c>,
/// <c>ASRLCOM3</c>) is the device itself, taken as written.
/// </summary>
internal static class SerialDevicePath
{
    /// <summary>The device path or port name for <paramref name="name"/>.</summary>
    public static string For(ResourceName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.BoardNumber is { } number)
            return ForNumber(number, OperatingSystem.IsWindows());
        return name.Board;
    }

    /// <summary>The port <c>ASRL<paramref name="number"/></c> stands for on Windows or on a Unix.</summary>
    public static string ForNumber(int number, bool windows)
    {
        if (windows)
            return "COM" + number.ToString(CultureInfo.InvariantCulture);
        // VISA counts serial ports from 1, Linux from 0: ASRL1 is the first port, /dev/ttyS0. ASRL0 has no port; it maps
        // to /dev/ttyS-1, which does not exist, so opening it says "no such device" with that path.
        return "/dev/ttyS" + (number - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>ASRL…::INSTR</c> name a device path is opened as: <c>ASRLn</c> for the numbered ports, else the path form.</summary>
    public static string ResourceNameFor(string device, bool windows)
    {
        if (windows && device.StartsWith("COM", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(device.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var com) && com > 0)
            return $"ASRL{com.ToString(CultureInfo.InvariantCulture)}::INSTR";
        if (!windows && device.StartsWith("/dev/ttyS", StringComparison.Ordinal)
            && int.TryParse(device.AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return $"ASRL{(index + 1).ToString(CultureInfo.InvariantCulture)}::INSTR";
        return $"ASRL{device}::INSTR";
    }
}
