namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>Turns YAML driver files into catalog entries that bench files and tools use as they use C# drivers.</summary>
public static class YamlDriver
{
    /// <summary>Reads <paramref name="path"/> (throws <see cref="DriverFileException"/>) and describes it as a driver.</summary>
    public static DriverInfo Load(string path) => ToDriverInfo(YamlDriverLoader.Load(path));

    /// <summary>The catalog entry for <paramref name="definition"/>.</summary>
    public static DriverInfo ToDriverInfo(YamlDriverDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new DriverInfo
        {
            Key = definition.Key,
            Aliases = definition.Aliases,
            Description = definition.Description,
            InstrumentType = YamlInstrument.InstrumentTypeOf(definition),
            Create = (name, resource, options) => YamlInstrument.Create(definition, name, resource, options),
            SimulationProfile = definition.EmbeddedSimulationProfile,
            SimulationProfileFile = definition.SimulationProfile,
            Yaml = definition,
            SimulationAddress = definition.SimulationAddress,
            DriverFile = definition.IsEmbedded ? null : definition.File,
        };
    }

    /// <summary>True when a bench file's <c>driver:</c> names a driver file rather than a catalog key.</summary>
    public static bool IsDriverFile(string driver) =>
        driver.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || driver.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
