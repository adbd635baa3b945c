namespace OpenVisa.Perf;

/// <summary>The harness's fixed settings.</summary>
internal static class PerfDefaults
{
    /// <summary>I/O timeout of every client: long enough for a slow client's 16 MiB block, short enough to end a hung run.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// I/O timeout of the <c>ivi</c> and <c>pyvisa-ivi</c> clients: PyVISA's default, 2 000 ms. libopenvisa sends reads
    /// with a longer timeout through its cancellable asynchronous path (so <c>viTerminate</c> can end them), which costs
    /// about twice the CPU per query (docs/performance.md, <c>@ivi</c> section); at the default, the figures are what a
    /// PyVISA user who never touched the timeout gets.
    /// </summary>
    public static readonly TimeSpan IviClientTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The backend libopenvisa drives under the <c>ivi</c> clients (its <c>OPENVISA_BACKEND</c>), set for them whatever the caller's environment says.</summary>
    public const string IviInnerBackend = "@managed";

    /// <summary>
    /// Length of each timed loop when <c>--seconds</c> is not given. With all four transports (18 clients, pinned and
    /// not) a round takes about 10 s, so 9 rounds of 0.25 s keep the whole run near two minutes on 2 CPUs.
    /// </summary>
    public const double Seconds = 0.25;

    /// <summary>Interleaved rounds when <c>--rounds</c> is not given; each figure is the median over them.</summary>
    public const int Rounds = 9;

    /// <summary>The <c>DATA?</c> payload when <c>--block-bytes</c> is not given: 16 MiB.</summary>
    public const int BlockBytes = 16 * 1024 * 1024;

    /// <summary>Concurrent clients of the server scaling figures (the metric names server_qps_1, _8, _64 follow them).</summary>
    public static readonly IReadOnlyList<int> LoadLevels = [1, 8, 64];
}
