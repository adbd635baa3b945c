using System.Runtime.InteropServices;

namespace OpenVisa.Perf;

/// <summary>
/// The VISA shared library the <c>ivi</c> and <c>pyvisa-ivi</c> clients load (normally libopenvisa): from
/// <c>--libopenvisa PATH</c>, else <c>OPENVISA_IVI_LIBRARY</c>. Checked once in the harness, so a wrong path is one usage
/// error at the start rather than two clients failing to start with a loader message each.
/// </summary>
internal static class PerfIviLibrary
{
    /// <summary>The option that names the library.</summary>
    public const string Option = "--libopenvisa";

    /// <summary>The variable the <c>@ivi</c> backend also reads when its spec names no library.</summary>
    public const string Variable = "OPENVISA_IVI_LIBRARY";

    /// <summary>How to get the library, said wherever it is missing.</summary>
    public const string BuildHint = "build it with eng/build-libopenvisa.sh OUT and pass --libopenvisa OUT/libopenvisa.so (or set OPENVISA_IVI_LIBRARY)";

    /// <summary>
    /// The full path of the library <paramref name="option"/> (or, without it, <paramref name="variable"/>) names, or null
    /// when neither names one (the two clients are then skipped with a note).
    /// </summary>
    /// <exception cref="UsageException">The file is missing, does not load, or loads but exports no VISA resource manager.</exception>
    public static string? Resolve(string? option, string? variable)
    {
        var (path, source) = !string.IsNullOrWhiteSpace(option) ? (option.Trim(), $"{Option} {option.Trim()}")
            : !string.IsNullOrWhiteSpace(variable) ? (variable.Trim(), $"{Variable}={variable.Trim()}")
            : (null, "");
        if (path is null)
            return null;
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new UsageException($"{source}: no such file; {BuildHint}");
        if (!NativeLibrary.TryLoad(full, out var handle))
            throw new UsageException($"{source}: not a shared library this process can load (64-bit, this platform); name a VISA library such as libopenvisa.so: {BuildHint}");
        try
        {
            // The two functions every VISA client calls first; the @ivi backend refuses a library without them too.
            foreach (var function in (string[])["viOpenDefaultRM", "viOpen"])
            {
                if (!NativeLibrary.TryGetExport(handle, function, out _))
                    throw new UsageException($"{source}: loads, but is not a VISA library (it does not export {function}); name a VISA library such as libopenvisa.so: {BuildHint}");
            }
        }
        finally
        {
            // Nothing of it ran: the clients load it in their own processes.
            NativeLibrary.Free(handle);
        }
        return full;
    }
}
