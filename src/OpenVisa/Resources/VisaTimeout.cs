namespace OpenVisa;

/// <summary>Converts between <see cref="TimeSpan"/> timeouts and VISA's millisecond values (<c>VI_TMO_INFINITE</c>, <c>VI_TMO_IMMEDIATE</c>).</summary>
public static class VisaTimeout
{
    /// <summary><c>VI_TMO_INFINITE</c>: wait forever.</summary>
    public const uint InfiniteValue = 0xFFFFFFFF;

    /// <summary><c>VI_TMO_IMMEDIATE</c>: do not wait.</summary>
    public const uint ImmediateValue = 0;

    /// <summary>The default I/O timeout, 2 s, as VISA specifies.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(2);

    /// <summary>A VISA millisecond value as a <see cref="TimeSpan"/>; infinite becomes <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static TimeSpan FromAttribute(uint milliseconds) =>
        milliseconds == InfiniteValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>A <see cref="TimeSpan"/> as VISA milliseconds; negative or beyond range becomes infinite, sub-millisecond becomes immediate.</summary>
    public static uint ToAttribute(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout < TimeSpan.Zero || timeout.TotalMilliseconds >= InfiniteValue)
            return InfiniteValue;
        return (uint)timeout.TotalMilliseconds;
    }

    /// <summary>True when <paramref name="timeout"/> means wait forever.</summary>
    public static bool IsInfinite(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan || timeout < TimeSpan.Zero;
}
