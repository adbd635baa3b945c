using System.Buffers.Binary;

namespace OpenVisa;

/// <summary>
/// The header of a binary block: where the data starts and how many data bytes follow. The static methods
/// parse headers (<see cref="TryParseHeader"/>, <see cref="Parse"/>) and write them (<see cref="WriteHeader"/>).
/// </summary>
/// <remarks>
/// <para>Parsing rules, shared by every format except <see cref="BlockFormat.Empty"/>:</para>
/// <list type="bullet">
/// <item>The block starts at the first <c>#</c>. Up to <c>maxLeadingBytes</c> bytes (default 25) may come before it,
/// because instruments often echo the command or a keyword first (<c>:WAV:DATA #41000…</c>); PyVISA's default
/// is the same. A <c>#</c> further in, or none within that many bytes, is an error, since the response is then
/// almost certainly not a block (ASCII data, an error message, or a wrong <c>FORMat</c>).</item>
/// <item><see cref="BlockFormat.Ieee"/>: <c>#0</c> is indefinite (data length -1, the data runs to the end of the
/// message); otherwise the digit after <c>#</c> is read in hexadecimal as PyVISA does (<c>1</c>–<c>9</c>,
/// <c>A</c>–<c>F</c>) and gives the number of decimal length digits that follow. <c>#10</c> is a valid empty
/// block. Since <c>#A</c> is also how HP blocks start, a <c>#A</c> not followed by ten decimal digits is reported
/// as a probable HP block.</item>
/// <item><see cref="BlockFormat.HP"/>: <c>#A</c> then a 16-bit length in the byte order given by <c>bigEndian</c>
/// (the order of the data).</item>
/// <item><see cref="BlockFormat.RohdeSchwarz"/>: <c>#(</c>, 1 to 18 decimal digits, <c>)</c>; any
/// <see cref="BlockFormat.Ieee"/> form is accepted as well.</item>
/// <item><see cref="BlockFormat.Empty"/>: there is no header; the result is header length 0 and data length -1.</item>
/// </list>
/// <para>Malformed headers throw <see cref="VisaException"/> with status <see cref="StatusCode.ErrorInvalidFormat"/>
/// (<c>VI_ERROR_INV_FMT</c>, the status VISA's formatted I/O uses for data that does not match the expected
/// format). The message quotes the bytes received (escaped) and says what was expected. PyVISA instead treats an
/// unknown digit after <c>#</c> as an indefinite block and only warns about a late <c>#</c>; both hide real
/// faults, so they are errors here.</para>
/// </remarks>
/// <param name="HeaderLength">Index of the first data byte in the parsed buffer: leading bytes plus the header itself.</param>
/// <param name="DataLength">Number of data bytes the header announces, or -1 when the block does not say (indefinite <c>#0</c>, or <see cref="BlockFormat.Empty"/>).</param>
public readonly partial record struct BinaryBlockHeader(int HeaderLength, long DataLength)
{
    /// <summary>How many bytes may precede the <c>#</c> by default (PyVISA's <c>length_before_block</c>).</summary>
    public const int DefaultMaxLeadingBytes = 25;

    /// <summary>
    /// The largest data length accepted by default: the most bytes one .NET array can hold
    /// (<see cref="Array.MaxLength"/>). Callers that stream a block elsewhere (to a file) may pass a larger limit.
    /// </summary>
    public const long MaxInMemoryDataLength = 0x7FFFFFC7;

    /// <summary>The largest number of digits an R&amp;S <c>#(…)</c> length may have (as in PyVISA).</summary>
    public const int MaxRohdeSchwarzDigits = 18;

    /// <summary>True when the header does not give the data length (indefinite IEEE block or no header).</summary>
    public bool IsIndefinite => DataLength < 0;

    /// <summary>
    /// Parses the header at the start of <paramref name="data"/>, which may be only the first bytes received.
    /// Returns <see cref="BlockHeaderParse.NeedMoreData"/> while the bytes so far are a valid but unfinished
    /// beginning, and <see cref="BlockHeaderParse.Complete"/> once the header is whole. Bytes that can never start a
    /// valid header throw at once, without waiting for more. See the type's remarks for the rules.
    /// </summary>
    /// <param name="data">The bytes received so far, from the start of the response.</param>
    /// <param name="format">The expected block format.</param>
    /// <param name="bigEndian">Byte order of the data; used for the HP header's 16-bit length.</param>
    /// <param name="headerLength">When complete: index of the first data byte (leading bytes plus header).</param>
    /// <param name="dataLength">When complete: the number of data bytes, or -1 when the block does not say.</param>
    /// <param name="maxLeadingBytes">How many bytes may precede the <c>#</c>.</param>
    /// <param name="maxDataLength">The largest data length the caller can take; a longer one throws.</param>
    /// <exception cref="VisaException">The header is malformed (<see cref="StatusCode.ErrorInvalidFormat"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An unknown <paramref name="format"/> or a negative limit.</exception>
    public static BlockHeaderParse TryParseHeader(
        ReadOnlySpan<byte> data, BlockFormat format, bool bigEndian, out int headerLength, out long dataLength,
        int maxLeadingBytes = DefaultMaxLeadingBytes, long maxDataLength = MaxInMemoryDataLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLeadingBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDataLength);
        headerLength = 0;
        dataLength = -1;
        if (format == BlockFormat.Empty)
        {
            return BlockHeaderParse.Complete;
        }
        if (format is not (BlockFormat.Ieee or BlockFormat.HP or BlockFormat.RohdeSchwarz))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown block format.");
        }

        var begin = FindHash(data, maxLeadingBytes);
        if (begin < 0)
        {
            return BlockHeaderParse.NeedMoreData;
        }
        var block = data[begin..];
        if (block.Length < 2)
        {
            return BlockHeaderParse.NeedMoreData;
        }

        BlockHeaderParse result;
        int length;
        if (format == BlockFormat.HP)
        {
            result = ParseHp(block, bigEndian, out length, out dataLength);
        }
        else if (block[1] == (byte)'(')
        {
            result = format == BlockFormat.RohdeSchwarz
                ? ParseRohdeSchwarz(block, out length, out dataLength)
                : throw BlockHeaderErrors.ParenthesesUnderIeee(block);
        }
        else
        {
            result = ParseIeee(block, format, out length, out dataLength);
        }
        if (result == BlockHeaderParse.NeedMoreData)
        {
            dataLength = -1;
            return result;
        }
        if (dataLength > maxDataLength)
        {
            throw BlockHeaderErrors.TooLong(block[..length], dataLength, maxDataLength);
        }
        headerLength = begin + length;
        return result;
    }

    /// <summary>
    /// Parses the header of a response that has been received in full: like <see cref="TryParseHeader"/>, but a
    /// header that is still unfinished is an error (the response ended too early, or held no block at all).
    /// </summary>
    /// <param name="data">The whole response.</param>
    /// <param name="format">The expected block format.</param>
    /// <param name="bigEndian">Byte order of the data; used for the HP header's 16-bit length.</param>
    /// <param name="maxLeadingBytes">How many bytes may precede the <c>#</c>.</param>
    /// <param name="maxDataLength">The largest data length the caller can take; a longer one throws.</param>
    /// <exception cref="VisaException">The header is malformed or incomplete (<see cref="StatusCode.ErrorInvalidFormat"/>).</exception>
    public static BinaryBlockHeader Parse(
        ReadOnlySpan<byte> data, BlockFormat format, bool bigEndian,
        int maxLeadingBytes = DefaultMaxLeadingBytes, long maxDataLength = MaxInMemoryDataLength)
    {
        if (TryParseHeader(data, format, bigEndian, out var headerLength, out var dataLength, maxLeadingBytes, maxDataLength)
            == BlockHeaderParse.Complete)
        {
            return new BinaryBlockHeader(headerLength, dataLength);
        }
        var begin = data.IndexOf((byte)'#');
        throw begin < 0
            ? BlockHeaderErrors.NoHashInResponse(data, format)
            : BlockHeaderErrors.Truncated(data[begin..], format);
    }

    /// <summary>Index of the first '#', or -1 if more data may still bring it; throws when it is too far in.</summary>
    private static int FindHash(ReadOnlySpan<byte> data, int maxLeadingBytes)
    {
        // Only the allowed window is searched, so a large non-block response is rejected without a full scan.
        var window = maxLeadingBytes < data.Length ? data[..(maxLeadingBytes + 1)] : data;
        var begin = window.IndexOf((byte)'#');
        if (begin >= 0)
        {
            return begin;
        }
        if (data.Length <= maxLeadingBytes)
        {
            return -1;
        }
        var late = data.IndexOf((byte)'#');
        throw late < 0
            ? BlockHeaderErrors.NoHash(data, maxLeadingBytes)
            : BlockHeaderErrors.LateHash(data, late, maxLeadingBytes);
    }

    private static BlockHeaderParse ParseHp(ReadOnlySpan<byte> block, bool bigEndian, out int length, out long dataLength)
    {
        length = 0;
        dataLength = -1;
        if (block[1] != (byte)'A')
        {
            throw BlockHeaderErrors.NotHp(block);
        }
        if (block.Length < 4)
        {
            return BlockHeaderParse.NeedMoreData;
        }
        var field = block.Slice(2, 2);
        dataLength = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(field) : BinaryPrimitives.ReadUInt16LittleEndian(field);
        length = 4;
        return BlockHeaderParse.Complete;
    }

    private static BlockHeaderParse ParseIeee(ReadOnlySpan<byte> block, BlockFormat format, out int length, out long dataLength)
    {
        length = 0;
        dataLength = -1;
        if (block[1] == (byte)'0')
        {
            length = 2;
            return BlockHeaderParse.Complete;
        }
        var digitCount = HexDigitValue(block[1]);
        if (digitCount <= 0)
        {
            throw BlockHeaderErrors.BadDigitCount(block, format);
        }
        // Check the digits that have arrived so far, so garbage fails now rather than after a timeout.
        var available = Math.Min(digitCount, block.Length - 2);
        var digits = block.Slice(2, available);
        if (digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw BlockHeaderErrors.LengthNotDigits(block, digitCount);
        }
        if (available < digitCount)
        {
            return BlockHeaderParse.NeedMoreData;
        }
        // At most 15 digits, so the value always fits a long.
        dataLength = ParseDecimal(digits);
        length = 2 + digitCount;
        return BlockHeaderParse.Complete;
    }

    private static BlockHeaderParse ParseRohdeSchwarz(ReadOnlySpan<byte> block, out int length, out long dataLength)
    {
        length = 0;
        dataLength = -1;
        var field = block[2..];
        var close = field.IndexOf((byte)')');
        var digits = close < 0 ? field : field[..close];
        if (digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw BlockHeaderErrors.RohdeSchwarzNotDigits(block);
        }
        if (digits.Length > MaxRohdeSchwarzDigits)
        {
            throw BlockHeaderErrors.RohdeSchwarzTooManyDigits(block, digits.Length);
        }
        if (close < 0)
        {
            return BlockHeaderParse.NeedMoreData;
        }
        if (close == 0)
        {
            throw BlockHeaderErrors.RohdeSchwarzEmpty(block);
        }
        dataLength = ParseDecimal(digits);
        length = 2 + close + 1;
        return BlockHeaderParse.Complete;
    }

    /// <summary>The value of a hexadecimal digit character, or -1.</summary>
    private static int HexDigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };

    /// <summary>Parses at most 18 ASCII digits that are known to be digits.</summary>
    private static long ParseDecimal(ReadOnlySpan<byte> digits)
    {
        long value = 0;
        foreach (var d in digits)
        {
            value = (value * 10) + (d - '0');
        }
        return value;
    }
}
