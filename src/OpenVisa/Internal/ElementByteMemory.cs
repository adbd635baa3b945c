using System.Buffers;
using System.Runtime.InteropServices;

namespace OpenVisa.Internal;

/// <summary>
/// The bytes of an unmanaged <see cref="Memory{T}"/> of <typeparamref name="T"/> as <see cref="Memory{T}"/> of bytes, so
/// async reads can land in a caller's array of elements directly.
/// </summary>
internal sealed class ElementByteMemory<T>(Memory<T> elements) : MemoryManager<byte>
    where T : unmanaged
{
    private MemoryHandle _pin;

    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(elements.Span);

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // Pinning the elements pins their bytes; the returned handle points elementIndex bytes in.
        _pin.Dispose();
        _pin = elements.Pin();
        return new MemoryHandle((byte*)_pin.Pointer + elementIndex, default, this);
    }

    public override void Unpin() => _pin.Dispose();

    protected override void Dispose(bool disposing) => _pin.Dispose();
}
