namespace OpenVisa.Managed.Tcpip.Hislip;

// Writing the synchronous channel: a write is Data messages sized to the server's maximum, the last one DataEnd when
// END is sent; each carries the next MessageID and, once after a complete reply was read, the RMT-delivered flag.
public sealed partial class HislipClient
{
    private readonly HislipTimeoutSource _writeTimeout = new();

    /// <summary>The largest payload per message the server accepts (its maximum less a header, at least one byte).</summary>
    private int MaxPayloadToServer =>
        (int)Math.Clamp(ServerMaxMessageSize > HislipHeader.Size ? ServerMaxMessageSize - HislipHeader.Size : 1, 1, int.MaxValue);

    /// <summary>Writes all of <paramref name="data"/>; with <see cref="SendEndEnabled"/> the last message is DataEnd.</summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorTimeout"/> when another write held the channel;
    /// <see cref="StatusCode.ErrorConnectionLost"/> when the instrument stopped taking data (the stream is then out of step).</exception>
    public int Write(ReadOnlySpan<byte> data)
    {
        ThrowIfUnusable("Write");
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        // The gate is almost always free: try it before reading the clock (about 50 ns on a VM) for a timed wait.
        if (!_writeGate.Wait(0) && !_writeGate.Wait(GateWait(deadline)))
            throw WriteTimeout(deadline);
        try
        {
            AwaitAsyncInterrupted(deadline);
            var chunk = MaxPayloadToServer;
            var offset = 0;
            do
            {
                var count = Math.Min(chunk, data.Length - offset);
                var last = offset + count == data.Length;
                var type = last && SendEndEnabled ? HislipMessageType.DataEnd : HislipMessageType.Data;
                _sync.Send(NextMessage(type, (ulong)count), data.Slice(offset, count), deadline);
                offset += count;
            }
            while (offset < data.Length);
            return data.Length;
        }
        catch (Exception e) when (e is TimeoutException || IsConnectionFailure(e))
        {
            throw ConnectionFailure(e is TimeoutException ? new IOException($"the instrument took no data for {deadline.TimeoutMs} ms, part-way through a message") : e, "Write");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Write"/>.</summary>
    public async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable("Write");
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        if (!await _writeGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
            throw WriteTimeout(deadline);
        var token = _writeTimeout.Start(TimeoutMilliseconds, cancellationToken);
        try
        {
            await AwaitAsyncInterruptedAsync(deadline, cancellationToken).ConfigureAwait(false);
            var chunk = MaxPayloadToServer;
            var offset = 0;
            do
            {
                var count = Math.Min(chunk, data.Length - offset);
                var last = offset + count == data.Length;
                var type = last && SendEndEnabled ? HislipMessageType.DataEnd : HislipMessageType.Data;
                await _sync.SendAsync(NextMessage(type, (ulong)count), data.Slice(offset, count), token).ConfigureAwait(false);
                offset += count;
            }
            while (offset < data.Length);
            return data.Length;
        }
        catch (OperationCanceledException e) when (!IsDisposed)
        {
            // A send cut short leaves part of a message on the wire: the channel cannot be used after that.
            throw ConnectionFailure(new IOException(cancellationToken.IsCancellationRequested
                ? "the write was cancelled part-way through a message"
                : $"the instrument took no data for {deadline.TimeoutMs} ms, part-way through a message", e), "Write");
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, "Write");
        }
        finally
        {
            _writeTimeout.Stop();
            _writeGate.Release();
        }
    }

    /// <summary>Sends a Trigger message, in order with the data (GPIB GET).</summary>
    public void Trigger()
    {
        ThrowIfUnusable("AssertTrigger");
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        // The gate is almost always free: try it before reading the clock (about 50 ns on a VM) for a timed wait.
        if (!_writeGate.Wait(0) && !_writeGate.Wait(GateWait(deadline)))
            throw WriteTimeout(deadline);
        try
        {
            AwaitAsyncInterrupted(deadline);
            _sync.Send(NextMessage(HislipMessageType.Trigger, 0), default, deadline);
        }
        catch (Exception e) when (e is TimeoutException || IsConnectionFailure(e))
        {
            throw ConnectionFailure(e is TimeoutException ? new IOException("the instrument took no data") : e, "AssertTrigger");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Trigger"/>.</summary>
    public async ValueTask TriggerAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable("AssertTrigger");
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        if (!await _writeGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
            throw WriteTimeout(deadline);
        try
        {
            await AwaitAsyncInterruptedAsync(deadline, cancellationToken).ConfigureAwait(false);
            await _sync.SendAsync(NextMessage(HislipMessageType.Trigger, 0), default, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is OperationCanceledException)
        {
            throw ConnectionFailure(e, "AssertTrigger");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The header of the next Data, DataEnd or Trigger: the next MessageID and the RMT-delivered flag.</summary>
    private HislipHeader NextMessage(HislipMessageType type, ulong length)
    {
        var id = _nextMessageId;
        _nextMessageId = HislipMessageIds.Next(id);
        Volatile.Write(ref _lastSentId, id);
        _interruptWindowOpen = false;
        return new HislipHeader(type, TakeRmtDelivered(), id, length);
    }

    private VisaException WriteTimeout(in HislipDeadline deadline) =>
        new(StatusCode.ErrorTimeout, $"Another write on this session held the channel for the whole timeout of {deadline.TimeoutMs} ms.", "Write", ResourceName);
}
