using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace OpenVisa.Managed.Tcpip.Socket;

internal sealed partial class TcpipSocketSession
{
    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ReadLockedAsync(buffer, TerminationCharacterEnabled, TerminationCharacter, SuppressEndEnabled, "Read", cancellationToken).ConfigureAwait(false);
            TraceRead(buffer.Span, result);
            return result;
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>
    /// The asynchronous twin of <see cref="ReadLocked"/>: same buffer rules, but each receive is a socket async call and
    /// one deadline (the session timeout, or the caller's token) bounds the whole read.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadLockedAsync(Memory<byte> buffer, bool termEnabled, byte term, bool suppressEnd, string operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var timeoutMs = TimeoutMilliseconds;
        if (timeoutMs == VisaTimeout.ImmediateValue)
            return ReadLocked(buffer.Span, termEnabled, term, suppressEnd, operation); // never waits, so never blocks
        ThrowIfLost(operation);
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var total = 0;
        StatusCode status;
        if (PendingCount > 0)
        {
            if (TakePending(buffer.Span, ref total, termEnabled, term, out status))
                return new ReadResult(total, status);
            if (!suppressEnd && _socket.Available == 0)
                return new ReadResult(total, StatusCode.Success);
        }
        var token = _readDeadline.Start(timeoutMs, cancellationToken);
        try
        {
            while (true)
            {
                var space = buffer[total..];
                var direct = space.Length >= ReceiveBufferSize;
                if (!direct)
                    EnsurePendingCapacity(ReceiveBufferSize);
                var target = direct ? space : _pending.AsMemory();
                int received;
                try
                {
                    received = await _socket.ReceiveAsync(target, SocketFlags.None, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"{operation} on {ResourceName} was cancelled; {total} bytes of the reply had arrived and are lost.", e, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw ReadTimeout(timeoutMs, termEnabled, term, buffer.Length, buffer.Span[..total], operation);
                }
                catch (SocketException e)
                {
                    throw SocketFailure(operation, e.SocketErrorCode, total);
                }
                catch (ObjectDisposedException)
                {
                    throw ClosedMeanwhile(operation);
                }
                if (received == 0)
                    throw PeerClosed(operation, buffer.Span[..total]);
                NotePeerHeard(Stopwatch.GetTimestamp());
                if (direct)
                {
                    if (FinishDirect(space.Span, received, ref total, termEnabled, term, out status))
                        return new ReadResult(total, status);
                }
                else
                {
                    _pendingStart = 0;
                    _pendingEnd = received;
                    if (TakePending(buffer.Span, ref total, termEnabled, term, out status))
                        return new ReadResult(total, status);
                }
                if (!suppressEnd && received < target.Length)
                    return new ReadResult(total, StatusCode.Success);
            }
        }
        finally
        {
            _readDeadline.Stop();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost("Write");
            var timeoutMs = TimeoutMilliseconds;
            if (timeoutMs == VisaTimeout.ImmediateValue)
                return WriteLocked(data.Span);
            ThrowIfPeerClosedBeforeWrite(Stopwatch.GetTimestamp());
            var token = _writeDeadline.Start(timeoutMs, cancellationToken);
            var sent = 0;
            try
            {
                while (sent < data.Length)
                    sent += await _socket.SendAsync(data[sent..], SocketFlags.None, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Write on {ResourceName} was cancelled after {sent} of {data.Length} bytes.", e, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw WriteTimeout(timeoutMs, sent, data.Length);
            }
            catch (SocketException e)
            {
                throw SocketFailure("Write", e.SocketErrorCode, sent);
            }
            catch (ObjectDisposedException)
            {
                throw ClosedMeanwhile("Write");
            }
            finally
            {
                _writeDeadline.Stop();
            }
            TraceWrite(data.Span);
            return sent;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
