using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Server;

/// <summary>
/// The instruments a server offers, with the resource managers and resources behind them, closed together:
/// named resources from any backend, every instrument of a simulator file, or the built-in simulated instruments
/// (the <see cref="DemoInstrument"/> when no simulator backend is installed).
/// </summary>
public sealed class InstrumentSet : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<ServedInstrument> _instruments = [];

    private InstrumentSet(string source)
    {
        Source = source;
    }

    /// <summary>Where the instruments come from, for the server's banner: <c>@sim built-ins</c>, a file, a backend.</summary>
    public string Source { get; private set; }

    /// <summary>The instruments, in the order they were listed.</summary>
    public IReadOnlyList<ServedInstrument> Instruments => _instruments;

    /// <summary>Opens each of <paramref name="names"/> with the backend <paramref name="backendSpec"/> (as <c>ResourceManager(spec)</c>).</summary>
    /// <exception cref="VisaException">A resource did not open; the others are closed again.</exception>
    /// <exception cref="ArgumentException">A resource is not message-based, so it cannot be served.</exception>
    public static InstrumentSet FromResources(string backendSpec, IEnumerable<string> names, ILogger? logger = null)
    {
        var set = new InstrumentSet(backendSpec.Length == 0 ? "the default backend" : backendSpec);
        try
        {
            var manager = new ResourceManager(backendSpec);
            set._owned.Add(manager);
            set.Source = "@" + manager.Library.BackendName;
            foreach (var name in names)
                set.Add(manager, name, logger);
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Opens every message-based instrument of the simulator <paramref name="simSpec"/> (<c>file.yaml@sim</c>, or <c>@sim</c> for the built-ins).</summary>
    public static InstrumentSet FromSimulator(string simSpec, ILogger? logger = null)
    {
        var set = new InstrumentSet(simSpec);
        try
        {
            var manager = new ResourceManager(simSpec);
            set._owned.Add(manager);
            foreach (var name in manager.ListResources("?*").Where(IsMessageBased))
                set.Add(manager, name, logger);
            if (set._instruments.Count == 0)
                throw new ArgumentException($"The simulator {simSpec} has no message-based instrument to serve.");
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The built-in simulated instruments of <c>@sim</c>; when that backend is not installed, one
    /// <see cref="DemoInstrument"/> named <c>DEMO0::INSTR</c>, and <paramref name="fallbackReason"/> says why.
    /// </summary>
    public static InstrumentSet Default(out string? fallbackReason, ILogger? logger = null)
    {
        try
        {
            fallbackReason = null;
            return FromSimulator("@sim", logger);
        }
        catch (Exception e) when (e is VisaException or ArgumentException)
        {
            fallbackReason = e is VisaException { Status: StatusCode.ErrorLibraryNotFound }
                ? "no simulator backend (@sim) is installed"
                : $"the simulator backend could not serve its instruments ({e.Message})";
            (logger ?? NullLogger.Instance).LogInformation("Serving the demo instrument: {Reason}", fallbackReason);
            return Demo();
        }
    }

    /// <summary>One <see cref="DemoInstrument"/> named <c>DEMO0::INSTR</c>: for trying clients out and for benchmarks.</summary>
    public static InstrumentSet Demo() => Demo(new DemoInstrument().MaxReplyBytes);

    /// <summary>One <see cref="DemoInstrument"/> named <c>DEMO0::INSTR</c> whose <c>DATA?</c> blocks are at most <paramref name="maxReplyBytes"/>.</summary>
    public static InstrumentSet Demo(int maxReplyBytes)
    {
        var set = new InstrumentSet("built-in demo instrument");
        set._instruments.Add(new ServedInstrument("DEMO0::INSTR", new DemoInstrument { MaxReplyBytes = maxReplyBytes }));
        return set;
    }

    /// <summary>
    /// The instruments of an open bench, each under its alias, sharing the resources its drivers use; the set owns
    /// <paramref name="bench"/> and closes it. <see cref="Bench"/> gives it to the HTTP API for the console's bench view.
    /// </summary>
    public static InstrumentSet FromBench(Http.BenchApi.ServedBench bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var set = new InstrumentSet($"bench {bench.Bench.File.Name} ({Path.GetFileName(bench.Bench.File.Path)})") { Bench = bench };
        set._owned.Add(bench);
        set._instruments.AddRange(bench.Instruments);
        return set;
    }

    /// <summary>The bench the instruments come from, when <see cref="FromBench"/> made the set; null otherwise.</summary>
    public Http.BenchApi.ServedBench? Bench { get; private init; }

    /// <summary>Closes every resource and resource manager.</summary>
    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                _owned[i].Dispose();
            }
            catch (Exception e) when (e is VisaException or AggregateException)
            {
                // Closing is best effort: one resource that fails to close must not keep the others open.
            }
        }
        _owned.Clear();
    }

    private void Add(ResourceManager manager, string name, ILogger? logger)
    {
        var resource = manager.Open(name);
        if (resource is not MessageBasedResource messageBased)
        {
            resource.Close();
            throw new ArgumentException($"{name} opens as {resource.GetType().Name}, which is not message-based, so it cannot be served over SOCKET or VXI-11.");
        }
        var device = new ResourceMessageDevice(messageBased, ownsResource: true, logger);
        _owned.Add(device);
        _instruments.Add(new ServedInstrument(messageBased.ResourceName, device));
    }

    private static bool IsMessageBased(string name) =>
        ResourceName.TryParse(name, out var parsed) && parsed!.ResourceClass is "INSTR" or "SOCKET" && parsed.InterfaceType is not (InterfaceType.Vxi or InterfaceType.GpibVxi or InterfaceType.Pxi);
}
