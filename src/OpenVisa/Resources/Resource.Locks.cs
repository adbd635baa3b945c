namespace OpenVisa;

public partial class Resource
{
    /// <summary>
    /// Takes a shared lock. <paramref name="requestedKey"/> joins a lock another session holds; null asks for a new key.
    /// Returns the access key other sessions can present. Waits at most <paramref name="timeout"/> (default: the I/O timeout).
    /// </summary>
    public string Lock(TimeSpan? timeout = null, string? requestedKey = null)
    {
        var wait = timeout ?? Timeout;
        return Run(nameof(Lock), () => Library.Lock(Session, AccessMode.SharedLock, wait, requestedKey)) ?? "";
    }

    /// <summary>Takes an exclusive lock, waiting at most <paramref name="timeout"/> (default: the I/O timeout).</summary>
    public void LockExclusive(TimeSpan? timeout = null)
    {
        var wait = timeout ?? Timeout;
        Run(nameof(LockExclusive), () => Library.Lock(Session, AccessMode.ExclusiveLock, wait, null));
    }

    /// <summary>Takes a lock asynchronously; <paramref name="lockType"/> is exclusive or shared.</summary>
    public async ValueTask<string?> LockAsync(AccessMode lockType, TimeSpan? timeout = null, string? requestedKey = null, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed(nameof(LockAsync));
        try
        {
            var key = await Library.LockAsync(Session, lockType, timeout ?? Timeout, requestedKey, cancellationToken).ConfigureAwait(false);
            LastStatus = StatusCode.Success;
            return key;
        }
        catch (VisaException e)
        {
            throw Failed(e, nameof(LockAsync));
        }
    }

    /// <summary>Releases one level of this session's lock.</summary>
    public void Unlock() => Run(nameof(Unlock), () => Complete(Library.Unlock(Session), nameof(Unlock)));

    /// <summary>
    /// Locks for the lifetime of the returned scope: <c>using (res.LockScope()) { … }</c>. Exclusive unless
    /// <paramref name="sharedKey"/> is given (an empty string asks for a new shared key).
    /// </summary>
    public IDisposable LockScope(TimeSpan? timeout = null, string? sharedKey = null)
    {
        if (sharedKey is null)
            LockExclusive(timeout);
        else
            Lock(timeout, sharedKey.Length == 0 ? null : sharedKey);
        return new Releaser(this);
    }

    private sealed class Releaser(Resource resource) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0 && !resource.IsClosed)
                resource.Unlock();
        }
    }
}
