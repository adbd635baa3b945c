namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The VXI-11 lock of one served device: at most one link holds it; other links' operations wait for it (with the
/// WAITLOCK flag, up to their lock timeout) or fail at once with error 11. Waits end early on abort.
/// </summary>
internal sealed class Vxi11DeviceLock
{
    private readonly Lock _gate = new();
    private object? _owner;
    private TaskCompletionSource _released = Completed();

    /// <summary>The link holding the lock, or null.</summary>
    public object? Owner
    {
        get
        {
            lock (_gate)
                return _owner;
        }
    }

    /// <summary>
    /// Waits until <paramref name="link"/> may use the device (nobody else holds the lock) and, with
    /// <paramref name="acquire"/>, takes the lock. Without <paramref name="wait"/> it does not wait at all. Returns false
    /// when another link still holds the lock; throws <see cref="OperationCanceledException"/> when aborted.
    /// </summary>
    public async ValueTask<bool> WaitAsync(object link, bool acquire, bool wait, uint lockTimeoutMs, CancellationToken abort)
    {
        var deadline = lockTimeoutMs >= Vxi11Protocol.InfiniteTimeout ? long.MaxValue : Environment.TickCount64 + lockTimeoutMs;
        while (true)
        {
            Task released;
            lock (_gate)
            {
                if (_owner is null || ReferenceEquals(_owner, link))
                {
                    if (acquire && _owner is null)
                    {
                        _owner = link;
                        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                    return true;
                }
                if (!wait)
                    return false;
                released = _released.Task;
            }
            var remaining = deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(deadline - Environment.TickCount64);
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
                return false;
            try
            {
                await released.WaitAsync(remaining, abort).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>True when <paramref name="link"/> holds the lock.</summary>
    public bool IsHeldBy(object link)
    {
        lock (_gate)
            return ReferenceEquals(_owner, link);
    }

    /// <summary>Releases the lock if <paramref name="link"/> holds it; true when it did.</summary>
    public bool Release(object link)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            if (!ReferenceEquals(_owner, link))
                return false;
            _owner = null;
            released = _released;
        }
        released.TrySetResult();
        return true;
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
