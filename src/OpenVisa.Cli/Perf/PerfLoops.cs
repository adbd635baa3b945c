using System.Diagnostics;

namespace OpenVisa.Cli.Perf;

/// <summary>The timed loops, the same for every .NET client: nothing in them allocates but the client under test.</summary>
internal static class PerfLoops
{
    /// <summary>Back-to-back <c>*IDN?</c> round trips for <paramref name="seconds"/>, at least one.</summary>
    public static ClientReport RoundTrips(IPerfClient client, double seconds, LatencyHistogram histogram)
    {
        histogram.Clear();
        var cpu = ProcessCpu.Seconds();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        var now = start;
        long queries = 0;
        do
        {
            client.RoundTrip();
            var after = Stopwatch.GetTimestamp();
            histogram.Record(after - now);
            now = after;
            queries++;
        }
        while (now < deadline);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu = ProcessCpu.Seconds() - cpu;
        return new ClientReport
        {
            Queries = queries,
            Seconds = Stopwatch.GetElapsedTime(start, now).TotalSeconds,
            CpuSeconds = cpu,
            P50Us = histogram.PercentileMicroseconds(50),
            P99Us = histogram.PercentileMicroseconds(99),
            AllocBytesPerQuery = (double)allocated / queries,
        };
    }

    /// <summary>Back-to-back <c>DATA?</c> blocks for <paramref name="seconds"/>, at least one.</summary>
    public static ClientReport Blocks(IPerfClient client, double seconds)
    {
        var cpu = ProcessCpu.Seconds();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        long blocks = 0;
        long bytes = 0;
        do
        {
            bytes += client.ReadBlock();
            blocks++;
        }
        while (Stopwatch.GetTimestamp() < deadline);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new ClientReport { Queries = blocks, Seconds = elapsed, CpuSeconds = ProcessCpu.Seconds() - cpu, Bytes = bytes };
    }

    /// <summary>
    /// <paramref name="clients"/> connections, each on its own thread doing back-to-back round trips for
    /// <paramref name="seconds"/>: the server's aggregate rate and the round-trip percentiles over all of them.
    /// </summary>
    public static ClientReport Load(IReadOnlyList<IPerfClient> clients, double seconds)
    {
        var histograms = clients.Select(_ => new LatencyHistogram()).ToArray();
        var counts = new long[clients.Count];
        var failures = new Exception?[clients.Count];
        using var go = new ManualResetEventSlim();
        long deadline = 0;
        var threads = clients.Select((client, index) => new Thread(() =>
        {
            try
            {
                go.Wait();
                var now = Stopwatch.GetTimestamp();
                while (now < Volatile.Read(ref deadline))
                {
                    client.RoundTrip();
                    var after = Stopwatch.GetTimestamp();
                    histograms[index].Record(after - now);
                    now = after;
                    counts[index]++;
                }
            }
            catch (Exception e)
            {
                failures[index] = e;
            }
        })
        { IsBackground = true, Name = $"perf load {index}" }).ToArray();
        foreach (var thread in threads)
            thread.Start();
        var cpu = ProcessCpu.Seconds();
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, start + (long)(seconds * Stopwatch.Frequency));
        go.Set();
        foreach (var thread in threads)
            thread.Join();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        cpu = ProcessCpu.Seconds() - cpu;
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            throw new InvalidOperationException($"A load client failed: {failure.Message}", failure);
        var all = new LatencyHistogram();
        foreach (var histogram in histograms)
            all.Add(histogram);
        return new ClientReport
        {
            Queries = counts.Sum(),
            Seconds = elapsed,
            CpuSeconds = cpu,
            P50Us = all.PercentileMicroseconds(50),
            P99Us = all.PercentileMicroseconds(99),
        };
    }
}
