namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The locks of one served instrument, shared by every HiSLIP session on its sub-address. An exclusive lock belongs to
/// one session; a shared lock belongs to every session that asked with the same lock string. A session holding the
/// shared lock alone may also take the exclusive lock. Sessions without the lock wait before their synchronous
/// messages reach the instrument. Nesting (locking twice) is counted by the client, so asking again for a lock
/// already held is an error here, as is releasing a lock not held.
/// </summary>
internal sealed class HislipLockManager
{
    private readonly object _gate = new();
    private readonly HashSet<int> _shared = [];
    private int? _exclusive;
    private string? _sharedKey;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>True when some session holds the exclusive lock.</summary>
    public bool IsExclusivelyLocked
    {
        get
        {
            lock (_gate)
                return _exclusive is not null;
        }
    }

    /// <summary>How many sessions hold a lock (exclusive or shared).</summary>
    public int HolderCount
    {
        get
        {
            lock (_gate)
                return _shared.Count + (_exclusive is { } e && !_shared.Contains(e) ? 1 : 0);
        }
    }

    /// <summary>
    /// Asks for the exclusive lock (<paramref name="key"/> empty) or the shared lock with <paramref name="key"/>, waiting
    /// up to <paramref name="timeout"/> for other sessions to release theirs.
    /// </summary>
    public async ValueTask<HislipLockResponse> AcquireAsync(int session, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var outcome = TryAcquireLocked(session, key);
                if (outcome is not null)
                    return outcome.Value;
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                return HislipLockResponse.Failure;
            try
            {
                await changed.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return HislipLockResponse.Failure;
            }
        }
    }

    /// <summary>Releases the session's exclusive lock if it has one, else its shared lock.</summary>
    public HislipLockResponse Release(int session)
    {
        lock (_gate)
        {
            HislipLockResponse result;
            if (_exclusive == session)
            {
                _exclusive = null;
                result = HislipLockResponse.Success;
            }
            else if (_shared.Remove(session))
            {
                if (_shared.Count == 0)
                    _sharedKey = null;
                result = HislipLockResponse.SuccessShared;
            }
            else
            {
                return HislipLockResponse.Error;
            }
            Signal();
            return result;
        }
    }

    /// <summary>Releases everything a closing session holds.</summary>
    public void ReleaseAll(int session)
    {
        lock (_gate)
        {
            var changed = false;
            if (_exclusive == session)
            {
                _exclusive = null;
                changed = true;
            }
            if (_shared.Remove(session))
            {
                if (_shared.Count == 0)
                    _sharedKey = null;
                changed = true;
            }
            if (changed)
                Signal();
        }
    }

    /// <summary>True when <paramref name="session"/> holds the exclusive or the shared lock.</summary>
    public bool Holds(int session)
    {
        lock (_gate)
            return _exclusive == session || _shared.Contains(session);
    }

    /// <summary>True when the session may use the instrument now: nobody else holds a lock that keeps it out.</summary>
    public bool CanAccess(int session)
    {
        lock (_gate)
            return CanAccessLocked(session);
    }

    /// <summary>Waits until the session may use the instrument.</summary>
    public async ValueTask WaitForAccessAsync(int session, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (CanAccessLocked(session))
                    return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private HislipLockResponse? TryAcquireLocked(int session, string key)
    {
        if (key.Length == 0)
        {
            if (_exclusive == session)
                return HislipLockResponse.Error;
            if (_exclusive is null && (_shared.Count == 0 || (_shared.Count == 1 && _shared.Contains(session))))
            {
                _exclusive = session;
                Signal();
                return HislipLockResponse.Success;
            }
            return null;
        }
        if (_shared.Contains(session))
            return HislipLockResponse.Error;
        if ((_exclusive is null || _exclusive == session) && (_shared.Count == 0 || string.Equals(_sharedKey, key, StringComparison.Ordinal)))
        {
            _shared.Add(session);
            _sharedKey = key;
            Signal();
            return HislipLockResponse.Success;
        }
        return null;
    }

    private bool CanAccessLocked(int session)
    {
        if (_exclusive is { } owner)
            return owner == session;
        return _shared.Count == 0 || _shared.Contains(session);
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
