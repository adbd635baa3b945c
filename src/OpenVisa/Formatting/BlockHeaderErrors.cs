namespace OpenVisa;

/// <summary>
/// The errors a block header can raise, one message per fault. Each quotes the bytes received and says what was
/// expected; all carry <see cref="StatusCode.ErrorInvalidFormat"/>.
/// </summary>
internal static class BlockHeaderErrors
{
    private const int HeaderQuote = 16;
    private const int ResponseQuote = 40;

    public static VisaException NoHash(ReadOnlySpan<byte> data, int maxLeadingBytes) => Error(
        $"Expected a binary block starting with '#' within the first {maxLeadingBytes} bytes, but there is no '#' in "
        + $"the {data.Length} bytes received: {PrintableBytes.Quote(data, ResponseQuote)}. The instrument may be sending "
        + "ASCII data or an error message (check its data FORMat setting); if it echoes a longer text before the "
        + "block, raise maxLeadingBytes.");

    public static VisaException NoHashInResponse(ReadOnlySpan<byte> data, BlockFormat format) => Error(
        $"Expected a binary block ({Describe(format)}), but the response has no '#': "
        + $"{PrintableBytes.Quote(data, ResponseQuote)} ({data.Length} bytes). The instrument may be sending ASCII data "
        + "or an error message (check its data FORMat setting).");

    public static VisaException LateHash(ReadOnlySpan<byte> data, int index, int maxLeadingBytes) => Error(
        $"The first '#' is at byte {index}, but at most {maxLeadingBytes} bytes may come before a binary block; "
        + $"received {PrintableBytes.Quote(data, Math.Max(ResponseQuote, index + 8))}. This is probably not a block "
        + "(or a block whose header was lost); if the instrument really echoes that much text first, raise maxLeadingBytes.");

    public static VisaException BadDigitCount(ReadOnlySpan<byte> block, BlockFormat format) => Error(
        $"Expected '#' followed by 0 (indefinite length) or a digit 1-9 (A-F for 10-15) giving the number of length "
        + $"digits, got {PrintableBytes.Quote(block, HeaderQuote)}"
        + (format == BlockFormat.RohdeSchwarz ? " (or '#(' and the length in parentheses)." : "."));

    public static VisaException LengthNotDigits(ReadOnlySpan<byte> block, int digitCount)
    {
        var text = $"The IEEE 488.2 block header {PrintableBytes.Quote(block, 2 + digitCount)} announces {digitCount} "
            + $"length digits after '#{(char)block[1]}', but they are not all decimal digits 0-9.";
        if (block[1] is (byte)'A' or (byte)'a')
        {
            text += " A header starting with '#A' and a binary length is an HP block: use BlockFormat.HP.";
        }
        return Error(text);
    }

    public static VisaException ParenthesesUnderIeee(ReadOnlySpan<byte> block) => Error(
        $"Expected an IEEE 488.2 block header ('#' and a digit), got {PrintableBytes.Quote(block, HeaderQuote)}: a length "
        + "in parentheses is the Rohde & Schwarz extended format, so read it with BlockFormat.RohdeSchwarz.");

    public static VisaException NotHp(ReadOnlySpan<byte> block) => Error(
        $"Expected an HP block header ('#A' followed by a 2-byte length), got {PrintableBytes.Quote(block, HeaderQuote)}."
        + (block[1] is >= (byte)'0' and <= (byte)'9' ? " That looks like an IEEE 488.2 header: use BlockFormat.Ieee." : ""));

    public static VisaException RohdeSchwarzNotDigits(ReadOnlySpan<byte> block) => Error(
        $"Expected the Rohde & Schwarz block length as decimal digits between '#(' and ')', got "
        + $"{PrintableBytes.Quote(block, HeaderQuote + 8)}.");

    public static VisaException RohdeSchwarzTooManyDigits(ReadOnlySpan<byte> block, int digits) => Error(
        $"The Rohde & Schwarz block length in {PrintableBytes.Quote(block, HeaderQuote + 8)} has {digits} or more digits; "
        + $"at most {BinaryBlockHeader.MaxRohdeSchwarzDigits} are accepted (a 64-bit length).");

    public static VisaException RohdeSchwarzEmpty(ReadOnlySpan<byte> block) => Error(
        $"Expected the Rohde & Schwarz block length as decimal digits between '#(' and ')', got an empty length in "
        + $"{PrintableBytes.Quote(block, HeaderQuote)}.");

    public static VisaException TooLong(ReadOnlySpan<byte> header, long dataLength, long maxDataLength) => Error(
        $"The block header {PrintableBytes.Quote(header, BinaryBlockHeader.MaxHeaderLength)} announces {dataLength} data bytes, "
        + $"more than the {maxDataLength} this reader accepts"
        + (maxDataLength == BinaryBlockHeader.MaxInMemoryDataLength ? " (the most one .NET array can hold); read such a block in pieces." : "."));

    public static VisaException Truncated(ReadOnlySpan<byte> block, BlockFormat format) => Error(
        $"The response ended inside the binary block header: received {PrintableBytes.Quote(block, HeaderQuote + 8)}, "
        + $"expected a complete {Describe(format)} header.");

    public static VisaException Incomplete(ReadOnlySpan<byte> header, long dataLength, long received) => Error(
        $"Binary data is incomplete: the header {PrintableBytes.Quote(header, BinaryBlockHeader.MaxHeaderLength)} states "
        + $"{dataLength} data bytes, but {received} were received.");

    private static string Describe(BlockFormat format) => format switch
    {
        BlockFormat.HP => "HP: '#A' and a 2-byte length",
        BlockFormat.RohdeSchwarz => "Rohde & Schwarz '#(length)' or IEEE 488.2 '#<n><length>'",
        _ => "IEEE 488.2: '#0', or '#' and a digit n followed by n length digits",
    };

    private static VisaException Error(string detail) => new(StatusCode.ErrorInvalidFormat, detail);
}
