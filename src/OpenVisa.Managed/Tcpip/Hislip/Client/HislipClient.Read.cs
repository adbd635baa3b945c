using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Hislip;

// Reading the synchronous channel. The state of the message being read (how much payload is left, whether it ends in
// END, whether it is being discarded) lives in fields, so a read that times out part-way leaves the channel in step
// and the next read carries on. Step() does everything but waiting; Read and ReadAsync only receive what it asks for.
public sealed partial class HislipClient
{
    private readonly HislipTimeoutSource _readTimeout = new();
    private readonly ManualResetEventSlim _clearAcknowledged = new();
    private ulong _payloadRemaining;
    private bool _inPayload;
    private bool _payloadIsEnd;
    private bool _discarding;
    private uint _payloadId;
    private volatile bool _clearInProgress;
    private HislipFeatures _clearAgreed;

    /// <summary>Why the last reply was not handed to the reader (stale, interrupted, too large), for the timeout's hint.</summary>
    private string? _lastDiscard;

    private enum ReadNeed
    {
        Done,
        Receive,
        DirectReceive,
    }

    /// <summary>Reads into <paramref name="buffer"/> as <c>viRead</c> does: until END, the termination character (when enabled) or a full buffer.</summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorTimeout"/>, <see cref="StatusCode.ErrorConnectionLost"/>,
    /// <see cref="StatusCode.ErrorAbort"/> when a device clear from another thread abandoned the read, or the server's Error.</exception>
    public ReadResult Read(Span<byte> buffer) => Read(buffer, CancellationToken.None);

