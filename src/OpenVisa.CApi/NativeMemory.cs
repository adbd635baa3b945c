using System.Buffers;

namespace OpenVisa.CApi;

/// <summary>
/// A C caller's buffer as <see cref="Memory{T}"/>, so a read can go to the backend's cancellable asynchronous form
/// straight into the caller's memory (no copy). Valid only while the C call that gave the pointer runs.
/// </summary>
internal sealed unsafe class NativeMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
