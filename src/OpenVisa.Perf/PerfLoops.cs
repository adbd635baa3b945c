using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace OpenVisa.Perf;

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
    /// <paramref name="clients"/> connections doing back-to-back round trips (at least one each) for <paramref name="seconds"/>: the server's
    /// aggregate rate and the round-trip percentiles over all of them. With <paramref name="threads"/> each client has its
    /// own thread and uses the blocking path; otherwise each is an asynchronous loop on the thread pool, which is how a
    /// load generator drives many connections from few CPUs (the clients then cost the server's CPUs less).
    /// </summary>
    public static async Task<ClientReport> LoadAsync(IReadOnlyList<IPerfClient> clients, double seconds, bool threads)
    {
        var histograms = clients.Select(_ => new LatencyHistogram()).ToArray();
        var counts = new long[clients.Count];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = new StrongBox<long>();
        var loops = new Task[clients.Count];
        for (var i = 0; i < clients.Count; i++)
        {
            var index = i;
            loops[i] = threads
                ? Task.Factory.StartNew(() => { go.Task.Wait(); SyncLoop(clients[index], histograms[index], counts, index, deadline); }, TaskCreationOptions.LongRunning)
                : Task.Run(async () => { await go.Task.ConfigureAwait(false); await AsyncLoopAsync(clients[index], histograms[index], counts, index, deadline).ConfigureAwait(false); });
        }
        var cpu = ProcessCpu.Seconds();
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline.Value, start + (long)(seconds * Stopwatch.Frequency));
        go.SetResult();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception) when (loops.FirstOrDefault(l => l.IsFaulted)?.Exception?.InnerException is { } failure)
        {
            throw new InvalidOperationException($"A load client failed: {failure.Message}", failure);
        }
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        cpu = ProcessCpu.Seconds() - cpu;
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

    private static void SyncLoop(IPerfClient client, LatencyHistogram histogram, long[] counts, int index, StrongBox<long> deadline)
    {
        var now = Stopwatch.GetTimestamp();
        long count = 0;
        do
        {
            client.RoundTrip();
            var after = Stopwatch.GetTimestamp();
            histogram.Record(after - now);
            now = after;
            count++;
        }
        while (now < Volatile.Read(ref deadline.Value));
        counts[index] = count;
    }

    private static async Task AsyncLoopAsync(IPerfClient client, LatencyHistogram histogram, long[] counts, int index, StrongBox<long> deadline)
    {
        var now = Stopwatch.GetTimestamp();
        long count = 0;
        do
        {
            await client.RoundTripAsync(CancellationToken.None).ConfigureAwait(false);
            var after = Stopwatch.GetTimestamp();
            histogram.Record(after - now);
            now = after;
            count++;
        }
        while (now < Volatile.Read(ref deadline.Value));
        counts[index] = count;
    }
}
