using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenVisa.Internal;

/// <summary>Reverses the byte order of every element in place (vectorised by the BCL).</summary>
internal static class EndianSwap
{
    public static void InPlace<T>(Span<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        switch (System.Runtime.CompilerServices.Unsafe.SizeOf<T>())
        {
            case 1:
                return;
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                return;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                return;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                return;
            default:
                throw new ArgumentException($"{typeof(T).Name} is not a 1, 2, 4 or 8-byte element type.", nameof(values));
        }
    }
}
