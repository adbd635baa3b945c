namespace OpenVisa.Perf;

/// <summary>Finds system programs the way <c>command -v -p</c> does: on the default system path, not the user's PATH.</summary>
internal static class PerfPaths
{
    /// <summary>
    /// The POSIX default path (<c>getconf PATH</c> on Debian is <c>/bin:/usr/bin</c>), where Debian's own programs live;
    /// /usr/local and pyenv shims are left out on purpose, since a python3 there lacks Debian's pyvisa-py.
    /// </summary>
    public static readonly IReadOnlyList<string> SystemPath = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="program"/> on <see cref="SystemPath"/>, or null.</summary>
    public static string? FindOnSystemPath(string program)
    {
        foreach (var folder in SystemPath)
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path))
                return path;
        }
        return null;
    }
}
