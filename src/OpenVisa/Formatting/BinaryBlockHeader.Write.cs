using System.Buffers.Binary;

namespace OpenVisa;

public readonly partial record struct BinaryBlockHeader
{
    /// <summary>The longest header <see cref="WriteHeader"/> can produce: <c>#(</c>, 19 digits and <c>)</c>.</summary>
    public const int MaxHeaderLength = 22;

    /// <summary>The largest data length an IEEE 488.2 header can state: 15 digits (the digit count is one hex digit).</summary>
    public const long MaxIeeeDataLength = 999_999_999_999_999;

    /// <summary>The largest data length an HP header can state (16-bit length field).</summary>
    public const int MaxHpDataLength = ushort.MaxValue;

    /// <summary>
    /// The number of bytes <see cref="WriteHeader"/> writes for <paramref name="dataLength"/> in
    /// <paramref name="format"/>. See <see cref="WriteHeader"/> for the rules and errors.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The length cannot be expressed in that format.</exception>
    public static int GetHeaderLength(long dataLength, BlockFormat format)
    {
        switch (format)
        {
            case BlockFormat.Empty:
                return 0;
            case BlockFormat.HP:
                if (dataLength is < 0 or > MaxHpDataLength)
                {
                    throw new ArgumentOutOfRangeException(nameof(dataLength), dataLength, dataLength < 0
                        ? "An HP block header always states its length; it has no indefinite form."
                        : $"{dataLength} data bytes do not fit an HP block header ('#A' and a 16-bit length, at most {MaxHpDataLength} bytes); use BlockFormat.Ieee or BlockFormat.RohdeSchwarz.");
                }
                return 4;
            case BlockFormat.RohdeSchwarz:
                ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
                return 3 + CountDigits(dataLength);
            case BlockFormat.Ieee:
                if (dataLength == -1)
                {
                    return 2;
                }
                if (dataLength is < 0 or > MaxIeeeDataLength)
                {
                    throw new ArgumentOutOfRangeException(nameof(dataLength), dataLength, dataLength < 0
                        ? "The data length must be 0 or more, or -1 for an indefinite IEEE block ('#0')."
                        : $"{dataLength} needs {CountDigits(dataLength)} length digits, but an IEEE 488.2 block header holds at most 15 (the digit count is one hex digit, F); use BlockFormat.RohdeSchwarz.");
                }
                return 2 + CountDigits(dataLength);
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown block format.");
        }
    }

    /// <summary>
    /// Writes the header that announces <paramref name="dataLength"/> data bytes and returns its length. Rules (as
    /// PyVISA writes them): <see cref="BlockFormat.Ieee"/> uses the fewest digits, <c>#10</c> for no data, <c>#0</c>
    /// for <paramref name="dataLength"/> -1 (indefinite), and the digit count in hexadecimal, so 10 to 15 digits are
    /// <c>#A</c> to <c>#F</c>; 16 digits or more is an error. <see cref="BlockFormat.HP"/> writes <c>#A</c> and the
    /// length as a 16-bit integer in the data's byte order; 64 KiB or more is an error.
    /// <see cref="BlockFormat.RohdeSchwarz"/> writes <c>#(length)</c>. <see cref="BlockFormat.Empty"/> writes nothing.
    /// </summary>
    /// <param name="destination">Where to write; <see cref="MaxHeaderLength"/> bytes are always enough.</param>
    /// <param name="dataLength">The number of data bytes that will follow, or -1 for an indefinite IEEE block.</param>
    /// <param name="format">The block format.</param>
    /// <param name="bigEndian">Byte order of the data; used for the HP header's 16-bit length.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The length cannot be expressed in that format.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int WriteHeader(Span<byte> destination, long dataLength, BlockFormat format, bool bigEndian)
    {
        var length = GetHeaderLength(dataLength, format);
        if (destination.Length < length)
        {
            throw new ArgumentException(
                $"The header needs {length} bytes, but the destination holds only {destination.Length}.", nameof(destination));
        }
        switch (format)
        {
            case BlockFormat.HP:
                destination[0] = (byte)'#';
                destination[1] = (byte)'A';
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)dataLength);
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)dataLength);
                }
                break;
            case BlockFormat.RohdeSchwarz:
                destination[0] = (byte)'#';
                destination[1] = (byte)'(';
                WriteDigits(destination[2..(length - 1)], dataLength);
                destination[length - 1] = (byte)')';
                break;
            case BlockFormat.Ieee:
                destination[0] = (byte)'#';
                if (dataLength < 0)
                {
                    destination[1] = (byte)'0';
                    break;
                }
                destination[1] = (byte)"0123456789ABCDEF"[length - 2];
                WriteDigits(destination[2..length], dataLength);
                break;
        }
        return length;
    }

    private static int CountDigits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    /// <summary>Writes <paramref name="value"/> in decimal, filling <paramref name="digits"/> exactly.</summary>
    private static void WriteDigits(Span<byte> digits, long value)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
