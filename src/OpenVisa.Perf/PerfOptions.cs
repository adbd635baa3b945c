namespace OpenVisa.Perf;

/// <summary>What one <c>ovisa perf</c> run measures and for how long.</summary>
internal sealed record PerfOptions
{
    /// <summary>The transports to measure, in print order.</summary>
    public required IReadOnlyList<PerfTransport> Transports { get; init; }

    /// <summary>Length of each timed loop (one client, one measurement, one round).</summary>
    public double Seconds { get; init; } = PerfDefaults.Seconds;

    /// <summary>How many interleaved rounds; each figure is the median over them.</summary>
    public int Rounds { get; init; } = PerfDefaults.Rounds;

    /// <summary>Payload bytes of the <c>DATA?</c> block.</summary>
    public int BlockBytes { get; init; } = PerfDefaults.BlockBytes;

    /// <summary>The CPU pinned clients and servers share; null measures unpinned only.</summary>
    public int? PinnedCpu { get; init; } = 0;

    /// <summary>Measure pyvisa-py when it is installed.</summary>
    public bool UsePyvisaPy { get; init; } = true;

    /// <summary>The Python to run pyvisa-py with; null finds Debian's on the system path.</summary>
    public string? Python { get; init; }

    /// <summary>
    /// The VISA shared library (libopenvisa) the <c>ivi</c> and <c>pyvisa-ivi</c> clients load on transports that measure
    /// them, as <see cref="PerfIviLibrary.Resolve"/> checked it; null leaves both clients out with a note.
    /// </summary>
    public string? IviLibrary { get; init; }

    /// <summary>Each of the two round-trip warm-up passes every client does before the first round (the JIT, the caches, the connection).</summary>
    public double WarmupSeconds => Math.Min(1, Math.Max(0.05, Seconds));
}
