using System.Buffers.Binary;
using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// Reassembles record-marked RPC messages (RFC 5531 §11) from a TCP stream. Small records are read ahead in one
/// receive and handed out in place; large fragments are received straight into the record buffer. The state is kept
/// between calls, so a receive that timed out in the middle of a record resumes where it stopped, and the stream never
/// loses its framing.
/// </summary>
/// <remarks>
/// A record longer than the limit throws <see cref="RpcException"/> with <see cref="RpcFailure.RecordTooLarge"/>
/// before any of it is stored, and the record buffer grows only as bytes arrive, so a peer that merely claims a huge
/// fragment costs nothing. The memory returned is valid until the next receive.
/// </remarks>
internal sealed class RpcRecordReader
{
    private const int ReadAheadSize = 16 * 1024;
    private const int InitialRecordCapacity = 64 * 1024;

    private readonly int _maxRecordLength;
    private readonly byte[] _ahead = new byte[ReadAheadSize];
    private int _aheadStart;
    private int _aheadEnd;
    private byte[] _record = [];
    private int _recordLength;
    private int _fragmentRemaining = -1;
    private bool _lastFragment;

    public RpcRecordReader(int maxRecordLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordLength);
        _maxRecordLength = maxRecordLength;
    }

    /// <summary>Bytes of the current, unfinished record received so far (for messages about a peer that went away).</summary>
    public int PartialLength => _recordLength + (_fragmentRemaining < 0 ? _aheadEnd - _aheadStart : 0);

    /// <summary>Receives one whole record, blocking; the socket's receive timeout bounds each wait.</summary>
    /// <exception cref="EndOfStreamException">The peer closed the connection.</exception>
    /// <exception cref="SocketException">The receive failed or timed out (<see cref="SocketError.TimedOut"/>).</exception>
    public ReadOnlyMemory<byte> Receive(Sock socket) =>
        TryReceive(socket, out var record) ? record : throw new SocketException((int)SocketError.TimedOut);

    /// <summary>
    /// Receives one whole record, blocking; false when the socket's receive timeout ended a wait first. What arrived
    /// before that stays here, so the next call resumes the record: a caller can wait in short slices (looking at a
    /// cancellation token between them) without ever losing the stream's framing.
    /// </summary>
    /// <exception cref="EndOfStreamException">The peer closed the connection.</exception>
    /// <exception cref="SocketException">The receive failed.</exception>
    public bool TryReceive(Sock socket, out ReadOnlyMemory<byte> record)
    {
        while (true)
        {
            if (TryAdvance(out record, out var space, out var direct))
                return true;
            var count = socket.Receive(space.Span, SocketFlags.None, out var error);
            if (error is SocketError.TimedOut or SocketError.WouldBlock)
                return false;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            Received(count, direct);
        }
    }

    /// <summary>Receives one whole record without blocking a thread.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(Sock socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryAdvance(out var record, out var space, out var direct))
                return record;
            var count = await socket.ReceiveAsync(space, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            Received(count, direct);
        }
    }

    /// <summary>
    /// Completes a record from what is buffered, or says where the next bytes should go: the read-ahead buffer, or
    /// (<paramref name="direct"/>) the record buffer itself when the rest of a fragment is large.
    /// </summary>
    private bool TryAdvance(out ReadOnlyMemory<byte> record, out Memory<byte> receiveInto, out bool direct)
    {
        while (true)
        {
            if (_fragmentRemaining < 0)
            {
                if (_aheadEnd - _aheadStart < RecordMark.HeaderLength)
                {
                    CompactReadAhead();
                    receiveInto = _ahead.AsMemory(_aheadEnd);
                    direct = false;
                    record = default;
                    return false;
                }
                var (length, last) = RecordMark.Decode(BinaryPrimitives.ReadUInt32BigEndian(_ahead.AsSpan(_aheadStart)));
                if ((long)_recordLength + length > _maxRecordLength)
                {
                    throw new RpcException(RpcFailure.RecordTooLarge,
                        $"The peer sent a fragment of {length} bytes{(_recordLength > 0 ? $" after {_recordLength} bytes of the same record" : "")}; records here are limited to {_maxRecordLength} bytes.");
                }
                _aheadStart += RecordMark.HeaderLength;
                _fragmentRemaining = length;
                _lastFragment = last;
                if (last && _recordLength == 0 && _aheadEnd - _aheadStart >= length)
                {
                    // The common case: a one-fragment record already read ahead, handed out without a copy.
                    record = _ahead.AsMemory(_aheadStart, length);
                    _aheadStart += length;
                    _fragmentRemaining = -1;
                    receiveInto = default;
                    direct = false;
                    return true;
                }
            }
            var take = Math.Min(_fragmentRemaining, _aheadEnd - _aheadStart);
            if (take > 0)
            {
                EnsureRecordCapacity(_recordLength + take);
                _ahead.AsSpan(_aheadStart, take).CopyTo(_record.AsSpan(_recordLength));
                _aheadStart += take;
                _recordLength += take;
                _fragmentRemaining -= take;
            }
            if (_fragmentRemaining == 0)
            {
                _fragmentRemaining = -1;
                if (_lastFragment)
                {
                    record = _record.AsMemory(0, _recordLength);
                    _recordLength = 0;
                    receiveInto = default;
                    direct = false;
                    return true;
                }
                continue;
            }
            // The read-ahead is empty and the fragment needs more bytes.
            _aheadStart = _aheadEnd = 0;
            if (_fragmentRemaining >= ReadAheadSize / 2)
            {
                // Grow by doubling as data arrives, never to what the header merely claims.
                var target = _recordLength + (int)Math.Min(_fragmentRemaining, Math.Max(InitialRecordCapacity, (long)_record.Length));
                EnsureRecordCapacity(target);
                receiveInto = _record.AsMemory(_recordLength, Math.Min(_fragmentRemaining, _record.Length - _recordLength));
                direct = true;
            }
            else
            {
                receiveInto = _ahead;
                direct = false;
            }
            record = default;
            return false;
        }
    }

    private void Received(int count, bool direct)
    {
        if (count == 0)
        {
            var partial = PartialLength;
            throw new EndOfStreamException(partial == 0
                ? "The peer closed the connection."
                : $"The peer closed the connection after {partial} bytes of an unfinished RPC record.");
        }
        if (direct)
        {
            _recordLength += count;
            _fragmentRemaining -= count;
        }
        else
        {
            _aheadEnd += count;
        }
    }

    private void CompactReadAhead()
    {
        if (_aheadStart == 0)
            return;
        var pending = _aheadEnd - _aheadStart;
        _ahead.AsSpan(_aheadStart, pending).CopyTo(_ahead);
        _aheadStart = 0;
        _aheadEnd = pending;
    }

    private void EnsureRecordCapacity(int needed)
    {
        if (needed <= _record.Length)
            return;
        var size = (int)Math.Min(Math.Max(needed, Math.Max(InitialRecordCapacity, 2L * _record.Length)), _maxRecordLength);
        Array.Resize(ref _record, Math.Max(size, needed));
    }
}
