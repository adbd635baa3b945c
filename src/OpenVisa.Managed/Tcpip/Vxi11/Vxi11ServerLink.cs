using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The server side of one VXI-11 link: the message being written, the replies waiting to be read, the device call in
/// progress, the SRQ handle, and the token an abort fires. Calls on one link arrive one at a time (the core channel
/// is sequential); the abort channel and the device's service requests come from other threads.
/// </summary>
/// <remarks>
/// A complete message (END, or a short write ending in a newline) is handed to the device at once; when the device
/// answers synchronously the write returns with the reply already queued, and a slow device runs on while the write
/// returns, so the next <c>device_read</c> waits for it (up to its I/O timeout, or until aborted). Each reply is
/// queued with a newline and END on its last byte.
/// </remarks>
internal sealed partial class Vxi11ServerLink
{
    /// <summary>The MAV bit of the status byte: a reply is waiting to be read.</summary>
    private const byte MessageAvailable = 0x10;

    private readonly Lock _gate = new();
    private readonly Queue<PooledBufferWriter> _output = new();
    private readonly ILogger _logger;
    private readonly int _maxMessageLength;
    private readonly int _maxReceiveSize;
    private CancellationTokenSource _callAbort = new();
    private CancellationTokenSource _operationCancel = new();
    private byte[] _input = new byte[256];
    private int _inputLength;
    private bool _inputHandedOff;
    private Task _operation = Task.CompletedTask;
    private PooledBufferWriter? _spare;
    private string? _failure;
    private bool _inCall;
    private bool _closed;

    public Vxi11ServerLink(int id, Vxi11ServedDevice device, Vxi11CoreConnection connection, int maxMessageLength, int maxReceiveSize, ILogger logger)
    {
        Id = id;
        Device = device;
        Connection = connection;
        _maxMessageLength = maxMessageLength;
        _maxReceiveSize = maxReceiveSize;
        _logger = logger;
    }

    public int Id { get; }

    /// <summary>The most reply bytes kept unread before <c>device_write</c> is refused (<see cref="Vxi11ServerOptions.MaxUnreadReplyBytes"/>).</summary>
    public int MaxUnreadReplyBytes { get; init; } = int.MaxValue;

    /// <summary>The longest reply the device may write for one message (<see cref="Vxi11ServerOptions.MaxReplyBytes"/>).</summary>
    public int MaxReplyBytes { get; init; } = Array.MaxLength - 1;

    public Vxi11ServedDevice Device { get; }

    public Vxi11CoreConnection Connection { get; }

    /// <summary>Who holds the link, for the server's <see cref="Vxi11ServerOptions.Clients"/>; null when nobody observes.</summary>
    public ServedClient? Client { get; set; }

    /// <summary>The handle <c>device_enable_srq</c> gave, or null while service requests are off.</summary>
    public byte[]? SrqHandle { get; set; }

    // ---- abort ---------------------------------------------------------------------------------------

    /// <summary>Marks a core call in progress and returns the token an abort (or the link's end) fires.</summary>
    public CancellationToken BeginCall()
    {
        lock (_gate)
        {
            if (_callAbort.IsCancellationRequested && !_closed && !_callAbort.TryReset())
                _callAbort = new CancellationTokenSource();
            _inCall = true;
            return _callAbort.Token;
        }
    }

    public void EndCall()
    {
        lock (_gate)
            _inCall = false;
    }

