namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// The YAML drivers that ship with OpenVisa.Instruments, embedded in the assembly (Drivers/Definitions/*.yaml) with
/// their simulation profiles (Drivers/Profiles). <see cref="DriverCatalog.Default"/> holds them beside the C# drivers,
/// so bench files and <c>ovisa driver list</c> name them by key.
/// </summary>
public static class YamlDriverLibrary
{
    private const string Prefix = "OpenVisa.Instruments.Drivers.Definitions.";
    private static readonly Lazy<IReadOnlyList<DriverInfo>> Loaded = new(Load);

    /// <summary>The file names of the embedded driver definitions, e.g. <c>rigol_dp832.yaml</c>.</summary>
    public static IReadOnlyList<string> Names =>
        [.. typeof(YamlDriverLibrary).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>Every embedded driver, read once.</summary>
    public static IReadOnlyList<DriverInfo> Drivers => Loaded.Value;

    /// <summary>The text of the embedded definition <paramref name="name"/>, to copy and adapt.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(YamlDriverLibrary).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new FileNotFoundException($"There is no embedded YAML driver '{name}'; embedded drivers: {string.Join(", ", Names)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads <paramref name="name"/> as the catalog reads it (throws <see cref="DriverFileException"/> when it is broken).</summary>
    public static YamlDriverDefinition Definition(string name) => YamlDriverLoader.ParseEmbedded(Text(name), "embedded:" + name);

    // A broken embedded driver is a defect of this assembly, found by its tests; it throws here with every problem.
    private static IReadOnlyList<DriverInfo> Load() => [.. Names.Select(n => YamlDriver.ToDriverInfo(Definition(n)))];
}
