using System.Reflection;

namespace OpenVisa.Sim.Loading;

/// <summary>
/// Reads simulator files from disk or from the files bundled in this assembly (named <c>bundled:default.yaml</c>),
/// and resolves the files one file names relative to it, as pyvisa-sim does (relative to the first file's folder).
/// </summary>
internal static class SimFiles
{
    public const string BundledPrefix = "bundled:";
    private const string ResourcePrefix = "OpenVisa.Sim.BuiltIn.";

    /// <summary>The largest binary-reply file read (<see cref="InputFile.DefaultMaxBytes"/>, 64 MiB).</summary>
    public const long MaxBytes = InputFile.DefaultMaxBytes;

    /// <summary>
    /// The largest simulator or profile file read: 16 MiB. Its YAML tree takes about 15 times its size in memory (a 50 MB
    /// file of dialogues took 1.15 GB), so YAML files get a lower limit than binary replies.
    /// </summary>
    public const long MaxYamlBytes = 16L * 1024 * 1024;

    public static bool IsBundled(string path) => path.StartsWith(BundledPrefix, StringComparison.Ordinal);

    /// <summary>The names of the bundled files.</summary>
    public static IEnumerable<string> BundledNames =>
        typeof(SimFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..]);

    public static byte[]? ReadBytes(string path, out string? error) => ReadBytes(path, MaxBytes, out error);

    private static byte[]? ReadBytes(string path, long maxBytes, out string? error)
    {
        error = null;
        if (IsBundled(path))
        {
            var name = path[BundledPrefix.Length..];
            using var stream = typeof(SimFiles).Assembly.GetManifestResourceStream(ResourcePrefix + name);
            if (stream is null)
            {
                error = $"there is no bundled file '{name}' (bundled files: {string.Join(", ", BundledNames)})";
                return null;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        try
        {
            // Bounded and regular files only: /dev/zero would fill memory, a FIFO would block for ever.
            return InputFile.ReadAllBytes(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = e is FileNotFoundException or DirectoryNotFoundException
                ? $"the file '{path}' does not exist (looked at {Path.GetFullPath(path)})"
                : e.Message.StartsWith('\'') ? e.Message : $"the file '{path}' cannot be read: {e.Message}";
            return null;
        }
    }

    public static string? ReadText(string path, out string? error)
    {
        var bytes = ReadBytes(path, MaxYamlBytes, out error);
        if (bytes is null)
            return null;
        return new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }

    /// <summary>The file <paramref name="name"/> named in <paramref name="from"/>: bundled by name, else relative to <paramref name="from"/>'s folder.</summary>
    public static string Resolve(string from, string name, bool bundled)
    {
        if (bundled)
            return BundledPrefix + Path.GetFileName(name);
        if (IsBundled(from) || Path.IsPathRooted(name))
            return name;
        var folder = Path.GetDirectoryName(from);
        return string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name);
    }
}
