using OpenVisa.Fuzz.Targets;
using OpenVisa.Fuzz.Wire;

namespace OpenVisa.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Func<FuzzTarget>> Factories = new(StringComparer.Ordinal)
    {
        ["resource-name"] = () => new ResourceNameTarget(),
        ["resource-pattern"] = () => new PatternTarget(),
        ["ieee-block"] = () => new BlockTarget(),
        ["ascii-values"] = () => new AsciiValuesTarget(),
        ["session-file"] = () => new SessionFileTarget(),
        ["sim-file"] = () => new SimFileTarget(),
        ["bench-file"] = () => new BenchFileTarget(),
        ["socket-server"] = () => new ServerWireTarget(WireTransport.Socket),
        ["vxi11-server"] = () => new ServerWireTarget(WireTransport.Vxi11),
        ["hislip-server"] = () => new ServerWireTarget(WireTransport.Hislip),
        ["vxi11-client"] = () => new ClientWireTarget(WireTransport.Vxi11),
        ["hislip-client"] = () => new ClientWireTarget(WireTransport.Hislip),
    };

    /// <summary>The target names, in a stable order.</summary>
    public static IReadOnlyList<string> Names => [.. Factories.Keys];

    /// <summary>Creates the target named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name; the message lists them.</exception>
    public static FuzzTarget Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"There is no fuzz target '{name}'. The targets are: {string.Join(", ", Names)}.", nameof(name));
}
