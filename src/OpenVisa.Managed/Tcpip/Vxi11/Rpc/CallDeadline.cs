namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// One cancellation token per asynchronous call that fires at the call's timeout, when the caller's token fires, or
/// when the owner closes; reused from call to call (reset, not reallocated) so asynchronous calls do not allocate a
/// linked source each. Not thread-safe: one instance per connection, used under the connection's one-call-at-a-time rule.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _caller;
    private bool _closed;

    /// <summary>True when the last token fired because <see cref="Close"/> was called.</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Arms the deadline.</summary>
    public CancellationToken Start(TimeSpan timeout, CancellationToken caller)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
            _source.CancelAfter(timeout);
        if (caller.CanBeCanceled)
            _caller = caller.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
        if (Volatile.Read(ref _closed))
            _source.Cancel();
        return _source.Token;
    }

    /// <summary>Disarms the deadline so the next <see cref="Start"/> begins afresh.</summary>
    public void Stop()
    {
        _caller.Dispose();
        _caller = default;
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }
    }

    /// <summary>Fires the current token for good: the connection is closing.</summary>
    public void Close()
    {
        Volatile.Write(ref _closed, true);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _caller.Dispose();
        _source.Dispose();
    }
}
