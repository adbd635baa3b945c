using System.Text;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Hislip;

// The asynchronous channel: a reader task takes every message the server sends on it, completes the one request
// waiting for a response, raises service requests and records AsyncInterrupted. Requests go one at a time.
public sealed partial class HislipClient
{
    private readonly SemaphoreSlim _requestGate = new(1, 1);
    private readonly int[] _abandoned = new int[HislipMessageRules.FirstReserved];
    private readonly ManualResetEventSlim _asyncInterruptedSignal = new();
    private static readonly HislipDeadline Forever = new(VisaTimeout.InfiniteValue);
    private Task _readerTask = Task.CompletedTask;
    private HislipPendingResponse? _pending;
    private int _asyncInterrupted;
    private int _syncInterrupted;

    /// <summary>Open from an AsyncInterrupted about the last message sent until its Interrupted or the next message.</summary>
    private volatile bool _interruptWindowOpen;

    private async Task RunAsyncChannelReaderAsync()
    {
        var channel = _async!;
        var token = _closing.Token;
        try
        {
            while (true)
            {
                var header = await channel.ReadHeaderAsync(token).ConfigureAwait(false);
                try
                {
                    HislipMessageRules.Validate(header, HislipChannelKind.Asynchronous, HislipMessageRules.Sender.Client, Version, _options.MaxMessageSize);
                }
                catch (HislipProtocolException e) when (!e.IsFatal)
                {
                    Logger.LogWarning("HiSLIP {Resource}: {Error}", ResourceName, e.Message);
                    await channel.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                    continue;
                }
                var payload = header.PayloadLength == 0 ? [] : new byte[header.PayloadLength];
                await channel.ReadExactAsync(payload, token).ConfigureAwait(false);
                var resume = Dispatch(header, payload);
                if (resume is not null)
                    await resume.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException && token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception e)
        {
            if (!IsDisposed)
            {
                var reason = e is HislipConnectionClosedException ? "the instrument closed the asynchronous channel" : $"the asynchronous channel failed: {e.Message}";
                Logger.LogDebug("HiSLIP {Resource}: {Reason}", ResourceName, reason);
                MarkLost(reason);
            }
            FailPending(e);
        }
    }

    /// <summary>Handles one asynchronous-channel message; returns a task to await before reading on when the requester took over the channel.</summary>
    private Task? Dispatch(HislipHeader header, byte[] payload)
    {
        switch (header.Type)
        {
            case HislipMessageType.AsyncServiceRequest:
                var statusByte = header.ControlCode;
                if (ServiceRequested is { } handlers)
                    ThreadPool.UnsafeQueueUserWorkItem(_ => RaiseServiceRequested(handlers, statusByte), null);
                return null;
            case HislipMessageType.AsyncInterrupted:
                Interlocked.Increment(ref _asyncInterrupted);
                if (header.Parameter == Volatile.Read(ref _lastSentId) || header.Parameter == HislipMessageIds.Unknown)
                    _interruptWindowOpen = true;
                _asyncInterruptedSignal.Set();
                return null;
            case HislipMessageType.FatalError:
            {
                var code = (HislipFatalErrorCode)header.ControlCode;
                var text = Encoding.ASCII.GetString(payload);
                MarkLost($"the server sent {HislipErrorMapping.Describe(code)}: {text}");
                FailPending(new VisaException(HislipErrorMapping.ToStatus(code), $"The server ended the session with {HislipErrorMapping.Describe(code)}: {text}"));
                return null;
            }
            case HislipMessageType.Error:
            {
                var code = (HislipErrorCode)header.ControlCode;
                var error = new VisaException(HislipErrorMapping.ToStatus(code), $"The server reported {HislipErrorMapping.Describe(code)}: {Encoding.ASCII.GetString(payload)}");
                if (Interlocked.Exchange(ref _pending, null) is { } waiting)
                    waiting.Fail(error);
                else
                    Logger.LogWarning("HiSLIP {Resource}: {Error}", ResourceName, error.Message);
                return null;
            }
        }
        var type = (int)header.Type;
        if (type < _abandoned.Length && Volatile.Read(ref _abandoned[type]) > 0)
        {
            // The answer to a request that timed out earlier: it must not be taken for the answer to a newer one.
            Interlocked.Decrement(ref _abandoned[type]);
            return null;
        }
        var pending = Volatile.Read(ref _pending);
        if (pending is null || pending.Expected != header.Type)
        {
            Logger.LogDebug("HiSLIP {Resource}: unexpected {Header} on the asynchronous channel ignored", ResourceName, header);
            return null;
        }
        Interlocked.CompareExchange(ref _pending, null, pending);
        pending.Complete(header, payload);
        return pending.PausesReader && IsSuccessfulTlsSwitch(header) ? pending.ReaderMayContinue : null;
    }

    private static bool IsSuccessfulTlsSwitch(HislipHeader header) => header.ControlCode == (byte)HislipTlsResponse.Success;

    private void RaiseServiceRequested(EventHandler<byte> handlers, byte statusByte)
    {
        try
        {
            handlers(this, statusByte);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "HiSLIP {Resource}: a service request handler failed", ResourceName);
        }
    }

