using Microsoft.Extensions.Logging;

namespace OpenVisa.Instruments;

/// <summary>How an instrument talks: timeout, terminations, error checking, reconnecting, logging. Null leaves a setting as it is.</summary>
public sealed record InstrumentOptions
{
    /// <summary>A label for snapshots; the name when null.</summary>
    public string? Label { get; init; }

    /// <summary>The I/O timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>What ends a reply (e.g. <c>\n</c>).</summary>
    public string? ReadTermination { get; init; }

    /// <summary>What ends a command.</summary>
    public string? WriteTermination { get; init; }

    /// <summary>When to read the error queue after a command; default <see cref="ErrorCheckMode.Never"/>.</summary>
    public ErrorCheckMode? ErrorCheck { get; init; }

    /// <summary>The query that pops one error-queue entry; default <c>SYST:ERR?</c>.</summary>
    public string? ErrorQuery { get; init; }

    /// <summary>What to do on a lost connection; default <see cref="ReconnectPolicy.None"/>.</summary>
    public ReconnectPolicy? Reconnect { get; init; }

    /// <summary>Where traffic (Debug) and events (Information, Warning) go.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock for cache timestamps and ages (a test can pass its own).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Static facts written into snapshots under <c>metadata</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; init; }

    /// <summary>These options, with each unset setting taken from <paramref name="defaults"/> (a driver's own defaults).</summary>
    public InstrumentOptions WithDefaults(InstrumentOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new InstrumentOptions
        {
            Label = Label ?? defaults.Label,
            Timeout = Timeout ?? defaults.Timeout,
            ReadTermination = ReadTermination ?? defaults.ReadTermination,
            WriteTermination = WriteTermination ?? defaults.WriteTermination,
            ErrorCheck = ErrorCheck ?? defaults.ErrorCheck,
            ErrorQuery = ErrorQuery ?? defaults.ErrorQuery,
            Reconnect = Reconnect ?? defaults.Reconnect,
            Logger = Logger ?? defaults.Logger,
            TimeProvider = TimeProvider ?? defaults.TimeProvider,
            Metadata = Metadata ?? defaults.Metadata,
        };
    }

    /// <summary><paramref name="options"/> with unset settings from <paramref name="defaults"/>; either may be null.</summary>
    public static InstrumentOptions Merge(InstrumentOptions? options, InstrumentOptions defaults) =>
        (options ?? new InstrumentOptions()).WithDefaults(defaults);
}
