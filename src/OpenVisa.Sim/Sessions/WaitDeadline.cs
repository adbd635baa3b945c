namespace OpenVisa.Sim.Sessions;

/// <summary>
/// The end of a wait bounded by a VISA timeout, on the monotonic clock: a wall clock set back while a session waits
/// (NTP, a VM restored from a snapshot) must not stretch a 30 ms lock wait into minutes.
/// </summary>
internal readonly struct WaitDeadline
{
    private readonly long _endMs;

    private WaitDeadline(long endMs) => _endMs = endMs;

    /// <summary>A deadline <paramref name="timeout"/> from now; an infinite VISA timeout never ends.</summary>
    public static WaitDeadline After(TimeSpan timeout) =>
        new(VisaTimeout.IsInfinite(timeout) ? long.MaxValue : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds));

    /// <summary>
    /// Milliseconds left for <c>Monitor.Wait</c>: <see cref="Timeout.Infinite"/> for an infinite wait, never below 0 for a
    /// finite one. (A count computed as "deadline minus now" is -1 one millisecond late, and -1 means "forever" to
    /// <c>Monitor.Wait</c>: that turned a late 30 ms lock wait into a hang.)
    /// </summary>
    public int RemainingMilliseconds =>
        _endMs == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(_endMs - Environment.TickCount64, 0, int.MaxValue);

    /// <summary>The time left as a span: <see cref="Timeout.InfiniteTimeSpan"/> for an infinite wait.</summary>
    public TimeSpan Remaining =>
        _endMs == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, _endMs - Environment.TickCount64));

    /// <summary>True once the deadline has passed (never for an infinite wait).</summary>
    public bool IsOver => _endMs != long.MaxValue && Environment.TickCount64 >= _endMs;
}
