namespace OpenVisa.Managed.Tcpip.Vxi11;

// Read-ahead: a device_read asks for at least ReadAheadSize bytes, so a large reply read in small VISA chunks costs
// one round trip per ReadAheadSize instead of one per chunk; what does not fit the caller's buffer waits here.
internal sealed partial class Vxi11Client
{
    /// <summary>The least a <c>device_read</c> asks for, whatever the caller's buffer.</summary>
    public const int ReadAheadSize = 1024 * 1024;

    private byte[] _pending = [];
    private int _pendingStart;
    private int _pendingEnd;
    private Vxi11ReadReason _pendingReason;

    /// <summary>Bytes read ahead from the instrument and not yet handed to a caller.</summary>
    public int PendingCount => _pendingEnd - _pendingStart;

    /// <summary>Drops data read ahead (device clear, a flush of the read buffer).</summary>
    public void DiscardReadAhead()
    {
        _pendingStart = _pendingEnd = 0;
        _pendingReason = Vxi11ReadReason.None;
    }

    /// <summary>
    /// Serves a read from data read ahead; returns the result when that ended the read (termination character, END,
    /// full buffer), null when the read must go on to the instrument.
    /// </summary>
    private ReadResult? TakePending(Span<byte> buffer, ref int total, bool termCharEnabled, byte termChar, bool suppressEnd)
    {
        if (PendingCount == 0)
            return null;
        var available = _pending.AsSpan(_pendingStart, Math.Min(PendingCount, buffer.Length - total));
        if (termCharEnabled)
        {
            var at = available.IndexOf(termChar);
            if (at >= 0)
            {
                available[..(at + 1)].CopyTo(buffer[total..]);
                total += at + 1;
                Consume(at + 1);
                return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
            }
        }
        available.CopyTo(buffer[total..]);
        total += available.Length;
        Consume(available.Length);
        if (PendingCount == 0)
        {
            var reason = _pendingReason;
            DiscardReadAhead();
            if (termCharEnabled && (reason & Vxi11ReadReason.TermChar) != 0)
                return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
            if (!suppressEnd && (reason & Vxi11ReadReason.End) != 0)
                return new ReadResult(total, StatusCode.Success);
        }
        return total == buffer.Length ? new ReadResult(total, StatusCode.SuccessMaxCountRead) : null;
    }

    /// <summary>
    /// Hands a <c>device_read</c>'s data to the caller; what does not fit is kept for the next read. Returns the reason
    /// that applies to what the caller got: the instrument's, or none when the caller's buffer filled first.
    /// </summary>
    private Vxi11ReadReason Deliver(ReadOnlySpan<byte> data, Vxi11ReadReason reason, Span<byte> buffer, ref int total)
    {
        var space = buffer.Length - total;
        if (data.Length <= space)
        {
            data.CopyTo(buffer[total..]);
            total += data.Length;
            return reason;
        }
        data[..space].CopyTo(buffer[total..]);
        total += space;
        var rest = data[space..];
        if (_pending.Length < rest.Length)
            _pending = new byte[Math.Max(rest.Length, Math.Min(2 * _pending.Length, ReadAheadSize))];
        rest.CopyTo(_pending);
        _pendingStart = 0;
        _pendingEnd = rest.Length;
        _pendingReason = reason;
        return Vxi11ReadReason.None;
    }

    /// <summary>How much a <c>device_read</c> asks for when the caller has room for <paramref name="space"/> bytes.</summary>
    private static uint RequestSize(int space) => (uint)Math.Max(space, ReadAheadSize);

    private void Consume(int count)
    {
        _pendingStart += count;
        if (_pendingStart == _pendingEnd)
            _pendingStart = _pendingEnd = 0;
    }
}
