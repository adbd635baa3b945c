using System.Buffers;

namespace OpenVisa.Server.Http;

/// <summary>
/// An instrument's reply to an HTTP request, written by the device into segments rented from the shared pool, and
/// sent from them. A 16 MiB block is neither copied as it grows (an <see cref="ArrayBufferWriter{T}"/> doubles and copies
/// to 32 MiB) nor copied again into a fresh array of its own, whose pages the kernel must fault in: a block the server
/// sends a second time lands in warm pooled memory. Disposing returns the segments.
/// </summary>
internal sealed class ReplyBuffer : IBufferWriter<byte>, IDisposable
{
    private const int FirstSegmentSize = 4096;
    private const int LargestSegmentSize = 1024 * 1024;

    private readonly List<(byte[] Array, int Count)> _segments = [];
    private byte[] _current = [];
    private int _currentCount;
    private int _nextSize = FirstSegmentSize;

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _current.Length - _currentCount)
            throw new InvalidOperationException($"Advance({count}) goes past the {_current.Length - _currentCount} bytes GetMemory/GetSpan provided.");
        _currentCount += count;
        Length += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsMemory(_currentCount);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _current.AsSpan(_currentCount);
    }

    /// <summary>The whole reply in one new array (for text replies and the few callers that keep a reply).</summary>
    public byte[] ToArray()
    {
        var copy = GC.AllocateUninitializedArray<byte>(Length);
        CopyTo(copy, 0);
        return copy;
    }

    /// <summary>Copies the bytes from <paramref name="offset"/> on into <paramref name="destination"/>, as many as fit.</summary>
    public void CopyTo(Span<byte> destination, int offset)
    {
        foreach (var piece in Pieces(offset, Math.Min(destination.Length, Length - offset)))
        {
            piece.Span.CopyTo(destination);
            destination = destination[piece.Length..];
        }
    }

    /// <summary>The bytes from <paramref name="offset"/>, <paramref name="count"/> of them, as the segments hold them.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Pieces(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)offset + count > Length)
            throw new ArgumentOutOfRangeException(nameof(count), $"{offset} + {count} goes past the reply's {Length} bytes.");
        foreach (var (array, written) in AllSegments())
        {
            if (count == 0)
                yield break;
            if (offset >= written)
            {
                offset -= written;
                continue;
            }
            var take = Math.Min(written - offset, count);
            yield return array.AsMemory(offset, take);
            offset = 0;
            count -= take;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (array, _) in _segments)
            ArrayPool<byte>.Shared.Return(array);
        _segments.Clear();
        if (_current.Length > 0)
            ArrayPool<byte>.Shared.Return(_current);
        _current = [];
        _currentCount = 0;
        Length = 0;
    }

    private IEnumerable<(byte[] Array, int Count)> AllSegments()
    {
        foreach (var segment in _segments)
            yield return segment;
        if (_currentCount > 0)
            yield return (_current, _currentCount);
    }

    private void Ensure(int sizeHint)
    {
        var wanted = Math.Max(sizeHint, 1);
        if (_current.Length - _currentCount >= wanted)
            return;
        if (_currentCount > 0)
            _segments.Add((_current, _currentCount));
        else if (_current.Length > 0)
            ArrayPool<byte>.Shared.Return(_current);
        _current = ArrayPool<byte>.Shared.Rent(Math.Max(wanted, _nextSize));
        _currentCount = 0;
        _nextSize = Math.Min(_nextSize * 2, LargestSegmentSize);
    }
}
