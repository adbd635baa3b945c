namespace OpenVisa.Perf;

/// <summary>
/// What a client child process prints, one JSON line per command: the .NET clients and the pyvisa-py script write the
/// same keys (camelCase), so the harness reads them alike.
/// </summary>
internal sealed record ClientReport
{
    /// <summary>Round trips or blocks completed in the timed loop.</summary>
    public long Queries { get; init; }

    /// <summary>Wall time of the timed loop.</summary>
    public double Seconds { get; init; }

    /// <summary>Process CPU time (user + system, all threads) used during the timed loop.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Median round-trip time.</summary>
    public double? P50Us { get; init; }

    /// <summary>99th percentile round-trip time.</summary>
    public double? P99Us { get; init; }

    /// <summary>Payload bytes received (block mode).</summary>
    public long Bytes { get; init; }

    /// <summary>Bytes the timing thread allocated per query (.NET clients only).</summary>
    public double? AllocBytesPerQuery { get; init; }

    /// <summary>Set instead of the figures when the command failed.</summary>
    public string? Error { get; init; }
}
