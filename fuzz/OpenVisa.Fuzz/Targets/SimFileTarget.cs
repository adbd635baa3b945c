namespace OpenVisa.Fuzz.Targets;

/// <summary>
/// Simulator files (pyvisa-sim files and PyTestLab profiles): a file either loads, and then every resource it declares
/// opens and answers or refuses a query with a VISA status, or the manager refuses it with a <see cref="VisaException"/>.
/// </summary>
public sealed class SimFileTarget : FuzzTarget
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("ovisa-fuzz-sim-").FullName, "fuzz.yaml");

    /// <inheritdoc/>
    public override string Name => "sim-file";

    /// <inheritdoc/>
    public override string Description => "simulator files through the @sim backend: load, list, open, *IDN? and *RST";

    /// <inheritdoc/>
    public override int MaxInputLength => 16384;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; } = SeedFiles.Read("sim", 16384);

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } = YamlTokens.All;

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        File.WriteAllBytes(_file, input);
        using var manager = new ResourceManager(_file + "@sim");
        foreach (var name in manager.ListResources("?*").Take(3))
        {
            using var resource = manager.Open(name);
            if (resource is not MessageBasedResource instrument)
                continue;
            instrument.Timeout = TimeSpan.FromMilliseconds(1); // the simulator answers at once or not at all
            Quietly(() => instrument.Query("*IDN?"));
            Quietly(() => instrument.Write("*RST"));
        }
    }

    /// <summary>Runs an exchange whose VISA error (no reply, a refused command) is a fine outcome for a random file.</summary>
    private static void Quietly(Action exchange)
    {
        try
        {
            exchange();
        }
        catch (VisaException)
        {
        }
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is VisaException;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
}
