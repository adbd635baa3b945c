using System.Buffers;
using System.Runtime.InteropServices;

namespace OpenVisa.Internal;

/// <summary>The bytes of an unmanaged <typeparamref name="T"/>[] as <see cref="Memory{T}"/>, so async reads can land in it directly.</summary>
internal sealed class ArrayByteMemory<T>(T[] array) : MemoryManager<byte>
    where T : unmanaged
{
    private GCHandle _handle;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if (!_handle.IsAllocated)
            _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        var start = (byte*)_handle.AddrOfPinnedObject() + elementIndex;
        return new MemoryHandle(start, default, this);
    }

    public override void Unpin()
    {
        if (_handle.IsAllocated)
            _handle.Free();
    }

    protected override void Dispose(bool disposing) => Unpin();
}
