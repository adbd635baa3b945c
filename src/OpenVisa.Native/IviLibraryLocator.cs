using System.Runtime.InteropServices;

namespace OpenVisa.Native;

/// <summary>
/// Finds the VISA shared library to load: the spec's argument, else <c>OPENVISA_IVI_LIBRARY</c>, else the platform's
/// usual names and places. Only <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> is used, so looking never throws.
/// </summary>
internal static class IviLibraryLocator
{
    /// <summary>The variable naming the VISA library when the spec names none.</summary>
    public const string LibraryVariable = "OPENVISA_IVI_LIBRARY";

    /// <summary>
    /// The places tried, in order, for <paramref name="argument"/> (the part of the spec before <c>@ivi</c>).
    /// An explicit argument or variable is the only candidate: a user who names a library means that one.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string argument)
    {
        if (!string.IsNullOrWhiteSpace(argument))
            return [argument.Trim()];
        var fromEnvironment = Environment.GetEnvironmentVariable(LibraryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return [fromEnvironment.Trim()];
        return PlatformCandidates();
    }

    /// <summary>The vendor libraries' usual names and places on this platform.</summary>
    public static IReadOnlyList<string> PlatformCandidates()
    {
        var list = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            // The IVI shared components install visa64.dll / visa32.dll into the system folder, which the loader searches.
            list.Add(Environment.Is64BitProcess ? "visa64.dll" : "visa32.dll");
            var system = Environment.GetFolderPath(Environment.SpecialFolder.System);
            if (system.Length > 0)
                list.Add(Path.Combine(system, Environment.Is64BitProcess ? "visa64.dll" : "visa32.dll"));
        }
        else if (OperatingSystem.IsMacOS())
        {
            list.Add("/Library/Frameworks/VISA.framework/VISA");
            list.Add("/Library/Frameworks/VISA.framework/Versions/Current/VISA");
        }
        else
        {
            list.AddRange(["libvisa.so.0", "libvisa.so", "libiovisa.so"]);
            list.AddRange(LibrariesNamedByVendorConfigs());
            list.AddRange(["/usr/local/lib64/libvisa.so", "/usr/lib/x86_64-linux-gnu/libvisa.so.0", "/opt/keysight/iolibs/libiovisa.so"]);
        }
        return [.. list.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Tries each candidate; returns the handle and path of the first that loads, or false with what was tried and why
    /// each failed. Never throws.
    /// </summary>
    public static bool TryLoad(string argument, out IntPtr handle, out string path, out string problem)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(argument))
        {
            var explicitPath = candidate.Contains('/', StringComparison.Ordinal) || candidate.Contains('\\', StringComparison.Ordinal);
            if (explicitPath && !File.Exists(candidate))
            {
                tried.Add($"{candidate} (no such file)");
                continue;
            }
            try
            {
                if (NativeLibrary.TryLoad(candidate, out handle))
                {
                    path = explicitPath ? Path.GetFullPath(candidate) : candidate;
                    problem = "";
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // A malformed name (e.g. with a NUL) is simply not loadable.
            }
            tried.Add(explicitPath ? $"{candidate} (exists, but is not a loadable shared library for this process)" : $"{candidate} (not found by the loader)");
        }
        handle = IntPtr.Zero;
        path = "";
        problem = "Tried " + string.Join("; ", tried) + ".";
        return false;
    }

    /// <summary>
    /// Libraries named by the <c>/etc/*visa*</c> configuration files vendors install (NI's <c>/etc/natinst/niVisa</c>
    /// folder, Keysight's <c>/etc/opt/keysight</c>, and <c>/etc/*visa*.conf</c> files listing a <c>.so</c> path).
    /// </summary>
    private static IEnumerable<string> LibrariesNamedByVendorConfigs()
    {
        var found = new List<string>();
        try
        {
            foreach (var file in Directory.EnumerateFiles("/etc", "*visa*", SearchOption.TopDirectoryOnly))
            {
                foreach (var line in SafeReadLines(file))
                {
                    var text = line.Trim();
                    var start = text.IndexOf('/', StringComparison.Ordinal);
                    if (start >= 0 && text.Contains(".so", StringComparison.Ordinal))
                        found.Add(text[start..].Trim('"', '\'', ' '));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No readable /etc: nothing to add.
        }
        return found;
    }

    private static IEnumerable<string> SafeReadLines(string file)
    {
        try
        {
            return new FileInfo(file).Length > 64 * 1024 ? [] : File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
