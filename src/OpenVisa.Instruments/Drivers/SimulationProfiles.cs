using System.Reflection;
using System.Security.Cryptography;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The drivers' simulation profiles, embedded in this assembly as YAML. The simulator loads files, so each profile is
/// written once to a folder named after its content hash under the temporary folder, where a changed profile gets a
/// new folder and a stale copy is never used.
/// </summary>
public static class SimulationProfiles
{
    private const string Prefix = "OpenVisa.Instruments.Drivers.Profiles.";
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Written = new(StringComparer.Ordinal);

    /// <summary>The names of every embedded profile, e.g. <c>keysight_e36313a.yaml</c>.</summary>
    public static IReadOnlyList<string> Names =>
        [.. typeof(SimulationProfiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>The text of profile <paramref name="name"/>.</summary>
    public static string Text(string name)
    {
        using var stream = Open(name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A file holding profile <paramref name="name"/>, written on first use and rewritten whenever the file on disk no
    /// longer holds exactly the embedded bytes (an edit of the same length included): the content is compared, not
    /// the length.
    /// </summary>
    public static string PathOf(string name)
    {
        lock (Gate)
        {
            byte[] bytes;
            using (var stream = Open(name))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            if (Written.TryGetValue(name, out var existing) && HoldsExactly(existing, bytes))
                return existing;
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            var folder = Path.Combine(Path.GetTempPath(), "openvisa-profiles", hash);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, name);
            if (!HoldsExactly(path, bytes))
            {
                // Written beside and moved into place, so a reader in another process never sees half a file.
                var temporary = path + "." + Environment.ProcessId + ".tmp";
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, path, overwrite: true);
            }
            Written[name] = path;
            return path;
        }
    }

    /// <summary>True when <paramref name="path"/> exists and its content is byte for byte <paramref name="expected"/>.</summary>
    private static bool HoldsExactly(string path, byte[] expected)
    {
        try
        {
            return File.Exists(path) && new FileInfo(path).Length == expected.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
        }
        catch (IOException)
        {
            // Being replaced by another process right now: write our own copy.
            return false;
        }
    }

    private static Stream Open(string name) =>
        typeof(SimulationProfiles).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new FileNotFoundException($"There is no embedded simulation profile '{name}'; embedded profiles: {string.Join(", ", Names)}.");
}
