using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Hislip;

// Device clear: AsyncDeviceClear → AsyncDeviceClearAcknowledge (server's preferred features) → DeviceClearComplete on
// the synchronous channel (the features asked for) → DeviceClearAcknowledge (the features agreed). Whatever the server
// sent before the acknowledge is stale and dropped; a read blocked in another thread meets the acknowledge itself and
// gives up with VI_ERROR_ABORT. MessageIDs start again from 0xFFFFFF00.
public sealed partial class HislipClient
{
    private bool? _wantOverlapped;

    /// <summary>Clears the device, dropping pending replies and renegotiating the mode.</summary>
    public void Clear()
    {
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var acknowledge = Request(new HislipHeader(HislipMessageType.AsyncDeviceClear, 0, 0, 0), default, HislipMessageType.AsyncDeviceClearAcknowledge, deadline, "Clear");
        var request = RequestedFeatures((HislipFeatures)acknowledge.Header.ControlCode);
        _clearInProgress = true;
        _clearAcknowledged.Reset();
        try
        {
            if (!_writeGate.Wait(GateWait(deadline)))
                throw ClearTimeout(deadline);
            try
            {
                _sync.Send(new HislipHeader(HislipMessageType.DeviceClearComplete, (byte)request, 0, 0), default, deadline);
                AwaitClearAcknowledge(deadline);
                FinishClear();
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (TimeoutException)
        {
            throw ClearTimeout(deadline);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, "Clear");
        }
        finally
        {
            _clearInProgress = false;
        }
    }

    /// <summary>The asynchronous <see cref="Clear"/>.</summary>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var acknowledge = await RequestAsync(new HislipHeader(HislipMessageType.AsyncDeviceClear, 0, 0, 0), default,
            HislipMessageType.AsyncDeviceClearAcknowledge, deadline, "Clear", cancellationToken).ConfigureAwait(false);
        var request = RequestedFeatures((HislipFeatures)acknowledge.Header.ControlCode);
        _clearInProgress = true;
        _clearAcknowledged.Reset();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!deadline.IsInfinite)
            timeout.CancelAfter(deadline.Remaining);
        try
        {
            if (!await _writeGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
                throw ClearTimeout(deadline);
            try
            {
                await _sync.SendAsync(new HislipHeader(HislipMessageType.DeviceClearComplete, (byte)request, 0, 0), default, timeout.Token).ConfigureAwait(false);
                await AwaitClearAcknowledgeAsync(deadline, timeout.Token).ConfigureAwait(false);
                FinishClear();
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !IsDisposed)
        {
            throw ClearTimeout(deadline);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, "Clear");
        }
        finally
        {
            _clearInProgress = false;
        }
    }

    /// <summary>Switches between overlapped and synchronized mode; a device clear carries the request.</summary>
    public void SetOverlapped(bool overlapped)
    {
        _wantOverlapped = overlapped;
        Clear();
        if (IsOverlapped != overlapped)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedAttributeState,
                $"The instrument does not support {(overlapped ? "overlapped" : "synchronized")} mode; the session stays {(IsOverlapped ? "overlapped" : "synchronized")}.",
                "SetAttribute", ResourceName);
        }
    }

    private HislipFeatures RequestedFeatures(HislipFeatures preferred) =>
        (_wantOverlapped ?? _options.Overlapped ?? preferred.HasFlag(HislipFeatures.Overlapped)) ? HislipFeatures.Overlapped : HislipFeatures.None;

    /// <summary>Consumes the synchronous channel up to DeviceClearAcknowledge, unless a blocked read in another thread does.</summary>
    private void AwaitClearAcknowledge(in HislipDeadline deadline)
    {
        while (!_clearAcknowledged.IsSet)
        {
            if (_readGate.Wait(Math.Min(20, GateWait(deadline))))
            {
                try
                {
                    if (_clearAcknowledged.IsSet)
                        return;
                    if (_payloadRemaining > 0)
                        _sync.Skip(_payloadRemaining, deadline);
                    ResetReadState();
                    while (true)
                    {
                        var header = _sync.ReadHeader(deadline);
                        if (header.Type == HislipMessageType.DeviceClearAcknowledge)
                        {
                            _sync.Skip(header.PayloadLength, deadline);
                            _clearAgreed = (HislipFeatures)header.ControlCode;
                            return;
                        }
                        DropBeforeAcknowledge(header, deadline);
                    }
                }
                finally
                {
                    _readGate.Release();
                }
            }
            if (deadline.HasExpired)
                throw new TimeoutException();
        }
    }

    private async Task AwaitClearAcknowledgeAsync(HislipDeadline deadline, CancellationToken token)
    {
        while (!_clearAcknowledged.IsSet)
        {
            if (await _readGate.WaitAsync(Math.Min(20, GateWait(deadline)), token).ConfigureAwait(false))
            {
                try
                {
                    if (_clearAcknowledged.IsSet)
                        return;
                    if (_payloadRemaining > 0)
                        await _sync.SkipAsync(_payloadRemaining, token).ConfigureAwait(false);
                    ResetReadState();
                    while (true)
                    {
                        var header = await _sync.ReadHeaderAsync(token).ConfigureAwait(false);
                        if (header.Type == HislipMessageType.DeviceClearAcknowledge)
                        {
                            await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                            _clearAgreed = (HislipFeatures)header.ControlCode;
                            return;
                        }
                        if (header.Type == HislipMessageType.FatalError)
                            DropBeforeAcknowledge(header, Forever);
                        else
                            await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _readGate.Release();
                }
            }
            if (deadline.HasExpired)
                throw new TimeoutException();
        }
    }

    /// <summary>Drops a message that arrived before the clear's acknowledge; a FatalError still ends the session.</summary>
    private void DropBeforeAcknowledge(HislipHeader header, in HislipDeadline deadline)
    {
        if (header.Type == HislipMessageType.FatalError && header.PayloadLength <= HislipMessageRules.MaxTextLength)
        {
            var text = new byte[header.PayloadLength];
            _sync.ReadExact(text, deadline);
            ThrowIfServerError(header, text, "Clear");
        }
        _sync.Skip(header.PayloadLength, deadline);
        Logger.LogDebug("HiSLIP {Resource}: {Header} dropped by device clear", ResourceName, header);
    }

    private void FinishClear()
    {
        _nextMessageId = HislipMessageIds.Initial;
        Volatile.Write(ref _lastSentId, HislipMessageIds.BeforeFirst);
        _lastReplyRead = HislipMessageIds.Unknown;
        Volatile.Write(ref _rmtDelivered, 0);
        ResetInterruptedCounts();
        IsOverlapped = _clearAgreed.HasFlag(HislipFeatures.Overlapped);
        Logger.LogDebug("HiSLIP {Resource}: device clear complete, {Mode} mode", ResourceName, IsOverlapped ? "overlapped" : "synchronized");
    }

    private VisaException ClearTimeout(in HislipDeadline deadline) =>
        new(StatusCode.ErrorTimeout, $"The device clear did not complete within {deadline.TimeoutMs} ms (no DeviceClearAcknowledge).", "Clear", ResourceName);
}
