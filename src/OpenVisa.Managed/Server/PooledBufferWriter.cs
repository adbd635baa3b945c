using System.Buffers;

namespace OpenVisa.Managed.Server;

/// <summary>
/// A message or reply of a served device, written through <see cref="IBufferWriter{T}"/> into memory rented from the
/// shared pool and sent without another copy. A big reply's array goes back to the pool on <see cref="Reset"/>, so a
/// connection that served one 16 MiB block does not hold it for its lifetime, and the next block rents it again
/// instead of faulting in fresh pages.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>Above this capacity <see cref="Reset"/> returns the array to the pool and starts over small.</summary>
    public const int KeepLimit = 1024 * 1024;

    private const int InitialCapacity = 256;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
    private int _written;

    /// <summary>
    /// The most bytes this writer holds (default: no limit but the largest array); asking for more space throws
    /// <see cref="ReplyTooLargeException"/> before anything is allocated, so a device asked for a huge reply fails fast.
    /// </summary>
    public int MaxLength { get; set; } = Array.MaxLength;

    /// <summary>The part of <see cref="MaxLength"/> kept for the server's termination; the limit reported to the device's caller excludes it.</summary>
    public int Headroom { get; set; }

    /// <summary>A writer for replies of at most <paramref name="deviceBytes"/> plus the server's termination.</summary>
    public static PooledBufferWriter Limited(int deviceBytes, int terminationBytes)
    {
        var writer = new PooledBufferWriter();
        writer.Limit(deviceBytes, terminationBytes);
        return writer;
    }

    /// <summary>Sets <see cref="MaxLength"/> to a device limit plus the server's termination.</summary>
    public void Limit(int deviceBytes, int terminationBytes)
    {
        MaxLength = (int)Math.Min(Array.MaxLength, (long)deviceBytes + terminationBytes);
        Headroom = MaxLength - deviceBytes;
    }

    /// <summary>Bytes written.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Bytes already handed to the client (VXI-11 hands a reply out over several <c>device_read</c> calls).</summary>
    public int Consumed { get; set; }

    /// <summary>Bytes not yet handed out.</summary>
    public int Remaining => _written - Consumed;

    /// <summary>The bytes not yet handed out.</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(Consumed, Remaining);

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
            throw new InvalidOperationException($"Advance({count}) goes past the {_buffer.Length - _written} bytes GetMemory/GetSpan provided.");
        if ((long)_written + count > MaxLength)
            throw new ReplyTooLargeException((long)_written + count - Headroom, MaxLength - Headroom);
        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets the contents; memory above <see cref="KeepLimit"/> goes back to the pool.</summary>
    public void Reset()
    {
        _written = 0;
        Consumed = 0;
        if (_buffer.Length > KeepLimit)
            Swap(ArrayPool<byte>.Shared.Rent(InitialCapacity));
    }

    /// <inheritdoc/>
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
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed > MaxLength)
            throw new ReplyTooLargeException(needed - Headroom, MaxLength - Headroom);
        if (needed <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(MaxLength, Math.Max(needed, 2L * _buffer.Length)));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        Swap(bigger);
    }

    private void Swap(byte[] replacement)
    {
        var old = _buffer;
        _buffer = replacement;
        if (old.Length > 0)
            ArrayPool<byte>.Shared.Return(old);
    }
}
