using Microsoft.Extensions.Logging;
using OpenVisa.Instruments;
using OpenVisa.Instruments.Benches;

namespace OpenVisa.Server.Http.BenchApi;

/// <summary>
/// A bench file's instruments, open through their drivers, as <c>ovisa serve --bench FILE</c> serves them: each
/// instrument under its alias over every transport (its resource, shared) and its parameters on <c>/api/v1/bench</c>.
/// Disposing it closes the bench.
/// </summary>
public sealed class ServedBench : IDisposable
{
    private readonly Dictionary<string, ServedInstrument> _served = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ResourceMessageDevice> _devices = [];

    /// <summary>Serves an open <paramref name="bench"/>; <see cref="Dispose"/> closes it.</summary>
    public ServedBench(Bench bench, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        Bench = bench;
        foreach (var (alias, instrument) in bench.Instruments)
        {
            // A manual instrument (no address) has no resource to share; it still shows its parameters.
            if (instrument.Resource is not { } resource)
                continue;
            var device = new ResourceMessageDevice(resource, ownsResource: false, logger);
            _devices.Add(device);
            _served[alias] = new ServedInstrument(alias, device);
        }
        Instruments = [.. _served.Values];
    }

    /// <summary>The open bench.</summary>
    public Bench Bench { get; }

    /// <summary>Each instrument that has a resource, named by its alias, in file order: what the transports serve.</summary>
    public IReadOnlyList<ServedInstrument> Instruments { get; }

    /// <summary>Opens the bench file at <paramref name="path"/> (every instrument simulated when <paramref name="simulate"/>).</summary>
    public static ServedBench Open(string path, bool simulate, ILogger? logger = null) =>
        new(Bench.Open(path, new BenchOpenOptions { Simulate = simulate, Logger = logger }), logger);

    /// <summary>The served form of the instrument <paramref name="alias"/>, or null for a manual one.</summary>
    internal ServedInstrument? Served(string alias) => _served.GetValueOrDefault(alias);

    /// <summary>The open instrument <paramref name="alias"/> (case-insensitive).</summary>
    /// <exception cref="HttpFailure">404 naming the bench's instruments.</exception>
    internal (string Alias, Instrument Instrument) Find(string alias)
    {
        foreach (var (name, instrument) in Bench.Instruments)
        {
            if (string.Equals(name, alias, StringComparison.OrdinalIgnoreCase))
                return (name, instrument);
        }
        var failed = Bench.Failures.Keys.FirstOrDefault(k => string.Equals(k, alias, StringComparison.OrdinalIgnoreCase));
        throw new HttpFailure(404, StatusCode.ErrorResourceNotFound, failed is not null
            ? $"The bench instrument '{failed}' did not open: {Bench.Failures[failed].Message}"
            : $"The bench {Bench.File.Name} has no instrument '{alias}'; it has: {string.Join(", ", Bench.Instruments.Keys)}.");
    }

    /// <summary>Closes the bench and its instruments.</summary>
    public void Dispose()
    {
        foreach (var device in _devices)
            device.Dispose();
        Bench.Dispose();
    }
}
