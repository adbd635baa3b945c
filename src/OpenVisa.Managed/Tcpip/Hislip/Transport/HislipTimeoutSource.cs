namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// One cancellation token for an async operation that fires at the timeout or when the caller's token does, reused
/// from operation to operation so the async path allocates no linked source per call. One instance per direction,
/// used under that direction's gate.
/// </summary>
internal sealed class HislipTimeoutSource : IDisposable
{
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _caller;

    /// <summary>Arms the timeout; <see cref="VisaTimeout.InfiniteValue"/> never fires.</summary>
    public CancellationToken Start(uint timeoutMs, CancellationToken caller)
    {
        if (timeoutMs != VisaTimeout.InfiniteValue)
            _source.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        if (caller.CanBeCanceled)
            _caller = caller.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
        return _source.Token;
    }

    /// <summary>Disarms it for the next operation.</summary>
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

    public void Dispose()
    {
        _caller.Dispose();
        _source.Dispose();
    }
}
