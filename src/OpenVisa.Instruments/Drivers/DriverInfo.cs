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

    /// <summary>
    /// Opens the instrument at <paramref name="address"/> in one line, as QCoDeS users expect:
    /// <c>DriverCatalog.Default.Find("keysight/34465A").Open("dmm", "TCPIP0::10.0.0.7::INSTR", backend: "@managed")</c>.
    /// The instrument owns the resource manager it opened and closes it with itself.
    /// </summary>
    /// <param name="name">The instrument's name, unique among open instruments.</param>
    /// <param name="address">The resource name; null with <paramref name="simulate"/> for the profile's address.</param>
    /// <param name="backend">The backend spec, as for <c>new ResourceManager(spec)</c>; null or empty for the default.</param>
    /// <param name="options">Timeout, terminations, error checking, reconnecting, logging.</param>
    /// <param name="simulate">True to open the driver's simulation profile through <c>@sim</c> instead.</param>
    public Instrument Open(string name, string? address = null, string? backend = null, InstrumentOptions? options = null, bool simulate = false)
    {
        if (simulate)
        {
            var profile = SimulationProfilePath() ?? throw new InvalidOperationException($"The driver {Key} has no simulation profile, so it cannot be simulated; open it at an address instead.");
            backend = profile + "@sim";
            address ??= SimulationAddress;
        }
        if (string.IsNullOrWhiteSpace(address))
            throw new ArgumentException($"Opening {Key} as '{name}' needs an address (a VISA resource name such as TCPIP0::10.0.0.7::INSTR), or simulate: true.", nameof(address));
        var manager = string.IsNullOrWhiteSpace(backend) ? new ResourceManager() : new ResourceManager(backend);
        try
        {
            var resource = manager.Open<MessageBasedResource>(address);
            var instrument = Instrument.Create(() => Create(name, resource, options));
            instrument.OwnManager(manager);
            return instrument;
        }
        catch
        {
            manager.Close();
            throw;
        }
    }

    /// <summary>The typed form of <see cref="Open"/>: <c>driver.Open&lt;Keysight3446xA&gt;("dmm", address)</c>.</summary>
    /// <exception cref="InvalidCastException">The driver builds another instrument type; the message names both.</exception>
    public T Open<T>(string name, string? address = null, string? backend = null, InstrumentOptions? options = null, bool simulate = false)
        where T : Instrument
    {
        var instrument = Open(name, address, backend, options, simulate);
        if (instrument is T typed)
            return typed;
        instrument.Dispose();
        throw new InvalidCastException($"The driver {Key} builds a {InstrumentType.Name}, not a {typeof(T).Name}.");
    }

    /// <summary>A simulation profile on disk (a YAML driver's), used instead of an embedded one; null for none.</summary>
    public string? SimulationProfileFile { get; init; }

    /// <summary>The YAML driver file the driver was read from; null for a C# driver and for a YAML driver shipped in the library.</summary>
    public string? DriverFile { get; init; }

    /// <summary>The YAML definition the driver is built from (a driver file, or one shipped in the library); null for a C# driver.</summary>
    public Yaml.YamlDriverDefinition? Yaml { get; init; }
}
