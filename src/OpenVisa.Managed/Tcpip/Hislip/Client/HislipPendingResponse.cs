namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// A request on the asynchronous channel waiting for its response, which the channel's reader delivers. Sync callers
/// wait on an event, async callers on a task. With <see cref="PausesReader"/>, a successful response leaves the reader
/// stopped until <see cref="ResumeReader"/>, so the requester can switch the channel to or from TLS under it.
/// </summary>
internal sealed class HislipPendingResponse(HislipMessageType expected, bool pausesReader)
{
    private readonly ManualResetEventSlim _done = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HislipMessageType Expected { get; } = expected;

    public bool PausesReader { get; } = pausesReader;

    public HislipHeader Header { get; private set; }

    public byte[] Payload { get; private set; } = [];

    public Exception? Error { get; private set; }

    /// <summary>Completes when the requester has finished with the channel and the reader may go on.</summary>
    public Task ReaderMayContinue => _resume.Task;

    public void Complete(HislipHeader header, byte[] payload)
    {
        Header = header;
        Payload = payload;
        Signal();
    }

    public void Fail(Exception error)
    {
        Error = error;
        _resume.TrySetResult();
        Signal();
    }

    public void ResumeReader() => _resume.TrySetResult();

    /// <summary>Waits for the response; false when the time ran out.</summary>
    public bool Wait(in HislipDeadline deadline)
    {
        var wait = deadline.IsInfinite ? Timeout.Infinite : (int)Math.Min(deadline.RemainingMs, int.MaxValue);
        return _done.Wait(wait);
    }

    /// <summary>Waits for the response; false when the time ran out.</summary>
    public async Task<bool> WaitAsync(HislipDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            await _completion.Task.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Signal()
    {
        _done.Set();
        _completion.TrySetResult();
    }
}
