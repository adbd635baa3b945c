using System.Buffers;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// One reply of a served device: the device writes it through <see cref="IBufferWriter{T}"/> into pooled memory, and
/// <c>device_read</c> hands it out piece by piece without another copy. Returned to the pool once read or discarded.
/// </summary>
internal sealed class Vxi11ReplyBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public Vxi11ReplyBuffer(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Bytes written.</summary>
    public int Length => _written;

    /// <summary>Bytes already handed to the client.</summary>
    public int Consumed { get; set; }

    /// <summary>Bytes not yet handed out.</summary>
    public int Remaining => _written - Consumed;

    /// <summary>The bytes not yet handed out.</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(Consumed, Remaining);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
            throw new InvalidOperationException($"Advance({count}) goes past the {_buffer.Length - _written} bytes GetMemory/GetSpan provided.");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets the contents, keeping the memory for the next reply.</summary>
    public void Reset()
    {
        _written = 0;
        Consumed = 0;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
        _written = 0;
        Consumed = 0;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _buffer.Length)));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        var old = _buffer;
        _buffer = bigger;
        if (old.Length > 0)
            ArrayPool<byte>.Shared.Return(old);
    }
}
