using System.Net;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// Slows down password guessing: each failed SASL authentication from an address waits longer before its answer
/// (<see cref="HislipServerOptions.AuthenticationFailureDelay"/>, doubled per consecutive failure up to
/// <see cref="HislipServerOptions.MaxAuthenticationFailureDelay"/>), across all sessions from that address, so opening a
/// new session does not reset the wait. A success from the address resets it.
/// </summary>
internal sealed class HislipAuthenticationThrottle(TimeSpan firstDelay, TimeSpan maxDelay)
{
    /// <summary>Addresses remembered at most; beyond it the ones whose wait has long passed are forgotten.</summary>
    private const int MaxTrackedAddresses = 4096;

    private readonly Dictionary<IPAddress, (int Failures, DateTime Last)> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>Records a failure from <paramref name="address"/> and returns how long to wait before answering it.</summary>
    public TimeSpan RecordFailure(IPAddress address)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_failures.Count >= MaxTrackedAddresses)
                Forget(now);
            var failures = _failures.TryGetValue(address, out var entry) ? entry.Failures + 1 : 1;
            _failures[address] = (failures, now);
            return DelayAfter(failures);
        }
    }

    /// <summary>A success: the address starts afresh.</summary>
    public void RecordSuccess(IPAddress address)
    {
        lock (_gate)
            _failures.Remove(address);
    }

    /// <summary>The wait after the <paramref name="failures"/>-th consecutive failure.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Min(failures - 1, 30);
        var ticks = Math.Min((double)firstDelay.Ticks * Math.Pow(2, doublings), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private void Forget(DateTime now)
    {
        foreach (var (address, entry) in _failures.ToArray())
        {
            if (now - entry.Last > maxDelay * 2)
                _failures.Remove(address);
        }
        if (_failures.Count >= MaxTrackedAddresses)
            _failures.Clear(); // a flood of addresses: forgetting is better than growing without bound
    }
}
