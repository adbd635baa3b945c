using System.Buffers;
using System.Runtime.InteropServices;

namespace OpenVisa;

public static partial class BinaryBlock
{
    /// <summary>Bytes reserved per step when encoding into an <see cref="IBufferWriter{T}"/>.</summary>
    private const int WriterChunk = 64 * 1024;

    /// <summary>
    /// The number of bytes <see cref="Encode{T}(ReadOnlySpan{T}, BlockFormat, bool)"/> produces for
    /// <paramref name="count"/> values: header plus data (no terminator).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The data does not fit the format (see <see cref="BinaryBlockHeader.WriteHeader"/>).</exception>
    public static long GetEncodedLength<T>(int count, BlockFormat format) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var dataLength = (long)count * BlockElement.SizeOf<T>();
        return BinaryBlockHeader.GetHeaderLength(dataLength, format) + dataLength;
    }

    /// <summary>
    /// Encodes <paramref name="values"/> as one block (header and data, no terminator) in a new array: the inverse
    /// of <see cref="DecodeBlock{T}"/>. The header follows <see cref="BinaryBlockHeader.WriteHeader"/>'s rules.
    /// </summary>
    /// <param name="values">The values to send.</param>
    /// <param name="format">The block format.</param>
    /// <param name="bigEndian">True to send the data (and an HP length) big-endian.</param>
    /// <exception cref="ArgumentOutOfRangeException">Too much data for the format, e.g. 64 KiB or more as HP.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not supported, or the block would exceed one array.</exception>
    public static byte[] Encode<T>(ReadOnlySpan<T> values, BlockFormat format, bool bigEndian) where T : unmanaged
    {
        var total = GetEncodedLength<T>(values.Length, format);
        if (total > Array.MaxLength)
        {
            throw new ArgumentException(
                $"{values.Length} values of {BlockElement.Describe<T>()} make a {total}-byte block, more than one array can hold; "
                + "use the IBufferWriter<byte> overload.", nameof(values));
        }
        var block = new byte[total];
        Encode(values, block.AsSpan(), format, bigEndian);
        return block;
    }

    /// <summary>Encodes <paramref name="values"/> as one block into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <param name="values">The values to send.</param>
    /// <param name="destination">Where to write; <see cref="GetEncodedLength{T}"/> says how much is needed.</param>
    /// <param name="format">The block format.</param>
    /// <param name="bigEndian">True to send the data (and an HP length) big-endian.</param>
    /// <exception cref="ArgumentOutOfRangeException">Too much data for the format.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not supported, or <paramref name="destination"/> is too short.</exception>
    public static int Encode<T>(ReadOnlySpan<T> values, Span<byte> destination, BlockFormat format, bool bigEndian) where T : unmanaged
    {
        var total = GetEncodedLength<T>(values.Length, format);
        if (destination.Length < total)
        {
            throw new ArgumentException(
                $"The block needs {total} bytes, but the destination holds only {destination.Length}.", nameof(destination));
        }
        var source = MemoryMarshal.AsBytes(values);
        var headerLength = BinaryBlockHeader.WriteHeader(destination, source.Length, format, bigEndian);
        CopyOrdered(source, destination.Slice(headerLength, source.Length), BlockElement.SizeOf<T>(), bigEndian);
        return (int)total;
    }

    /// <summary>
    /// Encodes <paramref name="values"/> as one block into <paramref name="writer"/>, in pieces of at most 64 KiB, and
    /// returns the bytes written. Suits pooled buffers and pipes, and blocks larger than one array.
    /// </summary>
    /// <param name="writer">Receives the header and the data.</param>
    /// <param name="values">The values to send.</param>
    /// <param name="format">The block format.</param>
    /// <param name="bigEndian">True to send the data (and an HP length) big-endian.</param>
    /// <exception cref="ArgumentOutOfRangeException">Too much data for the format.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not supported.</exception>
    public static long Encode<T>(IBufferWriter<byte> writer, ReadOnlySpan<T> values, BlockFormat format, bool bigEndian) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(writer);
        var size = BlockElement.SizeOf<T>();
        var total = GetEncodedLength<T>(values.Length, format);
        var dataLength = (long)values.Length * size;

        var headerLength = BinaryBlockHeader.WriteHeader(
            writer.GetSpan(BinaryBlockHeader.MaxHeaderLength), dataLength, format, bigEndian);
        writer.Advance(headerLength);

        // Whole elements per step; the span is walked in elements so blocks over 2 GiB never overflow an int.
        var perChunk = WriterChunk / size;
        while (!values.IsEmpty)
        {
            var take = Math.Min(values.Length, perChunk);
            var bytes = take * size;
            CopyOrdered(MemoryMarshal.AsBytes(values[..take]), writer.GetSpan(bytes)[..bytes], size, bigEndian);
            writer.Advance(bytes);
            values = values[take..];
        }
        return total;
    }

    /// <summary>
    /// Writes the data bytes of <paramref name="values"/> (no header) in the requested byte order, the inverse of
    /// <see cref="Decode{T}"/>, and returns the number of bytes written.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not supported, or <paramref name="destination"/> is too short.</exception>
    public static int EncodePayload<T>(ReadOnlySpan<T> values, Span<byte> destination, bool bigEndian) where T : unmanaged
    {
        var size = BlockElement.SizeOf<T>();
        var source = MemoryMarshal.AsBytes(values);
        if (destination.Length < source.Length)
        {
            throw new ArgumentException(
                $"The payload needs {source.Length} bytes, but the destination holds only {destination.Length}.", nameof(destination));
        }
        CopyOrdered(source, destination[..source.Length], size, bigEndian);
        return source.Length;
    }
}
