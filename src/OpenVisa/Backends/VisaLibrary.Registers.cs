namespace OpenVisa;

/// <summary>Register-based operations (VXI, PXI, GPIB-VXI): <c>viIn*</c>, <c>viOut*</c>, <c>viMove*</c>, mapping and memory.</summary>
public abstract partial class VisaLibrary
{
    /// <summary>Reads one value of <paramref name="width"/> bits (8, 16, 32 or 64) at <paramref name="offset"/>.</summary>
    public virtual ulong In(int session, AddressSpace space, long offset, int width) => throw Unsupported("In" + width, session);

    /// <summary>Writes one value of <paramref name="width"/> bits (8, 16, 32 or 64) at <paramref name="offset"/>.</summary>
    public virtual void Out(int session, AddressSpace space, long offset, int width, ulong value) => throw Unsupported("Out" + width, session);

    /// <summary>Reads a block of values of <paramref name="width"/> bits into <paramref name="destination"/> (packed little-endian).</summary>
    public virtual void MoveIn(int session, AddressSpace space, long offset, int width, Span<byte> destination) => throw Unsupported("MoveIn" + width, session);

    /// <summary>Writes a block of values of <paramref name="width"/> bits from <paramref name="source"/> (packed little-endian).</summary>
    public virtual void MoveOut(int session, AddressSpace space, long offset, int width, ReadOnlySpan<byte> source) => throw Unsupported("MoveOut" + width, session);

    /// <summary>Moves a block between two address spaces.</summary>
    public virtual void Move(int session, AddressSpace sourceSpace, long sourceOffset, int sourceWidth, AddressSpace destinationSpace, long destinationOffset, int destinationWidth, long length) =>
        throw Unsupported(nameof(Move), session);

    /// <summary>Maps a window of an address space into this process; returns its address.</summary>
    public virtual nint MapAddress(int session, AddressSpace space, long offset, long size, bool owner, nint suggested) => throw Unsupported(nameof(MapAddress), session);

    /// <summary>Unmaps the window mapped with <see cref="MapAddress"/>.</summary>
    public virtual void UnmapAddress(int session) => throw Unsupported(nameof(UnmapAddress), session);

    /// <summary>Reads a value of <paramref name="width"/> bits from a mapped address.</summary>
    public virtual ulong Peek(int session, nint address, int width) => throw Unsupported("Peek" + width, session);

    /// <summary>Writes a value of <paramref name="width"/> bits to a mapped address.</summary>
    public virtual void Poke(int session, nint address, int width, ulong value) => throw Unsupported("Poke" + width, session);

    /// <summary>Allocates device memory; returns its offset.</summary>
    public virtual long MemoryAllocation(int session, long size) => throw Unsupported(nameof(MemoryAllocation), session);

    /// <summary>Frees memory allocated with <see cref="MemoryAllocation"/>.</summary>
    public virtual void MemoryFree(int session, long offset) => throw Unsupported(nameof(MemoryFree), session);
}
