namespace OpenVisa.Instruments.Drivers;

/// <summary>Creates a driver's instrument over a resource (null for a manual instrument, used to check definitions).</summary>
public delegate Instrument DriverFactory(string name, MessageBasedResource? resource, InstrumentOptions? options);

/// <summary>A driver as bench files and tools find it: key, factory, and its simulation profile.</summary>
public sealed record DriverInfo
{
    /// <summary>The key bench files use, <c>vendor/model</c>, e.g. <c>keysight/E36313A</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Other keys that find the driver (models of the same family, PyTestLab profile names).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What the instrument is.</summary>
    public required string Description { get; init; }

    /// <summary>The instrument class.</summary>
    public required Type InstrumentType { get; init; }

    /// <summary>Builds the instrument.</summary>
    public required DriverFactory Create { get; init; }

    /// <summary>The name of the embedded simulation profile (a YAML file in this assembly); null when there is none.</summary>
    public string? SimulationProfile { get; init; }

    /// <summary>The resource name the simulation profile answers at.</summary>
    public string? SimulationAddress { get; init; }

    /// <summary>The simulation profile as a file the simulator can load (written once to a cache folder); null when there is none.</summary>
    public string? SimulationProfilePath() => SimulationProfileFile ?? (SimulationProfile is null ? null : SimulationProfiles.PathOf(SimulationProfile));

    /// <summary>A simulation profile on disk (a YAML driver's), used instead of an embedded one; null for none.</summary>
    public string? SimulationProfileFile { get; init; }

    /// <summary>The YAML driver file the driver was read from; null for a C# driver.</summary>
    public string? DriverFile { get; init; }
}
