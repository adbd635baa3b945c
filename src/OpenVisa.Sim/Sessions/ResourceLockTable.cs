namespace OpenVisa.Sim.Sessions;

/// <summary>
/// The VISA locks of one resource: at most one exclusive holder, or any number of sessions sharing one access key.
/// Locks nest (each <see cref="Lock"/> needs an <see cref="Unlock"/>). A session without the lock is refused I/O while
/// another holds it; a lock request waits up to its timeout for the others to let go.
/// </summary>
internal sealed class ResourceLockTable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, int> _shared = [];
    private int _exclusiveOwner;
    private int _exclusiveDepth;
    private string? _sharedKey;
    private int _keyCounter;

    /// <summary>0 none, <see cref="AccessMode.ExclusiveLock"/> or <see cref="AccessMode.SharedLock"/>: the lock state as VI_ATTR_RSRC_LOCK_STATE.</summary>
    public AccessMode State
    {
        get
        {
            lock (_gate)
                return _exclusiveDepth > 0 ? AccessMode.ExclusiveLock : _shared.Count > 0 ? AccessMode.SharedLock : AccessMode.None;
        }
    }

    /// <summary>True when nothing is locked, the common case, checked without taking the lock.</summary>
    public bool IsFree => Volatile.Read(ref _exclusiveDepth) == 0 && Volatile.Read(ref _sharedCount) == 0;

    private int _sharedCount;

    /// <summary>Takes a lock; returns the access key (null for exclusive) and whether it nested in one already held.</summary>
    /// <exception cref="VisaException">VI_ERROR_RSRC_LOCKED when others keep the lock past the timeout; VI_ERROR_INV_LOCK_TYPE.</exception>
    public string? Lock(int session, AccessMode type, TimeSpan timeout, string? requestedKey, string resourceName, out StatusCode status)
    {
        if (type is not (AccessMode.ExclusiveLock or AccessMode.SharedLock))
            throw new VisaException(StatusCode.ErrorInvalidLockType, $"The lock type {type} is not ExclusiveLock or SharedLock.", "Lock", resourceName);
        var deadline = WaitDeadline.After(timeout);
        lock (_gate)
        {
            while (true)
            {
                if (type == AccessMode.ExclusiveLock)
                {
                    if (_exclusiveOwner == session && _exclusiveDepth > 0)
                    {
                        _exclusiveDepth++;
                        status = StatusCode.SuccessNestedExclusive;
                        return null;
                    }
                    if (_exclusiveDepth == 0 && _shared.Keys.All(s => s == session))
                    {
                        _exclusiveOwner = session;
                        _exclusiveDepth = 1;
                        status = StatusCode.Success;
                        return null;
                    }
                }
                else
                {
                    if (_shared.TryGetValue(session, out var depth))
                    {
                        _shared[session] = depth + 1;
                        status = StatusCode.SuccessNestedShared;
                        return _sharedKey;
                    }
                    var exclusiveFree = _exclusiveDepth == 0 || _exclusiveOwner == session;
                    if (exclusiveFree && (_shared.Count == 0 || (requestedKey is not null && requestedKey == _sharedKey)))
                    {
                        _sharedKey ??= requestedKey ?? $"sim-key-{session}-{++_keyCounter}";
                        _shared[session] = 1;
                        _sharedCount = _shared.Count;
                        status = StatusCode.Success;
                        return _sharedKey;
                    }
                }
                if (deadline.IsOver)
                    throw new VisaException(StatusCode.ErrorResourceLocked, Holder(session, type, requestedKey) + $" Waited {(long)timeout.TotalMilliseconds} ms for it to be released.", "Lock", resourceName);
                Monitor.Wait(_gate, deadline.RemainingMilliseconds);
            }
        }
    }

    private string Holder(int session, AccessMode requested, string? requestedKey)
    {
        if (_exclusiveDepth > 0 && _exclusiveOwner != session)
            return $"Session {_exclusiveOwner} holds an exclusive lock on the resource.";
        if (requested == AccessMode.SharedLock)
            return requestedKey is null
                ? "Other sessions hold a shared lock; pass their access key to join it."
                : $"Other sessions hold a shared lock with a different access key than '{requestedKey}'.";
        return "Other sessions hold a shared lock on the resource.";
    }

    /// <summary>Releases one level of the session's lock (exclusive first).</summary>
    /// <exception cref="VisaException">VI_ERROR_SESN_NLOCKED when the session holds no lock.</exception>
    public StatusCode Unlock(int session, string resourceName)
    {
        lock (_gate)
        {
            StatusCode status;
            if (_exclusiveDepth > 0 && _exclusiveOwner == session)
            {
                _exclusiveDepth--;
                status = _exclusiveDepth > 0 ? StatusCode.SuccessNestedExclusive : _shared.ContainsKey(session) ? StatusCode.SuccessNestedShared : StatusCode.Success;
                if (_exclusiveDepth == 0)
                    _exclusiveOwner = 0;
            }
            else if (_shared.TryGetValue(session, out var depth))
            {
                if (depth > 1)
                {
                    _shared[session] = depth - 1;
                    status = StatusCode.SuccessNestedShared;
                }
                else
                {
                    _shared.Remove(session);
                    _sharedCount = _shared.Count;
                    if (_shared.Count == 0)
                        _sharedKey = null;
                    status = StatusCode.Success;
                }
            }
            else
            {
                throw new VisaException(StatusCode.ErrorSessionNotLocked, "This session holds no lock on the resource; Unlock releases a lock taken with Lock.", "Unlock", resourceName);
            }
            Monitor.PulseAll(_gate);
            return status;
        }
    }

    /// <summary>Releases everything the session holds (it is closing).</summary>
    public void ReleaseAll(int session)
    {
        lock (_gate)
        {
            if (_exclusiveOwner == session)
            {
                _exclusiveDepth = 0;
                _exclusiveOwner = 0;
            }
            if (_shared.Remove(session))
            {
                _sharedCount = _shared.Count;
                if (_shared.Count == 0)
                    _sharedKey = null;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Throws VI_ERROR_RSRC_LOCKED when another session's lock keeps this one out.</summary>
    public void CheckAccess(int session, string operation, string resourceName)
    {
        if (IsFree)
            return;
        lock (_gate)
        {
            if (_exclusiveDepth > 0 && _exclusiveOwner != session)
                throw new VisaException(StatusCode.ErrorResourceLocked, $"Session {_exclusiveOwner} holds an exclusive lock on the resource; wait for it to unlock, or open with its lock.", operation, resourceName);
            if (_exclusiveDepth == 0 && _shared.Count > 0 && !_shared.ContainsKey(session))
                throw new VisaException(StatusCode.ErrorResourceLocked, "Other sessions hold a shared lock on the resource; lock it with their access key to take part.", operation, resourceName);
        }
    }
}
