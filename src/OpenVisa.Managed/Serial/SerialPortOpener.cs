using System.Collections.Concurrent;
using System.IO.Ports;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// Opens a serial device with <see cref="SerialPort"/> and turns its failures into VISA errors that say what to do:
/// System.IO.Ports reports a missing device, a refused permission and a device that is not a serial port all as
/// <see cref="UnauthorizedAccessException"/>, so the path is examined to tell them apart.
/// </summary>
/// <remarks>
/// A device is held by one session of this process at a time (<see cref="Release"/> frees it): two sessions
/// interleaving bytes on one wire would corrupt each other's messages. Another process holding the device is
/// reported by the system as "busy" (TIOCEXCL on Unix, a sharing violation on Windows) and becomes
/// <see cref="StatusCode.ErrorResourceBusy"/>; root ignores TIOCEXCL, so on Unix root can open a port another process uses.
/// </remarks>
internal static class SerialPortOpener
{
    private static readonly ConcurrentDictionary<string, string> Held = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>Opens <paramref name="device"/> at 9600 baud 8N1 without flow control, VISA's defaults.</summary>
    public static SerialPort Open(string device, string resourceName, string operation = "Open")
    {
        var key = Key(device);
        if (!Held.TryAdd(key, resourceName))
        {
            throw new VisaException(StatusCode.ErrorResourceBusy,
                $"The serial port {device} is already open in this process (as {Held.GetValueOrDefault(key, "another session")}); close that session first, or share it.",
                operation, resourceName);
        }
        var port = new SerialPort(device, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
            return port;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            Held.TryRemove(key, out _);
            throw Failure(device, resourceName, operation, e);
        }
        catch
        {
            port.Dispose();
            Held.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Lets another session open <paramref name="device"/>.</summary>
    public static void Release(string device) => Held.TryRemove(Key(device), out _);

    /// <summary>The error for a failed open, from what the path is.</summary>
    internal static VisaException Failure(string device, string resourceName, string operation, Exception e)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (!File.Exists(device))
            {
                return new VisaException(StatusCode.ErrorResourceNotFound,
                    $"There is no serial device {device}: check the name (ovisa list \"ASRL?*\" shows the ports found), that the adapter is plugged in, and for a pty that the program making it still runs.",
                    operation, resourceName, e);
            }
            if (IsBusy(e))
            {
                return new VisaException(StatusCode.ErrorResourceBusy,
                    $"The serial port {device} is in use by another program (the system says: {e.Message}); close that program or session first.",
                    operation, resourceName, e);
            }
            if (e is UnauthorizedAccessException && !UnixAccess.CanReadWrite(device))
            {
                var group = UnixAccess.GroupOf(device) ?? "dialout";
                return new VisaException(StatusCode.ErrorResourceNotFound,
                    $"No permission to open the serial port {device}: add your user to the group that owns it, {group} (sudo usermod -aG {group} $USER, then log in again).",
                    operation, resourceName, e);
            }
            if (e is UnauthorizedAccessException)
            {
                return new VisaException(StatusCode.ErrorResourceNotFound,
                    $"{device} exists but could not be opened as a serial port ({e.Message}): is it a terminal device (/dev/tty…, /dev/pts/…)?",
                    operation, resourceName, e);
            }
        }
        else if (e is UnauthorizedAccessException)
        {
            return new VisaException(StatusCode.ErrorResourceBusy,
                $"The serial port {device} could not be opened: Windows refuses access when another program holds the port ({e.Message}). Close that program first.",
                operation, resourceName, e);
        }
        if (e is IOException && IsBusy(e))
        {
            return new VisaException(StatusCode.ErrorResourceBusy,
                $"The serial port {device} is in use by another program ({e.Message}); close that program or session first.", operation, resourceName, e);
        }
        return new VisaException(StatusCode.ErrorResourceNotFound,
            $"The serial port {device} could not be opened: {e.Message}. Check the name (ovisa list \"ASRL?*\" shows the ports found).", operation, resourceName, e);
    }

    private static bool IsBusy(Exception e) =>
        e.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) || e.InnerException?.Message.Contains("busy", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The registry key: the device after symbolic links (a socat <c>link=</c> and its <c>/dev/pts/N</c> are one port).</summary>
    private static string Key(string device)
    {
        try
        {
            var target = File.ResolveLinkTarget(device, returnFinalTarget: true);
            return target?.FullName ?? Path.GetFullPath(device);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return device;
        }
    }
}
