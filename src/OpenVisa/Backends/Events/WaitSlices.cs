using System.Diagnostics;

namespace OpenVisa;

/// <summary>
/// A wait for an event bounded by a VISA timeout, on the monotonic clock, cut into slices when the session must look for a
/// lost connection now and then (a transport that hears of the loss only when it next uses the link).
/// </summary>
internal readonly struct WaitSlices
{
    private readonly long _started;
    private readonly TimeSpan _total;
    private readonly TimeSpan _slice;

    /// <param name="timeout">The VISA timeout; an infinite one never ends.</param>
    /// <param name="slice">The longest piece to wait before coming back, or <see cref="Timeout.InfiniteTimeSpan"/> for one piece.</param>
    public WaitSlices(TimeSpan timeout, TimeSpan slice)
    {
        _started = Stopwatch.GetTimestamp();
        _total = VisaTimeout.IsInfinite(timeout) ? Timeout.InfiniteTimeSpan : timeout;
        _slice = slice;
    }

    /// <summary>True once the timeout has passed (never for an infinite one).</summary>
    public bool IsOver => _total != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(_started) >= _total;

    /// <summary>How long to wait next: never negative for a finite wait (-1 means "forever" to the wait primitives).</summary>
    public TimeSpan NextSlice()
    {
        var left = _total == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _total - Stopwatch.GetElapsedTime(_started);
        if (left != Timeout.InfiniteTimeSpan && left < TimeSpan.Zero)
            left = TimeSpan.Zero;
        if (_slice == Timeout.InfiniteTimeSpan)
            return left;
        return left == Timeout.InfiniteTimeSpan || left > _slice ? _slice : left;
    }
}
