using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OpenVisa;

/// <summary>
/// Converts the data of binary blocks to and from arrays of numbers, in either byte order, without intermediate
/// buffers. Element types: <see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="ushort"/>,
/// <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="float"/> and
/// <see cref="double"/> (PyVISA's struct codes B b h H i I q Q f d); any other type throws
/// <see cref="ArgumentException"/>. Headers are handled by <see cref="BinaryBlockHeader"/>.
/// </summary>
/// <remarks>
/// Decoding copies the payload straight into the caller's span and, when the data's byte order differs from the
/// machine's, reverses each element with the vectorised <see cref="BinaryPrimitives"/> span routines. Data errors
/// throw <see cref="VisaException"/> with <see cref="StatusCode.ErrorInvalidFormat"/>.
/// </remarks>
public static partial class BinaryBlock
{
    /// <summary>
    /// Decodes <paramref name="payload"/> (the data bytes of a block, without header or terminator) into
    /// <paramref name="destination"/>, and returns the number of values written.
    /// </summary>
    /// <param name="payload">The data bytes; their count must be a whole number of elements.</param>
    /// <param name="destination">Receives the values; must hold at least <c>payload.Length / sizeof(T)</c>.</param>
    /// <param name="bigEndian">True when the data is big-endian (most significant byte first).</param>
    /// <exception cref="VisaException">The payload length is not a multiple of the element size.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not supported, or <paramref name="destination"/> is too short.</exception>
    public static int Decode<T>(ReadOnlySpan<byte> payload, Span<T> destination, bool bigEndian) where T : unmanaged
    {
        var count = CountWhole<T>(payload);
        if (destination.Length < count)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} values, but the payload has {count} "
                + $"({payload.Length} bytes of {BlockElement.Describe<T>()}).", nameof(destination));
        }
        CopyOrdered(payload, MemoryMarshal.AsBytes(destination[..count]), BlockElement.SizeOf<T>(), bigEndian);
        return count;
    }

    /// <summary>
    /// The number of <typeparamref name="T"/> values in <paramref name="dataLength"/> data bytes, for sizing the
    /// destination before the data arrives.
    /// </summary>
    /// <param name="dataLength">The data length from the block header (not -1).</param>
    /// <exception cref="VisaException">The length is not a whole number of elements, or larger than one .NET array can hold.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataLength"/> is negative.</exception>
    public static int GetElementCount<T>(long dataLength) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
        var size = BlockElement.SizeOf<T>();
        if (dataLength > BinaryBlockHeader.MaxInMemoryDataLength)
        {
            throw new VisaException(StatusCode.ErrorInvalidFormat,
                $"The block announces {dataLength} data bytes, more than the {BinaryBlockHeader.MaxInMemoryDataLength} "
                + "one .NET array can hold; read such a block in pieces.");
        }
        var count = Math.DivRem(dataLength, size, out var remainder);
        if (remainder != 0)
        {
            throw NotWholeElements<T>(dataLength, remainder, endsWithNewline: false);
        }
        return (int)count;
    }

    /// <summary>
    /// Decodes a whole block as received, header included (like PyVISA's <c>from_ieee_block</c> and its siblings).
    /// A definite block ignores bytes after its data (such as the terminator). An indefinite block (<c>#0</c>) and
    /// <see cref="BlockFormat.Empty"/> take every byte after the header, so remove the terminator first.
    /// </summary>
    /// <param name="block">The response: optional leading text, the header, the data.</param>
    /// <param name="format">The expected block format.</param>
    /// <param name="bigEndian">True when the data (and an HP length) is big-endian.</param>
    /// <param name="maxLeadingBytes">How many bytes may precede the <c>#</c>.</param>
    /// <exception cref="VisaException">Malformed or incomplete block, or a length that is not a whole number of elements.</exception>
    public static T[] DecodeBlock<T>(ReadOnlySpan<byte> block, BlockFormat format, bool bigEndian,
        int maxLeadingBytes = BinaryBlockHeader.DefaultMaxLeadingBytes) where T : unmanaged
    {
        var header = BinaryBlockHeader.Parse(block, format, bigEndian, maxLeadingBytes);
        var data = block[header.HeaderLength..];
        if (!header.IsIndefinite)
        {
            if (data.Length < header.DataLength)
            {
                var begin = block.IndexOf((byte)'#');
                throw BlockHeaderErrors.Incomplete(block[begin..header.HeaderLength], header.DataLength, data.Length);
            }
            data = data[..(int)header.DataLength];
        }
        var values = new T[CountWhole<T>(data)];
        Decode(data, values.AsSpan(), bigEndian);
        return values;
    }

    /// <summary>The number of elements in <paramref name="payload"/>; throws unless it is a whole number.</summary>
    private static int CountWhole<T>(ReadOnlySpan<byte> payload) where T : unmanaged
    {
        var count = Math.DivRem(payload.Length, BlockElement.SizeOf<T>(), out var remainder);
        return remainder == 0
            ? count
            : throw NotWholeElements<T>(payload.Length, remainder, payload.Length > 0 && payload[^1] == (byte)'\n');
    }

    /// <summary>Copies whole elements from <paramref name="source"/>, reversing each one if the byte orders differ.</summary>
    private static void CopyOrdered(ReadOnlySpan<byte> source, Span<byte> destination, int size, bool bigEndian)
    {
        if (size == 1 || bigEndian != BitConverter.IsLittleEndian)
        {
            source.CopyTo(destination);
            return;
        }
        if (!Environment.Is64BitProcess)
        {
            // 32-bit ARM may fault on misaligned wide loads; copy first, then swap in the (aligned) destination.
            source.CopyTo(destination);
            source = destination;
        }
        // Cast views may be misaligned; 64-bit targets load them fine, and the reversal is vectorised.
        switch (size)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(destination));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(destination));
                break;
            default:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(destination));
                break;
        }
    }

    private static VisaException NotWholeElements<T>(long length, long remainder, bool endsWithNewline) where T : unmanaged =>
        new(StatusCode.ErrorInvalidFormat,
            $"The block holds {length} data bytes, which is not a whole number of {BlockElement.Describe<T>()} values "
            + $"({remainder} bytes left over). Check the datatype and the instrument's data format"
            + (endsWithNewline ? "; the data ends with a newline, which may be the message terminator and should be removed." : "."));
}
