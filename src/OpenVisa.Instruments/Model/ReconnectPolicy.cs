namespace OpenVisa.Instruments;

/// <summary>
/// What an instrument does when its connection is lost (the backend reports one of <see cref="Statuses"/>): close the
/// resource, wait, reopen it at the same address with the same settings, and repeat the command, up to
/// <see cref="MaxAttempts"/> times with growing delays. Caches are invalidated after a reconnect, since the instrument
/// may have been power-cycled.
/// </summary>
public sealed record ReconnectPolicy
{
    /// <summary>No reconnecting: a lost connection fails the command.</summary>
    public static readonly ReconnectPolicy None = new() { MaxAttempts = 0 };

    /// <summary>How many times to try reopening for one command; 0 turns reconnecting off.</summary>
    public int MaxAttempts
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "MaxAttempts cannot be negative.");
    } = 3;

    /// <summary>The wait before the first reopen.</summary>
    public TimeSpan InitialDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(InitialDelay), value, "A delay cannot be negative.");
    } = TimeSpan.FromMilliseconds(500);

    /// <summary>Each further wait is the previous one times this (at least 1).</summary>
    public double BackoffFactor
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BackoffFactor), value, "The backoff factor must be at least 1.");
    } = 2;

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the command that met the lost connection is sent again after reconnecting (default true).</summary>
    public bool RepeatCommand { get; init; } = true;

    /// <summary>The statuses that mean the connection is gone (not a timeout, which a reconnect would not cure).</summary>
    public IReadOnlySet<StatusCode> Statuses { get; init; } = new HashSet<StatusCode>
    {
        StatusCode.ErrorConnectionLost,
        StatusCode.ErrorIO,
    };

    /// <summary>The wait before attempt <paramref name="attempt"/> (0 for the first).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var ticks = InitialDelay.Ticks * Math.Pow(BackoffFactor, attempt);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
