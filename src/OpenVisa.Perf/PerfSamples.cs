using System.Text.Json;

namespace OpenVisa.Perf;

/// <summary>Every round's figure for each (transport, client, metric), reduced to medians at the end.</summary>
internal sealed class PerfSamples
{
    private static readonly string[] ClientOrder = [PerfClientKinds.OpenVisa, PerfClientKinds.Raw, PerfClientKinds.PyvisaPy, PerfClientKinds.Ivi, PerfClientKinds.PyvisaIvi];
    private readonly Dictionary<(string Transport, string Client, string Metric), List<double>> _samples = [];

    /// <summary>Records the figures of one <c>roundtrips</c> answer.</summary>
    public void AddRoundTrips(string transport, string client, bool pinned, JsonElement report)
    {
        var queries = Number(report, "queries");
        var seconds = Number(report, "seconds");
        var cpu = Number(report, "cpuSeconds");
        if (queries is not > 0 || seconds is not > 0)
            return;
        Add(transport, client, pinned ? PerfMetrics.RoundTripsPinned : PerfMetrics.RoundTrips, queries.Value / seconds.Value);
        if (cpu is { } cpuSeconds)
            Add(transport, client, pinned ? PerfMetrics.CpuPerQueryPinned : PerfMetrics.CpuPerQuery, cpuSeconds * 1e6 / queries.Value);
        if (pinned)
            return;
        if (Number(report, "p50Us") is { } p50)
            Add(transport, client, PerfMetrics.P50, p50);
        if (Number(report, "p99Us") is { } p99)
            Add(transport, client, PerfMetrics.P99, p99);
        if (Number(report, "allocBytesPerQuery") is { } allocated)
            Add(transport, client, PerfMetrics.AllocPerQuery, allocated);
    }

    /// <summary>Records the throughput of one <c>block</c> answer, in MB/s (10^6 bytes).</summary>
    public void AddBlocks(string transport, string client, JsonElement report)
    {
        if (Number(report, "bytes") is { } bytes && Number(report, "seconds") is > 0 and var seconds)
            Add(transport, client, PerfMetrics.BlockThroughput, bytes / seconds / 1e6);
    }

    /// <summary>Records the aggregate rate (and, at the top level, the p99) of one <c>load</c> answer.</summary>
    public void AddLoad(string transport, string client, int clients, JsonElement report)
    {
        if (Number(report, "queries") is { } queries && Number(report, "seconds") is > 0 and var seconds)
            Add(transport, client, PerfMetrics.ServerQps(clients), queries / seconds);
        if (clients == PerfDefaults.LoadLevels[^1] && Number(report, "p99Us") is { } p99)
            Add(transport, client, PerfMetrics.ServerP99At64, p99);
    }

    /// <summary>The median of each figure over the rounds, ordered by transport, client, then metric.</summary>
    public IReadOnlyList<PerfResult> Medians(IReadOnlyList<string> transportOrder) =>
        [.. _samples
            .Select(pair => new PerfResult(pair.Key.Transport, pair.Key.Client, pair.Key.Metric, Median(pair.Value)) { Rounds = [.. pair.Value.Select(v => Math.Round(v, 3))] })
            .OrderBy(r => IndexIn(transportOrder, r.Transport))
            .ThenBy(r => IndexIn(ClientOrder, r.Client))
            .ThenBy(r => IndexIn(PerfMetrics.All, r.Metric))];

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private void Add(string transport, string client, string metric, double value)
    {
        if (!double.IsFinite(value))
            return;
        var key = (transport, client, metric);
        if (!_samples.TryGetValue(key, out var list))
            _samples[key] = list = [];
        list.Add(value);
    }

    private static double? Number(JsonElement report, string name) =>
        report.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int IndexIn(IReadOnlyList<string> order, string item)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == item)
                return i;
        }
        return order.Count;
    }
}
