using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Usb.Kernel;

/// <summary>The Linux errno values the usbtmc driver returns, and their names for messages (<c>ETIMEDOUT (Connection timed out)</c>).</summary>
internal static class Errno
{
    public const int Permission = 1;
    public const int NoEntry = 2;
    public const int Io = 5;
    public const int BadFile = 9;
    public const int Access = 13;
    public const int Busy = 16;
    public const int NoDevice = 19;
    public const int Invalid = 22;
    public const int NotTty = 25;
    public const int BrokenPipe = 32;
    public const int BadRequestCode = 56;
    public const int Time = 62;
    public const int Protocol = 71;
    public const int Overflow = 75;
    public const int Shutdown = 108;
    public const int TimedOut = 110;

    /// <summary>The name and the system's text, e.g. <c>EPIPE (Broken pipe)</c>.</summary>
    public static string Describe(int errno)
    {
        var name = errno switch
        {
            Permission => "EPERM",
            NoEntry => "ENOENT",
            Io => "EIO",
            BadFile => "EBADF",
            Access => "EACCES",
            Busy => "EBUSY",
            NoDevice => "ENODEV",
            Invalid => "EINVAL",
            NotTty => "ENOTTY",
            BrokenPipe => "EPIPE",
            BadRequestCode => "EBADRQC",
            Time => "ETIME",
            Protocol => "EPROTO",
            Overflow => "EOVERFLOW",
            Shutdown => "ESHUTDOWN",
            TimedOut => "ETIMEDOUT",
            _ => "errno " + errno.ToString(CultureInfo.InvariantCulture),
        };
        return $"{name} ({Marshal.GetPInvokeErrorMessage(errno)})";
    }
}
