namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The drivers bench files can name. <see cref="Default"/> holds the built-in drivers; applications add their own with
/// <see cref="Register"/>. Keys match ignoring case, by full key (<c>keysight/E36313A</c>), alias, or model alone.
/// </summary>
public sealed class DriverCatalog
{
    private readonly Lock _gate = new();
    private readonly List<DriverInfo> _drivers = [];

    /// <summary>Creates a catalog holding <paramref name="drivers"/>.</summary>
    public DriverCatalog(IEnumerable<DriverInfo> drivers)
    {
        foreach (var driver in drivers)
            Register(driver);
    }

    /// <summary>The built-in drivers, C# and YAML (<see cref="Yaml.YamlDriverLibrary"/>), and any registered by the application.</summary>
    public static DriverCatalog Default { get; } = new([.. BuiltInDrivers.All, .. Yaml.YamlDriverLibrary.Drivers]);

    /// <summary>Every driver, in the order registered.</summary>
    public IReadOnlyList<DriverInfo> All
    {
        get
        {
            lock (_gate)
                return [.. _drivers];
        }
    }

    /// <summary>Adds a driver; its key and aliases must not be taken.</summary>
    public void Register(DriverInfo driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        lock (_gate)
        {
            foreach (var key in Keys(driver))
            {
                var taken = _drivers.FirstOrDefault(d => Keys(d).Contains(key, StringComparer.OrdinalIgnoreCase));
                if (taken is not null)
                    throw new ArgumentException($"The driver key '{key}' of {driver.Key} is already used by {taken.Key}.", nameof(driver));
            }
            _drivers.Add(driver);
        }
    }

    /// <summary>The driver for <paramref name="key"/>: a key, an alias, a model, or the path of a YAML driver file.</summary>
    public bool TryFind(string key, out DriverInfo driver)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Yaml.YamlDriver.IsDriverFile(key))
        {
            try
            {
                driver = Yaml.YamlDriver.Load(key);
                return true;
            }
            catch (Yaml.DriverFileException)
            {
                driver = null!;
                return false;
            }
        }
        lock (_gate)
        {
            driver = _drivers.FirstOrDefault(d => Keys(d).Contains(key.Trim(), StringComparer.OrdinalIgnoreCase))
                ?? _drivers.FirstOrDefault(d => Keys(d).Any(k => string.Equals(Model(k), key.Trim(), StringComparison.OrdinalIgnoreCase)))!;
            return driver is not null;
        }
    }

    /// <summary>
    /// The driver for <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> listing the known keys, or
    /// <see cref="Yaml.DriverFileException"/> with every problem of a YAML driver file.
    /// </summary>
    public DriverInfo Find(string key) =>
        key is not null && Yaml.YamlDriver.IsDriverFile(key) ? Yaml.YamlDriver.Load(key)
        : TryFind(key!, out var driver)
            ? driver
            : throw new KeyNotFoundException($"There is no driver '{key}'; known drivers: {string.Join(", ", All.Select(d => d.Key))}.");

    private static IEnumerable<string> Keys(DriverInfo driver) => [driver.Key, .. driver.Aliases];

    private static string Model(string key) => key[(key.LastIndexOf('/') + 1)..];
}