    private void FailPending(Exception error)
    {
        if (Interlocked.Exchange(ref _pending, null) is { } pending)
            pending.Fail(error);
    }

    /// <summary>Sends a request on the asynchronous channel and waits for its response (sync).</summary>
    private HislipPendingResponse Request(HislipHeader header, ReadOnlySpan<byte> payload, HislipMessageType expected, in HislipDeadline deadline,
        string operation, bool pausesReader = false)
    {
        ThrowIfUnusable(operation);
        if (!_requestGate.Wait(deadline.IsInfinite ? Timeout.Infinite : (int)Math.Min(deadline.RemainingMs, int.MaxValue)))
            throw RequestTimeout(operation, expected, deadline, queued: true);
        try
        {
            var pending = new HislipPendingResponse(expected, pausesReader);
            Volatile.Write(ref _pending, pending);
            try
            {
                _async!.SendLock.Wait();
                try
                {
                    _async.Send(header, payload, deadline);
                }
                finally
                {
                    _async.SendLock.Release();
                }
            }
            catch (Exception e) when (e is TimeoutException || IsConnectionFailure(e))
            {
                Interlocked.CompareExchange(ref _pending, null, pending);
                throw e is TimeoutException ? ConnectionFailure(new IOException("the request could not be sent in time"), operation) : ConnectionFailure(e, operation);
            }
            if (!pending.Wait(deadline))
            {
                if (TryAbandon(pending))
                    throw RequestTimeout(operation, expected, deadline, queued: false);
                pending.Wait(Forever); // the reader took it just now and is completing it
            }
            return Finish(pending, operation);
        }
        finally
        {
            _requestGate.Release();
        }
    }

    /// <summary>Sends a request on the asynchronous channel and waits for its response (async).</summary>
    private async Task<HislipPendingResponse> RequestAsync(HislipHeader header, ReadOnlyMemory<byte> payload, HislipMessageType expected, HislipDeadline deadline,
        string operation, CancellationToken cancellationToken, bool pausesReader = false)
    {
        ThrowIfUnusable(operation);
        if (!await _requestGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
            throw RequestTimeout(operation, expected, deadline, queued: true);
        try
        {
            var pending = new HislipPendingResponse(expected, pausesReader);
            Volatile.Write(ref _pending, pending);
            try
            {
                await _async!.SendLockedAsync(header, payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                Interlocked.CompareExchange(ref _pending, null, pending);
                throw ConnectionFailure(e, operation);
            }
            if (!await pending.WaitAsync(deadline, cancellationToken).ConfigureAwait(false))
            {
                if (TryAbandon(pending))
                    throw RequestTimeout(operation, expected, deadline, queued: false);
                await pending.WaitAsync(Forever, CancellationToken.None).ConfigureAwait(false);
            }
            return Finish(pending, operation);
        }
        finally
        {
            _requestGate.Release();
        }
    }

    private HislipPendingResponse Finish(HislipPendingResponse pending, string operation)
    {
        if (pending.Error is { } error)
        {
            if (error is VisaException visa)
                throw visa.WithContext(operation, ResourceName);
            throw IsConnectionFailure(error) ? ConnectionFailure(error, operation) : new VisaException(StatusCode.ErrorIO, error.Message, operation, ResourceName, error);
        }
        return pending;
    }

    /// <summary>Gives up on a request whose time ran out; false when its response arrived meanwhile after all.</summary>
    private bool TryAbandon(HislipPendingResponse pending)
    {
        if (Interlocked.CompareExchange(ref _pending, null, pending) != pending)
            return false;
        Interlocked.Increment(ref _abandoned[(int)pending.Expected]);
        return true;
    }

    private VisaException RequestTimeout(string operation, HislipMessageType expected, in HislipDeadline deadline, bool queued) =>
        new(StatusCode.ErrorTimeout,
            queued
                ? $"{operation} waited {deadline.TimeoutMs} ms for another request on the asynchronous channel to finish."
                : $"The instrument sent no {expected} within {deadline.TimeoutMs} ms.",
            operation, ResourceName);

    /// <summary>Before sending after an Interrupted, waits (bounded) for its AsyncInterrupted, as the rules ask.</summary>
    private void AwaitAsyncInterrupted(in HislipDeadline deadline)
    {
        while (Volatile.Read(ref _syncInterrupted) > Volatile.Read(ref _asyncInterrupted))
        {
            _asyncInterruptedSignal.Reset();
            if (Volatile.Read(ref _syncInterrupted) <= Volatile.Read(ref _asyncInterrupted))
                return;
            if (!_asyncInterruptedSignal.Wait((int)Math.Min(deadline.RemainingMs, 100)) && deadline.HasExpired)
                return;
        }
    }

    /// <summary>The asynchronous form of <see cref="AwaitAsyncInterrupted"/>: polls without holding a thread.</summary>
    private async ValueTask AwaitAsyncInterruptedAsync(HislipDeadline deadline, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _syncInterrupted) > Volatile.Read(ref _asyncInterrupted) && !deadline.HasExpired)
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
    }

    private void ResetInterruptedCounts()
    {
        _interruptWindowOpen = false;
        Volatile.Write(ref _syncInterrupted, 0);
        Volatile.Write(ref _asyncInterrupted, 0);
    }
}
