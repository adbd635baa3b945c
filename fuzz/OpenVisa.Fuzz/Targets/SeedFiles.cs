namespace OpenVisa.Fuzz.Targets;

/// <summary>The seed files copied beside the fuzz program (see the project file), by kind.</summary>
internal static class SeedFiles
{
    /// <summary>The contents of every seed file of <paramref name="kind"/> (<c>bench</c>, <c>sim</c>), at most <paramref name="maxBytes"/> each.</summary>
    public static IReadOnlyList<byte[]> Read(string kind, int maxBytes)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Seeds", kind);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
            throw new InvalidOperationException($"No seed files in {folder}: the fuzz project copies them there when it builds.");
        return [.. files.Select(File.ReadAllBytes).Where(b => b.Length <= maxBytes)];
    }
}
