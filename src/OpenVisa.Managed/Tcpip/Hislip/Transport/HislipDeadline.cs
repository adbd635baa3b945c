using System.Diagnostics;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>When a blocking operation must give up: a start time and a VISA timeout in milliseconds.</summary>
internal readonly struct HislipDeadline
{
    private readonly long _started;

    public HislipDeadline(uint timeoutMs)
    {
        TimeoutMs = timeoutMs;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The whole timeout, as VISA gives it (<see cref="VisaTimeout.InfiniteValue"/> never expires).</summary>
    public uint TimeoutMs { get; }

    public bool IsInfinite => TimeoutMs == VisaTimeout.InfiniteValue;

    public long ElapsedMs => (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds;

    /// <summary>Milliseconds left, at least 0; <see cref="long.MaxValue"/> when infinite.</summary>
    public long RemainingMs => IsInfinite ? long.MaxValue : Math.Max(0, TimeoutMs - ElapsedMs);

    /// <summary>The time left as a <see cref="TimeSpan"/> (<see cref="Timeout.InfiniteTimeSpan"/> when infinite).</summary>
    public TimeSpan Remaining => IsInfinite ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(RemainingMs);

    public bool HasExpired => !IsInfinite && ElapsedMs >= TimeoutMs;
}