    /// <summary>
    /// <see cref="Read(Span{byte})"/> on the calling thread that <paramref name="cancellationToken"/> can end early: the
    /// waits are slices of at most 100 ms on a socket that stays blocking, with the token looked at between them. A
    /// cancelled read throws <see cref="OperationCanceledException"/> and leaves the channel in step, as a cancelled
    /// <see cref="ReadAsync"/> does: in synchronized mode the reply it gave up on is dropped as stale once the next
    /// message is sent, so the next query reads its own reply.
    /// </summary>
    /// <exception cref="VisaException">As <see cref="Read(Span{byte})"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ReadResult Read(Span<byte> buffer, CancellationToken cancellationToken)
    {
        ThrowIfUnusable("Read");
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        // The gate is almost always free: try it before reading the clock (about 50 ns on a VM) for a timed wait.
        if (!_readGate.Wait(0) && !_readGate.Wait(GateWait(deadline), cancellationToken))
            throw ReadTimeout(deadline, 0, waitedForGate: true);
        var total = 0;
        try
        {
            while (true)
            {
                switch (Step(buffer, ref total, out var status, out var direct))
                {
                    case ReadNeed.Done:
                        return new ReadResult(total, status);
                    case ReadNeed.Receive:
                        _sync.Advance(_sync.Receive(_sync.GetReceiveSpace(4096).Span, deadline, cancellationToken));
                        break;
                    default:
                        var target = buffer.Slice(total, direct);
                        var received = _sync.Receive(target, deadline, cancellationToken);
                        if (AcceptDirect(target[..received], ref total, out status))
                            return new ReadResult(total, status);
                        break;
                }
            }
        }
        catch (TimeoutException)
        {
            throw ReadTimeoutOrLocked(deadline, total);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, "Read");
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Read(Span{byte})"/>; cancelling the token abandons the wait (the channel stays in step).</summary>
    public async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable("Read");
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        if (!await _readGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
            throw ReadTimeout(deadline, 0, waitedForGate: true);
        var total = 0;
        var token = _readTimeout.Start(TimeoutMilliseconds, cancellationToken);
        try
        {
            while (true)
            {
                switch (Step(buffer.Span, ref total, out var status, out var direct))
                {
                    case ReadNeed.Done:
                        return new ReadResult(total, status);
                    case ReadNeed.Receive:
                        _sync.Advance(await _sync.ReceiveAsync(_sync.GetReceiveSpace(4096), token).ConfigureAwait(false));
                        break;
                    default:
                        var target = buffer.Slice(total, direct);
                        var received = await _sync.ReceiveAsync(target, token).ConfigureAwait(false);
                        if (AcceptDirect(target.Span[..received], ref total, out status))
                            return new ReadResult(total, status);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !IsDisposed)
        {
            throw ReadTimeoutOrLocked(deadline, total);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, "Read");
        }
        finally
        {
            _readTimeout.Stop();
            _readGate.Release();
        }
    }

    /// <summary>Advances the read as far as the buffered bytes allow; says what to receive next, or that the read is done.</summary>
    private ReadNeed Step(Span<byte> buffer, ref int total, out StatusCode status, out int direct)
    {
        status = default;
        direct = 0;
        while (true)
        {
            if (_inPayload && _payloadRemaining == 0)
            {
                _inPayload = false;
                if (_payloadIsEnd)
                {
                    MessageEnded();
                    if (!SuppressEndEnabled)
                    {
                        status = StatusCode.Success;
                        return ReadNeed.Done;
                    }
                }
            }
            if (_payloadRemaining > 0 && _discarding)
            {
                if (_sync.BufferedCount == 0)
                    return ReadNeed.Receive;
                var drop = (int)Math.Min((ulong)_sync.BufferedCount, _payloadRemaining);
                _sync.Consume(drop);
                _payloadRemaining -= (ulong)drop;
                continue;
            }
            if (_payloadRemaining > 0)
            {
                var space = buffer.Length - total;
                if (space == 0)
                {
                    status = StatusCode.SuccessMaxCountRead;
                    return ReadNeed.Done;
                }
                var want = (int)Math.Min((ulong)space, _payloadRemaining);
                if (_sync.BufferedCount == 0)
                {
                    if (want < HislipConnection.DirectReadThreshold)
                        return ReadNeed.Receive;
                    direct = want;
                    return ReadNeed.DirectReceive;
                }
                var source = _sync.Buffered[..Math.Min(want, _sync.BufferedCount)];
                var termAt = TerminationCharacterEnabled ? source.IndexOf(TerminationCharacter) : -1;
                if (termAt >= 0)
                    source = source[..(termAt + 1)];
                source.CopyTo(buffer[total..]);
                total += source.Length;
                _payloadRemaining -= (ulong)source.Length;
                _sync.Consume(source.Length);
                if (termAt >= 0)
                {
                    status = EndsMessage() ? StatusCode.Success : StatusCode.SuccessTerminationCharacterRead;
                    return ReadNeed.Done;
                }
                continue;
            }
            if (_sync.BufferedCount < HislipHeader.Size)
                return ReadNeed.Receive;
            if (!TakeHeader())
                return ReadNeed.Receive;
        }
    }

    /// <summary>Accounts for bytes a receive put straight into the caller's buffer; true when the read is done.</summary>
    private bool AcceptDirect(Span<byte> received, ref int total, out StatusCode status)
    {
        status = default;
        var used = received.Length;
        var termAt = TerminationCharacterEnabled ? received.IndexOf(TerminationCharacter) : -1;
        if (termAt >= 0)
        {
            used = termAt + 1;
            if (used < received.Length)
                _sync.PushBack(received[used..]); // payload past the termination character belongs to the next read
        }
        total += used;
        _payloadRemaining -= (ulong)used;
        if (termAt < 0)
            return false;
        status = EndsMessage() ? StatusCode.Success : StatusCode.SuccessTerminationCharacterRead;
        return true;
    }

    /// <summary>When the payload just finished is the end of a DataEnd, records the message end; true in that case.</summary>
    private bool EndsMessage()
    {
        if (_payloadRemaining != 0 || !_payloadIsEnd)
            return false;
        _inPayload = false;
        MessageEnded();
        return true;
    }

    private void MessageEnded()
    {
        _lastReplyRead = _payloadId;
        Volatile.Write(ref _rmtDelivered, 1);
    }

    /// <summary>
    /// Takes the next message header off the buffer. Data and DataEnd start a payload (read or discarded); other messages
    /// are taken whole and handled. False when a whole control message has not arrived yet.
    /// </summary>
    private bool TakeHeader()
    {
        var header = HislipHeader.Read(_sync.Buffered);
        try
        {
            HislipMessageRules.Validate(header, HislipChannelKind.Synchronous, HislipMessageRules.Sender.Client, Version, _options.MaxMessageSize);
        }
        catch (HislipProtocolException e) when (!e.IsFatal)
        {
            Logger.LogWarning("HiSLIP {Resource}: {Error}; the message is skipped", ResourceName, e.Message);
            _sync.Consume(HislipHeader.Size);
            StartPayload(header, keep: false);
            _lastDiscard = $"a {header.Type} for message 0x{header.Parameter:X8} was refused: {e.Message}" +
                (e.Code == (byte)HislipErrorCode.MessageTooLarge ? " Raise HislipClientOptions.MaxMessageSize (VI_ATTR_TCPIP_HISLIP_MAX_MESSAGE_KB)." : "");
            TellServer(e);
            return true;
        }
        if (header.Type is HislipMessageType.Data or HislipMessageType.DataEnd)
        {
            _sync.Consume(HislipHeader.Size);
            StartPayload(header, keep: AcceptsReply(header));
            return true;
        }
        var length = (int)header.PayloadLength;
        if (_sync.BufferedCount < HislipHeader.Size + length)
        {
            _sync.GetReceiveSpace(HislipHeader.Size + length - _sync.BufferedCount);
            return false;
        }
        _sync.Consume(HislipHeader.Size);
        var payload = _sync.Buffered[..length].ToArray();
        _sync.Consume(length);
        switch (header.Type)
        {
            case HislipMessageType.Interrupted:
                Interlocked.Increment(ref _syncInterrupted);
                _interruptWindowOpen = false;
                Logger.LogDebug("HiSLIP {Resource}: the server dropped the reply to 0x{Id:X8} (Interrupted)", ResourceName, header.Parameter);
                break;
            case HislipMessageType.DeviceClearAcknowledge:
                _clearAgreed = (HislipFeatures)header.ControlCode;
                ResetReadState();
                _clearAcknowledged.Set();
                if (_clearInProgress)
                {
                    throw new VisaException(StatusCode.ErrorAbort,
                        "The read was abandoned because the device was cleared (viClear) from another thread.", "Read", ResourceName);
                }
                break;
            case HislipMessageType.Error:
            case HislipMessageType.FatalError:
                ThrowIfServerError(header, payload, "Read");
                break;
            default:
                Logger.LogDebug("HiSLIP {Resource}: unexpected {Header} on the synchronous channel ignored", ResourceName, header);
                break;
        }
        return true;
    }

    private void StartPayload(HislipHeader header, bool keep)
    {
        _payloadRemaining = header.PayloadLength;
        _payloadIsEnd = header.Type == HislipMessageType.DataEnd;
        _payloadId = header.Parameter;
        _discarding = !keep;
        _inPayload = keep;
        if (!keep && header.Type is HislipMessageType.Data or HislipMessageType.DataEnd)
        {
            _lastDiscard = _interruptWindowOpen
                ? $"a reply was dropped because the server interrupted message 0x{header.Parameter:X8} (AsyncInterrupted)"
                : $"a reply to the older message 0x{header.Parameter:X8} was dropped as stale (the last message sent is 0x{_lastSentId:X8})";
            Logger.LogDebug("HiSLIP {Resource}: stale {Header} discarded (last message sent 0x{Sent:X8})", ResourceName, header, _lastSentId);
        }
    }

    /// <summary>
    /// Whether a Data/DataEnd belongs to what the application waits for: in overlapped mode every reply does; in
    /// synchronized mode only the reply to the last message sent (or one marked 0xFFFFFFFF), and nothing between an
    /// AsyncInterrupted about that message and its Interrupted. The window also closes when a new message is sent, so an
    /// AsyncInterrupted that no Interrupted follows (a server bug seen after device clears) costs at most that reply.
    /// </summary>
    private bool AcceptsReply(HislipHeader header)
    {
        if (IsOverlapped)
            return true;
        if (_interruptWindowOpen)
            return false;
        return header.Parameter == Volatile.Read(ref _lastSentId) || header.Parameter == HislipMessageIds.Unknown;
    }

    private void ResetReadState()
    {
        _payloadRemaining = 0;
        _inPayload = false;
        _payloadIsEnd = false;
        _discarding = false;
    }

    /// <summary>
    /// A read that got nothing in time: <see cref="StatusCode.ErrorResourceLocked"/> when another client's lock is what
    /// holds the reply back (a HiSLIP server keeps a locked-out client's messages until the lock is released; VXI-11
    /// says so at once), else the timeout with its hint.
    /// </summary>
    private VisaException ReadTimeoutOrLocked(in HislipDeadline deadline, int received)
    {
        if (received == 0 && LockHeldByAnother() is { } holder)
        {
            return new VisaException(StatusCode.ErrorResourceLocked,
                $"No reply within {deadline.TimeoutMs} ms: another client holds {holder} on the instrument, and the server serves this session's messages only once it is released. Lock the instrument yourself (with the shared key, if it is a shared lock) or wait for the other client.",
                "Read", ResourceName);
        }
        return ReadTimeout(deadline, received, waitedForGate: false);
    }

    /// <summary>Which lock another client holds ("an exclusive lock" …), or null when this session holds one or none is held.</summary>
    private string? LockHeldByAnother()
    {
        lock (_lockCounts)
        {
            if (_exclusiveCount > 0 || _sharedCount > 0)
                return null;
        }
        try
        {
            var (exclusive, holders) = LockInfo();
            return holders == 0 ? null : exclusive ? "an exclusive lock" : $"a shared lock ({holders} holder{(holders == 1 ? "" : "s")})";
        }
        catch (VisaException)
        {
            return null; // the question itself failed: report the timeout as it is
        }
    }

    private VisaException ReadTimeout(in HislipDeadline deadline, int received, bool waitedForGate)
    {
        var discarded = Interlocked.Exchange(ref _lastDiscard, null);
        var detail = waitedForGate
            ? $"Another read on this session held the channel for the whole timeout of {deadline.TimeoutMs} ms."
            : discarded is not null && received == 0
                ? $"No reply this read could take arrived within {deadline.TimeoutMs} ms: {discarded}."
                : received == 0
                    ? $"No reply arrived within {deadline.TimeoutMs} ms. Was the last message a query? In synchronized mode a newer write discards the reply to an older query."
                    : $"The reply stopped after {received} bytes within {deadline.TimeoutMs} ms, before END{(TerminationCharacterEnabled ? " or the termination character" : "")}.";
        return new VisaException(StatusCode.ErrorTimeout, detail, "Read", ResourceName);
    }

    /// <summary>
    /// Answers a message the rules refuse with the HiSLIP Error they name (e.g. 4, message too large), when the
    /// synchronous channel is free to send on; a write in progress is never interleaved with it.
    /// </summary>
    private void TellServer(HislipProtocolException e)
    {
        if (!_writeGate.Wait(0))
            return;
        try
        {
            var text = System.Text.Encoding.ASCII.GetBytes(e.Message);
            _sync.Send(new HislipHeader(e.ReplyType, e.Code, 0, (ulong)text.Length), text, new HislipDeadline(TimeoutMilliseconds));
        }
        catch (Exception failure) when (IsConnectionFailure(failure) || failure is TimeoutException)
        {
            Logger.LogDebug("HiSLIP {Resource}: could not send the Error for a refused message: {Error}", ResourceName, failure.Message);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static int GateWait(in HislipDeadline deadline) =>
        deadline.IsInfinite ? Timeout.Infinite : (int)Math.Min(deadline.RemainingMs, int.MaxValue);
}
