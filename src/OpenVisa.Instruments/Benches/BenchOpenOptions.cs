using Microsoft.Extensions.Logging;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Benches;

/// <summary>How a bench is opened.</summary>
public sealed record BenchOpenOptions
{
    /// <summary>Simulate every instrument, whatever the file says (<c>--simulate</c>).</summary>
    public bool Simulate { get; init; }

    /// <summary>The value of <c>OPENVISA_SIMULATE</c> to use; null reads the environment.</summary>
    public string? SimulateVariable { get; init; }

    /// <summary>Where the backend choices, connections and failures are logged.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The drivers to find entries' drivers in; <see cref="DriverCatalog.Default"/> when null.</summary>
    public DriverCatalog? Drivers { get; init; }

    /// <summary>Options for every instrument (error checking, reconnecting); the bench file's timeout wins over theirs.</summary>
    public InstrumentOptions? InstrumentOptions { get; init; }
}
