namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// One cancellation token for an asynchronous operation that fires at the session timeout or when the caller's token
/// does, whichever comes first; reused from one operation to the next so the async path does not allocate a linked
/// source per call. Not thread-safe: one instance per direction (read, write), used under that direction's gate.
/// </summary>
internal sealed class OperationDeadline : IDisposable
{
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _callerRegistration;

    /// <summary>Arms the deadline; <paramref name="timeoutMs"/> of <see cref="VisaTimeout.InfiniteValue"/> never fires.</summary>
    public CancellationToken Start(uint timeoutMs, CancellationToken caller)
    {
        if (timeoutMs != VisaTimeout.InfiniteValue)
            _source.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        if (caller.CanBeCanceled)
            _callerRegistration = caller.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
        return _source.Token;
    }

    /// <summary>Disarms the deadline so the next <see cref="Start"/> begins afresh.</summary>
    public void Stop()
    {
        _callerRegistration.Dispose();
        _callerRegistration = default;
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }
    }

    public void Dispose()
    {
        _callerRegistration.Dispose();
        _source.Dispose();
    }
}