    /// <summary><c>device_abort</c>: ends the wait of the call in progress, if any.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (_inCall)
                _callAbort.Cancel();
        }
    }

    // ---- write, read -------------------------------------------------------------------------------------

    /// <summary><c>device_write</c>: appends to the message; a complete message goes to the device.</summary>
    public async ValueTask<Vxi11ErrorCode> WriteAsync(ReadOnlyMemory<byte> data, bool end, uint ioTimeoutMs, CancellationToken abort)
    {
        if (!_operation.IsCompleted)
        {
            // The device is still busy with the previous message, as an instrument's parser would be.
            try
            {
                await _operation.WaitAsync(ToTimeSpan(ioTimeoutMs), abort).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Vxi11ErrorCode.IOTimeout;
            }
        }
        if (_inputHandedOff)
        {
            _inputLength = 0;
            _inputHandedOff = false;
        }
        if (UnreadReplyBytes() is var unread && unread >= MaxUnreadReplyBytes)
        {
            _logger.LogWarning("VXI-11 link {Link}: {Unread} bytes of replies are unread (limit {Limit}); device_write refused until they are read",
                Id, unread, MaxUnreadReplyBytes);
            return Vxi11ErrorCode.OutOfResources;
        }
        if ((long)_inputLength + data.Length > _maxMessageLength)
        {
            _logger.LogWarning("VXI-11 link {Link}: a message grew past {Limit} bytes without END; discarded", Id, _maxMessageLength);
            _inputLength = 0;
            return Vxi11ErrorCode.OutOfResources;
        }
        if (_input.Length < _inputLength + data.Length)
            Array.Resize(ref _input, (int)Math.Min(Array.MaxLength, Math.Max(_inputLength + data.Length, 2L * _input.Length)));
        data.Span.CopyTo(_input.AsSpan(_inputLength));
        _inputLength += data.Length;
        // IEEE 488.2 also ends a message at a newline; a client that splits a long write sends full chunks until the last.
        var complete = end || (data.Length < _maxReceiveSize && data.Span.EndsWith("\n"u8));
        if (complete)
        {
            _inputHandedOff = true;
            _operation = RunAsync(Trim(_input.AsMemory(0, _inputLength)), _operationCancel.Token, abort);
        }
        return Vxi11ErrorCode.NoError;
    }

    /// <summary>
    /// <c>device_read</c>: writes a whole Device_ReadResp (error, reason, data) into <paramref name="results"/>,
    /// waiting up to the I/O timeout for a reply.
    /// </summary>
    public async ValueTask ReadAsync(uint requestSize, uint ioTimeoutMs, bool termCharSet, byte termChar, XdrWriter results, CancellationToken abort)
    {
        var deadline = Deadline(ioTimeoutMs);
        while (true)
        {
            // Whether the device call had finished is read before the queue is looked at: a call that finishes in
            // between queues its reply after TryTake looked, and must not be taken for "nothing is coming".
            var operation = _operation;
            var finished = operation.IsCompleted;
            if (TryTake(requestSize, termCharSet, termChar, results))
                return;
            var remaining = Remaining(deadline);
            try
            {
                if (!finished)
                {
                    await operation.WaitAsync(remaining, abort).ConfigureAwait(false);
                    continue;
                }
                if (Interlocked.Exchange(ref _failure, null) is not null)
                {
                    WriteReadReply(results, Vxi11ErrorCode.IOError, Vxi11ReadReason.None, []);
                    return;
                }
                // Nothing is coming: wait out the timeout as an instrument with an empty output queue does.
                if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
                    throw new TimeoutException();
                await Task.Delay(remaining, abort).ConfigureAwait(false);
                throw new TimeoutException();
            }
            catch (TimeoutException)
            {
                WriteReadReply(results, Vxi11ErrorCode.IOTimeout, Vxi11ReadReason.None, []);
                return;
            }
        }
    }

    // ---- the device call ---------------------------------------------------------------------------------------

    /// <summary>How long a connection's thread waits in place for the device's call gate before leaving the call to run when it frees.</summary>
    private static readonly TimeSpan InPlaceGateWait = TimeSpan.FromMilliseconds(50);

    private async Task RunAsync(ReadOnlyMemory<byte> message, CancellationToken cancel, CancellationToken abort)
    {
        var reply = Interlocked.Exchange(ref _spare, null) ?? PooledBufferWriter.Limited(MaxReplyBytes, 1);
        var hasReply = false;
        var gate = Device.CallGate;
        if (!TryEnterInPlace(gate, abort))
        {
            try
            {
                await gate.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Recycle(reply);
                return;
            }
        }
        try
        {
            ValueTask<bool> pending;
            using (ServedClient.Calling(Client))
                pending = Device.Device.HandleMessageAsync(message, reply, cancel);
            hasReply = await pending.ConfigureAwait(false);
        }
        catch (MessageDeviceDisconnectException e)
        {
            _logger.LogInformation("Device {Device} dropped VXI-11 client {Peer}: {Reason}", Device.Name, Connection.Peer, e.Message);
            hasReply = false;
            Connection.Drop();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            hasReply = false;
        }
        catch (Exception e)
        {
            var text = Vxi11Diagnostics.Preview(message.Span);
            _logger.LogError(e, "Device {Device} failed on a message from VXI-11 client {Peer} ({Message})", Device.Name, Connection.Peer, text);
            Volatile.Write(ref _failure, $"the device failed on \"{text}\": {e.Message}");
            hasReply = false;
        }
        finally
        {
            gate.Release();
        }
        if (!hasReply || cancel.IsCancellationRequested)
        {
            Recycle(reply);
            return;
        }
        "\n"u8.CopyTo(reply.GetSpan(1));
        reply.Advance(1);
        lock (_gate)
        {
            if (_closed)
            {
                reply.Dispose();
                return;
            }
            _output.Enqueue(reply);
        }
    }

    /// <summary>
    /// Takes the device's call gate at once when it is free. When another link's call holds it, a connection's own
    /// thread (never a pool thread) waits for it in place, briefly: handing the call to a pool thread to wait a few
    /// microseconds for the gate, and the read to wait for that thread, gave 64 clients a p99 of 12 to 20 ms instead of
    /// 3. A device busy for longer (or an abort) ends the wait: the write returns, the call runs when the gate frees,
    /// and the read waits for it, as before.
    /// </summary>
    private static bool TryEnterInPlace(SemaphoreSlim gate, CancellationToken abort)
    {
        if (gate.Wait(0, CancellationToken.None))
            return true;
        if (Thread.CurrentThread.IsThreadPoolThread)
            return false;
        try
        {
            return gate.Wait(InPlaceGateWait, abort);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private long UnreadReplyBytes()
    {
        lock (_gate)
        {
            long total = 0;
            foreach (var reply in _output)
                total += reply.Remaining;
            return total;
        }
    }

    /// <summary>Takes up to <paramref name="requestSize"/> bytes of the first reply into a Device_ReadResp; false when nothing is queued.</summary>
    private bool TryTake(uint requestSize, bool termCharSet, byte termChar, XdrWriter results)
    {
        lock (_gate)
        {
            if (!_output.TryPeek(out var head))
                return false;
            var unread = head.Unread;
            var count = (int)Math.Min(requestSize, (uint)unread.Length);
            var reason = Vxi11ReadReason.None;
            if (termCharSet)
            {
                var at = unread[..count].IndexOf(termChar);
                if (at >= 0)
                {
                    count = at + 1;
                    reason |= Vxi11ReadReason.TermChar;
                }
            }
            if (count == requestSize)
                reason |= Vxi11ReadReason.RequestCount;
            if (count == unread.Length)
                reason |= Vxi11ReadReason.End;
            WriteReadReply(results, Vxi11ErrorCode.NoError, reason, unread[..count]);
            head.Consumed += count;
            if (head.Remaining == 0)
            {
                _output.Dequeue();
                Recycle(head);
            }
            return true;
        }
    }

    private static void WriteReadReply(XdrWriter results, Vxi11ErrorCode error, Vxi11ReadReason reason, ReadOnlySpan<byte> data)
    {
        results.WriteUInt32((uint)error);
        results.WriteUInt32((uint)reason);
        results.WriteOpaque(data);
    }

    private Task<bool> EnterDeviceAsync(uint ioTimeoutMs, CancellationToken abort) => Device.CallGate.WaitAsync(ToTimeSpan(ioTimeoutMs), abort);

    private async ValueTask CancelOperationAsync()
    {
        var operation = _operation;
        if (!operation.IsCompleted)
        {
            await _operationCancel.CancelAsync().ConfigureAwait(false);
            try
            {
                // A device that ignores cancellation is left to finish on its own; its reply is dropped.
                await operation.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Device {Device} did not stop within 5 s of a device clear", Device.Name);
            }
        }
        if (_operationCancel.IsCancellationRequested && !_operationCancel.TryReset())
            _operationCancel = new CancellationTokenSource();
    }

    private void DiscardBuffers()
    {
        lock (_gate)
        {
            while (_output.TryDequeue(out var reply))
                Recycle(reply);
        }
        _inputLength = 0;
        _inputHandedOff = false;
        Volatile.Write(ref _failure, null);
    }

    private void Recycle(PooledBufferWriter reply)
    {
        // One spare is kept so a query-per-call client allocates nothing; Reset gives a big reply's array back to the pool.
        if (!_closed)
        {
            reply.Reset();
            if (Interlocked.CompareExchange(ref _spare, reply, null) is null)
                return;
        }
        reply.Dispose();
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var length = span.Length;
        if (length > 0 && span[length - 1] == (byte)'\n')
            length--;
        if (length > 0 && span[length - 1] == (byte)'\r')
            length--;
        return message[..length];
    }

    private static TimeSpan ToTimeSpan(uint milliseconds) =>
        milliseconds >= Vxi11Protocol.InfiniteTimeout ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);

    private static long Deadline(uint milliseconds) =>
        milliseconds >= Vxi11Protocol.InfiniteTimeout ? long.MaxValue : Environment.TickCount64 + milliseconds;

    private static TimeSpan Remaining(long deadline) =>
        deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));

    /// <summary>For logs: the device name and link id.</summary>
    public override string ToString() => $"{Device.Name} link {Id}";
}
