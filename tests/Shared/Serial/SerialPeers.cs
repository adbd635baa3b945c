using System.Diagnostics;

namespace OpenVisa.TestSupport.Serial;

/// <summary>
/// The programs the serial tests need: socat (pty pairs) and Debian's python3 with pyserial (the instrument at the
/// other end). Missing ones fail the test naming the Debian package on CI (<c>CI=true</c>) and skip it elsewhere.
/// </summary>
public static class SerialPeers
{
    private static readonly Lazy<string?> MissingReason = new(Check);

    /// <summary>Debian's interpreter, as <c>command -v -p python3</c> finds it (the python3 on PATH may be another).</summary>
    public static string DebianPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "/bin/python3";

    public static string Socat => File.Exists("/usr/bin/socat") ? "/usr/bin/socat" : "/bin/socat";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when everything is there; else what is missing and which package brings it.</summary>
    public static string? Missing => MissingReason.Value;

    private static string? Check()
    {
        if (OperatingSystem.IsWindows())
            return "pty pairs need a Unix";
        if (!File.Exists(Socat))
            return "socat is not installed (/usr/bin/socat); install the Debian package socat";
        if (!File.Exists(DebianPython))
            return "Debian's /usr/bin/python3 is missing; install the Debian package python3-serial";
        using var process = Process.Start(new ProcessStartInfo(DebianPython, ["-c", "import serial"]) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"pyserial is not importable by {DebianPython} ({error.Trim().Split('\n')[^1]}); install the Debian package python3-serial";
    }
}

/// <summary>A fact over a pty pair: skipped with the reason when socat or pyserial is missing, except on CI, where it runs and fails.</summary>
public sealed class PtyFactAttribute : FactAttribute
{
    public PtyFactAttribute()
    {
        if (!SerialPeers.InCi && SerialPeers.Missing is { } reason)
            Skip = reason;
    }
}
