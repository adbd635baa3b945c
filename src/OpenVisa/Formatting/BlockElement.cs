using System.Runtime.CompilerServices;

namespace OpenVisa;

/// <summary>The element types a binary block can carry, and their sizes and names for messages.</summary>
internal static class BlockElement
{
    /// <summary>The size of one <typeparamref name="T"/> in bytes; throws for types a block cannot carry.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not one of the ten supported types.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SizeOf<T>() where T : unmanaged
    {
        // These typeof tests are constants per instantiation, so the JIT keeps only the matching branch.
        if (typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte)
            || typeof(T) == typeof(short) || typeof(T) == typeof(ushort)
            || typeof(T) == typeof(int) || typeof(T) == typeof(uint)
            || typeof(T) == typeof(long) || typeof(T) == typeof(ulong)
            || typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            return Unsafe.SizeOf<T>();
        }
        throw Unsupported(typeof(T));
    }

    /// <summary>A short name for messages, e.g. <c>4-byte Single</c>.</summary>
    public static string Describe<T>() where T : unmanaged => $"{Unsafe.SizeOf<T>()}-byte {typeof(T).Name}";

    private static ArgumentException Unsupported(Type type) => new(
        $"A binary block cannot hold values of type {type.Name}: supported element types are byte, sbyte, short, ushort, "
        + "int, uint, long, ulong, float and double (PyVISA datatypes B, b, h, H, i, I, q, Q, f, d).", "T");
}
