using System.Diagnostics;
using System.IO.Ports;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Serial;

internal sealed partial class SerialSession
{
    /// <summary><c>VI_ASRL_END_LAST_BIT</c>.</summary>
    private const ushort EndLastBit = 1;

    /// <summary><c>VI_ASRL_END_TERMCHAR</c>.</summary>
    private const ushort EndTermChar = 2;

    /// <summary><c>VI_ASRL_END_BREAK</c> (writes only).</summary>
    private const ushort EndOutBreak = 3;

    /// <summary>Receives land here first: a serial driver hands over what it has, which may run past the end of a message.</summary>
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly byte[] _pending = new byte[ReceiveBufferSize];
    private int _pendingStart;
    private int _pendingEnd;
    private int _appliedReadTimeout = int.MinValue;

    private int PendingCount => _pendingEnd - _pendingStart;

    /// <summary>Bytes a read could take without waiting: the pending buffer plus what the driver holds.</summary>
    internal int BytesWaiting => PendingCount + (_port.IsOpen ? _port.BytesToRead : 0);

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        _readGate.Wait();
        try
        {
            var result = ReadLocked(buffer, "Read");
            TraceRead(buffer, result);
            return result;
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ReadLockedAsync(buffer, cancellationToken).ConfigureAwait(false);
            TraceRead(buffer.Span, result);
            return result;
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>What ends a read, taken from the attributes once per read.</summary>
    private readonly record struct ReadEnd(bool EndOnTermChar, bool EndOnLastBit, byte LastBitMask, bool TermCharEnabled, byte TermChar)
    {
        public bool WatchesTermChar => EndOnTermChar || TermCharEnabled;
    }

    private ReadEnd CurrentReadEnd(byte? termOverride)
    {
        if (termOverride is { } term)
            return new ReadEnd(true, false, 0, false, term);
        var suppress = SuppressEndEnabled;
        var endIn = Attributes.AsrlEndIn;
        var dataBits = Volatile.Read(ref _dataBits);
        return new ReadEnd(!suppress && endIn == EndTermChar, !suppress && endIn == EndLastBit, (byte)(1 << (dataBits - 1)),
            TerminationCharacterEnabled, TerminationCharacter);
    }

    private ReadResult ReadLocked(Span<byte> buffer, string operation, byte? termOverride = null)
    {
        ThrowIfLost(operation);
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var end = CurrentReadEnd(termOverride);
        var timeoutMs = TimeoutMilliseconds;
        var started = Stopwatch.GetTimestamp();
        var total = 0;
        while (true)
        {
            if (PendingCount > 0 && TakePending(buffer, ref total, end, out var status))
                return new ReadResult(total, status);
            if (buffer.Length - total < DirectReadMinimum)
            {
                _pendingEnd = Receive(_pending, started, timeoutMs, buffer[..total], buffer.Length, end, operation);
                _pendingStart = 0;
                continue;
            }
            // A large read (a block's payload) receives straight into the caller's buffer, as a plain read of the device
            // would, instead of into the pending buffer and then copied out. Whatever arrived past the message's end goes
            // back to the pending buffer for the next read; the target is never larger than that buffer, so it fits.
            var target = buffer.Slice(total, Math.Min(buffer.Length - total, _pending.Length));
            var count = Receive(target, started, timeoutMs, buffer[..total], buffer.Length, end, operation);
            var stop = FindEnd(target[..count], end, out status);
            if (stop >= 0)
            {
                target[(stop + 1)..count].CopyTo(_pending);
                _pendingStart = 0;
                _pendingEnd = count - stop - 1;
                return new ReadResult(total + stop + 1, status);
            }
            total += count;
            if (total == buffer.Length)
                return new ReadResult(total, StatusCode.SuccessMaxCountRead);
        }
    }

    /// <summary>Reads of at least this many bytes receive straight into the caller's buffer (see <see cref="ReadLocked"/>).</summary>
    private const int DirectReadMinimum = 4096;

    /// <summary>
    /// One receive into <paramref name="target"/>, bounded by what is left of the read's timeout; returns the count
    /// received (NULs dropped when <c>VI_ATTR_ASRL_DISCARD_NULL</c> asks), never 0.
    /// </summary>
    private int Receive(Span<byte> target, long started, uint timeoutMs, ReadOnlySpan<byte> soFar, int requested, ReadEnd end, string operation)
    {
        while (true)
        {
            int wait;
            if (timeoutMs == VisaTimeout.InfiniteValue)
            {
                wait = SerialPort.InfiniteTimeout;
            }
            else
            {
                var remaining = timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (remaining <= 0 && timeoutMs != VisaTimeout.ImmediateValue)
                    throw ReadTimeout(timeoutMs, end, requested, soFar, operation);
                wait = (int)Math.Clamp(remaining, 0, int.MaxValue);
            }
            int count;
            try
            {
                if (_tty is not null)
                {
                    count = _tty.Read(target, wait);
                    if (count == 0 && timeoutMs == VisaTimeout.ImmediateValue)
                        throw ReadTimeout(timeoutMs, end, requested, soFar, operation);
                    if (Kept(target, count) is > 0 and var kept)
                        return kept;
                    continue; // nothing in time (or only NULs): the check at the top decides
                }
                if (_appliedReadTimeout != wait)
                {
                    _port.ReadTimeout = wait;
                    _appliedReadTimeout = wait;
                }
                count = _stream.Read(target);
            }
            catch (TimeoutException)
            {
                if (timeoutMs == VisaTimeout.ImmediateValue)
                    throw ReadTimeout(timeoutMs, end, requested, soFar, operation);
                continue; // the check at the top decides whether the read's time is really up
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                throw PortFailure(operation, e, soFar.Length);
            }
            if (Kept(target, count) is > 0 and var received)
                return received;
        }
    }

    /// <summary>The count of <paramref name="count"/> bytes received at the start of <paramref name="target"/> that remain once NULs are dropped (<c>VI_ATTR_ASRL_DISCARD_NULL</c>).</summary>
    private int Kept(Span<byte> target, int count)
    {
        if (count <= 0)
            return 0;
        return Volatile.Read(ref _discardNull) ? DropNulls(target[..count]) : count;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadLockedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        const string Operation = "Read";
        var timeoutMs = TimeoutMilliseconds;
        if (timeoutMs == VisaTimeout.ImmediateValue)
            return ReadLocked(buffer.Span, Operation); // never waits, so never blocks
        ThrowIfLost(Operation);
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var end = CurrentReadEnd(null);
        var total = 0;
        if (PendingCount > 0 && TakePending(buffer.Span, ref total, end, out var status))
            return new ReadResult(total, status);
        var token = _readDeadline.Start(timeoutMs, cancellationToken);
        try
        {
            while (true)
            {
                int count;
                try
                {
                    count = await _stream.ReadAsync(_pending.AsMemory(), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"{Operation} on {ResourceName} was cancelled; {total} bytes of the reply had arrived and are lost.", e, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw ReadTimeout(timeoutMs, end, buffer.Length, buffer.Span[..total], Operation);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    throw PortFailure(Operation, e, total);
                }
                if (Received(count) && TakePending(buffer.Span, ref total, end, out status))
                    return new ReadResult(total, status);
            }
        }
        finally
        {
            _readDeadline.Stop();
        }
    }

    /// <summary>Accounts for <paramref name="count"/> bytes received at the start of the pending buffer; false when none remain (all NULs dropped).</summary>
    private bool Received(int count)
    {
        if (count <= 0)
            return false;
        if (Volatile.Read(ref _discardNull))
            count = DropNulls(_pending.AsSpan(0, count));
        _pendingStart = 0;
        _pendingEnd = count;
        return count > 0;
    }

    /// <summary>Removes NUL bytes in place (<c>VI_ATTR_ASRL_DISCARD_NULL</c>); returns the count left.</summary>
    private static int DropNulls(Span<byte> data)
    {
        var kept = 0;
        foreach (var b in data)
        {
            if (b != 0)
                data[kept++] = b;
        }
        return kept;
    }

    /// <summary>Moves pending bytes into the caller's buffer; true when that ended the read.</summary>
    private bool TakePending(Span<byte> buffer, ref int total, ReadEnd end, out StatusCode status)
    {
        var available = _pending.AsSpan(_pendingStart, Math.Min(PendingCount, buffer.Length - total));
        var stop = FindEnd(available, end, out status);
        var take = stop >= 0 ? stop + 1 : available.Length;
        available[..take].CopyTo(buffer[total..]);
        total += take;
        _pendingStart += take;
        if (_pendingStart == _pendingEnd)
            DiscardPending();
        return stop >= 0 || total == buffer.Length;
    }

    /// <summary>Where in <paramref name="available"/> the message ends (its last byte), with the status that ending gives; -1 when it does not end there.</summary>
    private static int FindEnd(ReadOnlySpan<byte> available, ReadEnd end, out StatusCode status)
    {
        var stop = -1;
        status = StatusCode.SuccessMaxCountRead;
        if (end.WatchesTermChar)
        {
            stop = available.IndexOf(end.TermChar);
            // Reported as the termination character, not as END, whether VI_ATTR_ASRL_END_IN or VI_ATTR_TERMCHAR_EN asked
            // for it (as NI-VISA does): a 0x0A inside a binary block is data, and callers reading a block by count go on.
            if (stop >= 0)
                status = StatusCode.SuccessTerminationCharacterRead;
        }
        if (end.EndOnLastBit)
        {
            var last = IndexOfLastBit(stop >= 0 ? available[..stop] : available, end.LastBitMask);
            if (last >= 0)
            {
                stop = last;
                status = StatusCode.Success;
            }
        }
        return stop;
    }

    private static int IndexOfLastBit(ReadOnlySpan<byte> data, byte mask)
    {
        if (mask == 0x80)
            return data.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        for (var i = 0; i < data.Length; i++)
        {
            if ((data[i] & mask) != 0)
                return i;
        }
        return -1;
    }

    private void DiscardPending() => _pendingStart = _pendingEnd = 0;

    private VisaException ReadTimeout(uint timeoutMs, ReadEnd end, int requested, ReadOnlySpan<byte> received, string operation)
    {
        var detail = ReadDiagnostics.Timeout(timeoutMs, end.WatchesTermChar, end.TermChar, requested, received);
        return new VisaException(StatusCode.ErrorTimeout,
            $"{detail} (serial port {Device} at {_port.BaudRate} baud; a wrong baud rate or framing shows as garbage or silence)", operation, ResourceName);
    }

    private void TraceRead(ReadOnlySpan<byte> buffer, ReadResult result)
    {
        if (Logger.IsEnabled(LogLevel.Trace))
            Logger.LogTrace("{Resource} read {Count} bytes ({Status}): {Data}", ResourceName, result.Count, result.Status, ReadDiagnostics.Preview(buffer[..result.Count]));
    }
}
