using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Socket;

internal sealed partial class TcpipSocketSession
{
    /// <summary>
    /// The reused receive buffer. A read that wants less than this receives here and copies out, so a small reply costs
    /// one receive and whatever followed it waits for the next read; a larger read receives straight into the caller's
    /// buffer, so a big block is copied once, by the kernel.
    /// </summary>
    private const int ReceiveBufferSize = 64 * 1024;

    /// <summary>
    /// The longest single wait of a cancellable synchronous read (<see cref="TryReadCancellable"/>): between waits it
    /// looks at its token, so a cancellation ends it within this, on a socket that stays blocking.
    /// </summary>
    internal const int CancellationCheckMs = 100;

    /// <summary>How far the socket's receive timeout may exceed the time left before it is lowered with a setsockopt.</summary>
    private const long TimeoutSlackMs = 10;

    private byte[] _pending = [];
    private int _pendingStart;
    private int _pendingEnd;

    /// <summary>The SO_RCVTIMEO now set, in .NET's convention (0 = infinite), so it is only changed when it must be.</summary>
    private int _appliedReceiveMs;

    private int PendingCount => _pendingEnd - _pendingStart;

    /// <summary>Bytes a read could take without waiting: the pending buffer plus what the socket holds.</summary>
    internal int BytesWaiting => PendingCount + _socket.Available;

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer) => ReadGated(buffer, CancellationToken.None);

    /// <inheritdoc/>
    public override bool TryReadCancellable(Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        result = ReadGated(buffer, cancellationToken);
        return true;
    }

    /// <summary>A <c>viRead</c> under the read gate, with the session's terminations; <paramref name="cancellation"/> may end its waits.</summary>
    private ReadResult ReadGated(Span<byte> buffer, CancellationToken cancellation)
    {
        _readGate.Wait(cancellation);
        try
        {
            var result = ReadLocked(buffer, TerminationCharacterEnabled, TerminationCharacter, SuppressEndEnabled, "Read", cancellation);
            TraceRead(buffer, result);
            return result;
        }
        finally
        {
            _readGate.Release();
        }
    }

    private ReadResult ReadLocked(Span<byte> buffer, bool termEnabled, byte term, bool suppressEnd, string operation, CancellationToken cancellation = default)
    {
        ThrowIfLost(operation);
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var total = 0;
        StatusCode status;
        if (PendingCount > 0)
        {
            if (TakePending(buffer, ref total, termEnabled, term, out status))
                return new ReadResult(total, status);
            if (!suppressEnd && _socket.Available == 0)
                return new ReadResult(total, StatusCode.Success);
        }
        var timeoutMs = TimeoutMilliseconds;
        var started = Stopwatch.GetTimestamp();
        var firstReceive = true;
        while (true)
        {
            var space = buffer[total..];
            var direct = space.Length >= ReceiveBufferSize;
            var target = direct ? space : EnsurePendingCapacity(ReceiveBufferSize);
            var received = Receive(target, started, timeoutMs, buffer[..total], buffer.Length, termEnabled, term, operation, firstReceive, cancellation);
            firstReceive = false;
            NotePeerHeard(started);
            if (direct)
            {
                if (FinishDirect(space, received, ref total, termEnabled, term, out status))
                    return new ReadResult(total, status);
            }
            else
            {
                _pendingStart = 0;
                _pendingEnd = received;
                if (TakePending(buffer, ref total, termEnabled, term, out status))
                    return new ReadResult(total, status);
            }
            // With suppress-END off, a receive that did not fill its space means the peer's data ran out: that is END here.
            if (!suppressEnd && received < target.Length)
                return new ReadResult(total, StatusCode.Success);
        }
    }

    /// <summary>
    /// One blocking receive, bounded by what is left of the read's timeout; never returns 0. The first receive of a read
    /// takes the whole timeout without reading the clock again (<see cref="Stopwatch.GetTimestamp"/> costs about 50 ns on a
    /// VM, 4 % of a query's client CPU when read before every send and receive). With a <paramref name="cancellation"/>
    /// that can be cancelled, no wait is longer than <see cref="CancellationCheckMs"/>, and the token is looked at between.
    /// </summary>
    private int Receive(Span<byte> target, long started, uint timeoutMs, ReadOnlySpan<byte> soFar, int requested, bool termEnabled, byte term, string operation, bool firstReceive, CancellationToken cancellation)
    {
        var cancellable = cancellation.CanBeCanceled;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (timeoutMs == VisaTimeout.ImmediateValue)
            {
                // SO_RCVTIMEO cannot say "do not wait" (0 means forever): ask whether anything (data or EOF) is there.
                if (!_socket.Poll(0, SelectMode.SelectRead))
                    throw ReadTimeout(timeoutMs, termEnabled, term, requested, soFar, operation);
            }
            else if (timeoutMs == VisaTimeout.InfiniteValue)
            {
                ApplyReceiveTimeout(cancellable ? CancellationCheckMs : 0);
            }
            else
            {
                var remaining = firstReceive ? timeoutMs : timeoutMs - ElapsedMs(started);
                firstReceive = false;
                if (remaining <= 0)
                    throw ReadTimeout(timeoutMs, termEnabled, term, requested, soFar, operation);
                var wait = cancellable ? Math.Min(remaining, CancellationCheckMs) : remaining;
                if (_appliedReceiveMs == 0 || Math.Abs(_appliedReceiveMs - wait) > TimeoutSlackMs)
                    ApplyReceiveTimeout((int)Math.Min(wait, int.MaxValue));
            }
            int count;
            SocketError error;
            try
            {
                count = _socket.Receive(target, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                throw ClosedMeanwhile(operation);
            }
            if (error == SocketError.Success)
                return count > 0 ? count : throw PeerClosed(operation, soFar);
            // A timed-out receive goes round again: the check at the top decides whether the read's time is really up.
            if (error is not (SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted))
                throw SocketFailure(operation, error, soFar.Length);
        }
    }

    private void ApplyReceiveTimeout(int milliseconds)
    {
        if (_appliedReceiveMs == milliseconds)
            return;
        _socket.ReceiveTimeout = milliseconds;
        _appliedReceiveMs = milliseconds;
    }

    /// <summary>Accounts for <paramref name="received"/> bytes that landed in the caller's buffer at <paramref name="space"/>.</summary>
    private bool FinishDirect(Span<byte> space, int received, ref int total, bool termEnabled, byte term, out StatusCode status)
    {
        if (termEnabled)
        {
            var end = space[..received].IndexOf(term);
            if (end >= 0)
            {
                // Whatever followed the termination character belongs to the next read.
                var tail = space[(end + 1)..received];
                tail.CopyTo(EnsurePendingCapacity(tail.Length));
                _pendingStart = 0;
                _pendingEnd = tail.Length;
                total += end + 1;
                status = StatusCode.SuccessTerminationCharacterRead;
                return true;
            }
        }
        total += received;
        status = StatusCode.SuccessMaxCountRead;
        return received == space.Length; // the space was the rest of the caller's buffer
    }

    /// <summary>Moves pending bytes into the caller's buffer; true when that ended the read (termination character or full).</summary>
    private bool TakePending(Span<byte> buffer, ref int total, bool termEnabled, byte term, out StatusCode status)
    {
        var available = _pending.AsSpan(_pendingStart, Math.Min(PendingCount, buffer.Length - total));
        if (termEnabled)
        {
            var end = available.IndexOf(term);
            if (end >= 0)
            {
                available[..(end + 1)].CopyTo(buffer[total..]);
                total += end + 1;
                Consume(end + 1);
                status = StatusCode.SuccessTerminationCharacterRead;
                return true;
            }
        }
        available.CopyTo(buffer[total..]);
        total += available.Length;
        Consume(available.Length);
        status = StatusCode.SuccessMaxCountRead;
        return total == buffer.Length;
    }

    private void Consume(int count)
    {
        _pendingStart += count;
        if (_pendingStart == _pendingEnd)
            _pendingStart = _pendingEnd = 0;
    }

    private void DiscardPending() => _pendingStart = _pendingEnd = 0;

    /// <summary>The pending buffer, empty, with room for at least <paramref name="size"/> bytes.</summary>
    private Span<byte> EnsurePendingCapacity(int size)
    {
        if (_pending.Length < size)
            _pending = new byte[Math.Max(size, ReceiveBufferSize)];
        return _pending;
    }

    /// <summary>Reads and drops what has already arrived, without waiting for more.</summary>
    private void DrainReadable(string operation)
    {
        var buffer = EnsurePendingCapacity(ReceiveBufferSize);
        // Only what is there now: a peer that keeps streaming must not keep Clear busy forever.
        var left = _socket.Available;
        while (left > 0)
        {
            var count = _socket.Receive(buffer[..Math.Min(left, buffer.Length)], SocketFlags.None, out var error);
            if (error != SocketError.Success)
                throw SocketFailure(operation, error, 0);
            if (count == 0)
                break;
            left -= count;
        }
        DiscardPending();
    }

    private VisaException ReadTimeout(uint timeoutMs, bool termEnabled, byte term, int requested, ReadOnlySpan<byte> soFar, string operation) =>
        new(StatusCode.ErrorTimeout, ReadDiagnostics.Timeout(timeoutMs, termEnabled, term, requested, soFar), operation, ResourceName);

    private void TraceRead(ReadOnlySpan<byte> buffer, ReadResult result)
    {
        var logger = Opening.Library.Logger;
        if (logger.IsEnabled(LogLevel.Trace))
            logger.LogTrace("{Resource} << {Count} bytes ({Status}): {Data}", ResourceName, result.Count, result.Status, ReadDiagnostics.Preview(buffer[..result.Count]));
    }
}
