namespace OpenVisa.Perf;

/// <summary>The metric names of the JSON results, in the order they are printed.</summary>
internal static class PerfMetrics
{
    public const string RoundTrips = "roundtrips_per_s";
    public const string RoundTripsPinned = "roundtrips_per_s_1cpu";
    public const string CpuPerQuery = "cpu_us_per_query";
    public const string CpuPerQueryPinned = "cpu_us_per_query_1cpu";
    public const string P50 = "p50_us";
    public const string P99 = "p99_us";
    public const string BlockThroughput = "block_mb_per_s";
    public const string AllocPerQuery = "alloc_bytes_per_query";
    public const string ServerP99At64 = "server_p99_us_64";

    /// <summary>The aggregate server rate with <paramref name="clients"/> concurrent clients: server_qps_1, _8, _64.</summary>
    public static string ServerQps(int clients) => $"server_qps_{clients}";

    /// <summary>Every metric name, in print order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RoundTrips, RoundTripsPinned, CpuPerQuery, CpuPerQueryPinned, P50, P99, BlockThroughput, AllocPerQuery,
        .. PerfDefaults.LoadLevels.Select(ServerQps), ServerP99At64,
    ];
}

/// <summary>One figure of the results: the median over the rounds (<see cref="Value"/>) and each round's figure, in run order.</summary>
internal sealed record PerfResult(string Transport, string Client, string Metric, double Value)
{
    /// <summary>Every round's figure, so the spread behind the median is visible; empty when built from a median alone.</summary>
    public IReadOnlyList<double> Rounds { get; init; } = [];
}
