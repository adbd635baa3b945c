namespace OpenVisa.Cli.Perf;

/// <summary>The harness's fixed settings.</summary>
internal static class PerfDefaults
{
    /// <summary>I/O timeout of every client: long enough for a slow client's 16 MiB block, short enough to end a hung run.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The <c>DATA?</c> payload when <c>--block-bytes</c> is not given: 16 MiB.</summary>
    public const int BlockBytes = 16 * 1024 * 1024;

    /// <summary>Concurrent clients of the server scaling figures (the metric names server_qps_1, _8, _64 follow them).</summary>
    public static readonly IReadOnlyList<int> LoadLevels = [1, 8, 64];
}
