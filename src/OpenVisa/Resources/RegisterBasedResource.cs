namespace OpenVisa;

/// <summary>A register-based resource (VXI, PXI, memory access, backplane): reads and writes of address spaces.</summary>
public class RegisterBasedResource : Resource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal RegisterBasedResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>Reads one value of <paramref name="width"/> bits (8, 16, 32, 64).</summary>
    public ulong ReadMemory(AddressSpace space, long offset, int width) =>
        Run(nameof(ReadMemory), () => Library.In(Session, space, offset, width));

    /// <summary>Writes one value of <paramref name="width"/> bits (8, 16, 32, 64).</summary>
    public void WriteMemory(AddressSpace space, long offset, int width, ulong value) =>
        Run(nameof(WriteMemory), () => Library.Out(Session, space, offset, width, value));

    /// <summary>Reads <paramref name="count"/> values of <paramref name="width"/> bits as packed little-endian bytes.</summary>
    public byte[] MoveIn(AddressSpace space, long offset, int width, int count)
    {
        var buffer = new byte[count * (width / 8)];
        Run(nameof(MoveIn), () => Library.MoveIn(Session, space, offset, width, buffer));
        return buffer;
    }

    /// <summary>Writes values of <paramref name="width"/> bits from packed little-endian bytes.</summary>
    public void MoveOut(AddressSpace space, long offset, int width, ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        Run(nameof(MoveOut), () => Library.MoveOut(Session, space, offset, width, copy));
    }
}
