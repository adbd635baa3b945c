using System.Diagnostics;
using System.Numerics;

namespace OpenVisa.Perf;

/// <summary>
/// Round-trip times in a fixed log-linear histogram (32 buckets per power of two, so within 3 %): recording allocates
/// nothing and costs a few instructions, whatever the rate, and histograms of several threads merge.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 32;
    private const int ExactBelow = 2 * SubBuckets;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly long[] _counts = new long[ExactBelow + (48 * SubBuckets)];

    /// <summary>How many times were recorded.</summary>
    public long Count { get; private set; }

    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    /// <summary>Records one time given in <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long ticks)
    {
        var nanoseconds = (ulong)(Math.Max(0, ticks) * NanosecondsPerTick);
        _counts[IndexOf(nanoseconds)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The nearest-rank percentile in microseconds (the middle of its bucket), or null with no samples.</summary>
    public double? PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return (LowerBound(i) + LowerBound(i + 1)) / 2.0 / 1000.0;
        }
        return LowerBound(_counts.Length) / 1000.0;
    }

    private int IndexOf(ulong nanoseconds)
    {
        if (nanoseconds < ExactBelow)
            return (int)nanoseconds;
        var shift = BitOperations.Log2(nanoseconds) - 5; // nanoseconds >> shift is in [32, 63]
        var index = ExactBelow + ((shift - 1) * SubBuckets) + (int)(nanoseconds >> shift) - SubBuckets;
        return Math.Min(index, _counts.Length - 1);
    }

    private static double LowerBound(int index)
    {
        if (index < ExactBelow)
            return index;
        var shift = ((index - ExactBelow) / SubBuckets) + 1;
        var mantissa = ((index - ExactBelow) % SubBuckets) + SubBuckets;
        return (double)((ulong)mantissa << shift);
    }
}
