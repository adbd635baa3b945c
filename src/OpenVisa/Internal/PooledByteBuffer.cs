using System.Buffers;

namespace OpenVisa.Internal;

/// <summary>A growable byte buffer rented from the shared pool, for messages longer than one read chunk.</summary>
internal struct PooledByteBuffer : IDisposable
{
    private byte[]? _array;
    private int _length;

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _array.AsSpan(0, _length);

    /// <summary>A span of at least <paramref name="sizeHint"/> free bytes to read into; call <see cref="Advance"/> after.</summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    public void Advance(int count) => _length += count;

    public void Append(ReadOnlySpan<byte> data)
    {
        Ensure(data.Length);
        data.CopyTo(_array.AsSpan(_length));
        _length += data.Length;
    }

    public readonly byte[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        if (_array is not null)
            ArrayPool<byte>.Shared.Return(_array);
        _array = null;
        _length = 0;
    }

    private void Ensure(int extra)
    {
        if (_array is not null && _array.Length - _length >= extra)
            return;
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_length + extra, Math.Max(4096, (_array?.Length ?? 0) * 2)));
        if (_array is not null)
        {
            _array.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_array);
        }
        _array = grown;
    }
}
