using static OpenVisa.Tests.Formatting.BlockBytes;

namespace OpenVisa.Tests.Formatting;

public class BinaryBlockHeaderParseTests
{
    private static (BlockHeaderParse Result, int HeaderLength, long DataLength) TryParse(
        byte[] data, BlockFormat format, bool bigEndian = false, int maxLeadingBytes = 25, long maxDataLength = BinaryBlockHeader.MaxInMemoryDataLength)
    {
        var result = BinaryBlockHeader.TryParseHeader(data, format, bigEndian, out var headerLength, out var dataLength, maxLeadingBytes, maxDataLength);
        return (result, headerLength, dataLength);
    }

    [Theory]
    [InlineData("#15HELLO", 3, 5)]
    [InlineData("#10", 3, 0)]
    [InlineData("#210abcdefghij", 4, 10)]
    [InlineData("#3100", 5, 100)]
    [InlineData("#9000001000", 11, 1000)]
    [InlineData("#A0000000012", 12, 12)]
    [InlineData("#a0000000012", 12, 12)]
    [InlineData("#F000000000000007", 17, 7)]
    [InlineData("#0", 2, -1)]
    [InlineData("#0\x01\x02\x03", 2, -1)]
    public void Ieee_definite_and_indefinite_headers(string text, int headerLength, long dataLength)
    {
        Assert.Equal((BlockHeaderParse.Complete, headerLength, dataLength), TryParse(Of(text), BlockFormat.Ieee));
    }

    [Fact]
    public void Indefinite_header_reports_minus_one_and_IsIndefinite()
    {
        var header = BinaryBlockHeader.Parse(Of("#0abc"), BlockFormat.Ieee, bigEndian: false);
        Assert.Equal(new BinaryBlockHeader(2, -1), header);
        Assert.True(header.IsIndefinite);
        Assert.False(BinaryBlockHeader.Parse(Of("#10"), BlockFormat.Ieee, false).IsIndefinite);
    }

    [Fact]
    public void Leading_echo_text_is_skipped_and_counted_in_the_header_length()
    {
        Assert.Equal((BlockHeaderParse.Complete, 13, 4L), TryParse(Of(":WAV:DATA #14abcd"), BlockFormat.Ieee));
    }

    [Fact]
    public void Exactly_max_leading_bytes_before_the_hash_is_allowed()
    {
        var data = Of(new string('x', 25) + "#13abc");
        Assert.Equal((BlockHeaderParse.Complete, 28, 3L), TryParse(data, BlockFormat.Ieee));
    }

    [Fact]
    public void A_hash_beyond_max_leading_bytes_is_an_error_naming_its_position()
    {
        var error = ParseError(Of(new string('x', 26) + "#13abc"), BlockFormat.Ieee);
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("first '#' is at byte 26", error.Message);
        Assert.Contains("at most 25 bytes may come before", error.Message);
        Assert.Contains("'xxxxxxxxxxxxxxxxxxxxxxxxxx#13abc'", error.Message);
    }

    [Fact]
    public void Max_leading_bytes_can_be_raised()
    {
        Assert.Equal((BlockHeaderParse.Complete, 29, 3L), TryParse(Of(new string('x', 26) + "#13abc"), BlockFormat.Ieee, maxLeadingBytes: 40));
    }

    [Fact]
    public void No_hash_within_the_allowed_bytes_is_an_error_quoting_the_start()
    {
        var error = ParseError(Of("+1.0E+00,+2.0E+00,+3.0E+00,+4.0E+00\n"), BlockFormat.Ieee);
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("no '#' in the 36 bytes received", error.Message);
        Assert.Contains("'+1.0E+00,+2.0E+00,+3.0E+00,+4.0E+00\\n'", error.Message);
        Assert.Contains("within the first 25 bytes", error.Message);
    }

    [Fact]
    public void Short_text_without_hash_needs_more_data_until_the_limit()
    {
        Assert.Equal(BlockHeaderParse.NeedMoreData, TryParse(Of(":WAV:DATA "), BlockFormat.Ieee).Result);
        Assert.Equal(BlockHeaderParse.NeedMoreData, TryParse(Of(new string(' ', 25)), BlockFormat.Ieee).Result);
        Assert.Throws<VisaException>(() => TryParse(Of(new string(' ', 26)), BlockFormat.Ieee));
    }

    [Fact]
    public void Every_prefix_of_a_valid_header_needs_more_data()
    {
        var block = Of("#3100", new byte[100]);
        for (var length = 0; length < 5; length++)
        {
            var (result, headerLength, dataLength) = TryParse(block[..length], BlockFormat.Ieee);
            Assert.Equal((BlockHeaderParse.NeedMoreData, 0, -1L), (result, headerLength, dataLength));
        }
        Assert.Equal((BlockHeaderParse.Complete, 5, 100L), TryParse(block[..5], BlockFormat.Ieee));
    }

    [Theory]
    [InlineData("#X12", "'#X12'")]
    [InlineData("# 12", "'# 12'")]
    [InlineData("#-5abc", "'#-5abc'")]
    public void A_bad_digit_count_is_an_error_quoting_the_header(string text, string quoted)
    {
        var error = ParseError(Of(text), BlockFormat.Ieee);
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("Expected '#' followed by 0 (indefinite length) or a digit 1-9", error.Message);
        Assert.Contains("giving the number of length digits, got " + quoted, error.Message);
    }

    [Fact]
    public void Non_printable_bytes_are_escaped_in_messages()
    {
        var error = ParseError(Of("#", 0x01, 0xFF, (byte)'\n', 0x00), BlockFormat.Ieee);
        Assert.Contains(@"got '#\x01\xff\n\0'", error.Message);
    }

    [Theory]
    [InlineData("#3 1x")]
    [InlineData("#31x0")]
    [InlineData("#3 ")]
    [InlineData("#4+100")]
    public void A_length_field_that_is_not_digits_is_an_error_even_before_it_is_complete(string text)
    {
        var error = ParseError(Of(text), BlockFormat.Ieee);
        Assert.Contains($"announces {text[1]} length digits after '#{text[1]}', but they are not all decimal digits 0-9", error.Message);
        Assert.Contains("'" + text[..Math.Min(text.Length, 2 + (text[1] - '0'))] + "'", error.Message);
    }

    [Fact]
    public void Hash_A_with_a_binary_length_under_Ieee_suggests_the_HP_format()
    {
        var error = ParseError(Of("#A", 0x10, 0x00, 1, 2, 3, 4), BlockFormat.Ieee);
        Assert.Contains("announces 10 length digits", error.Message);
        Assert.Contains("use BlockFormat.HP", error.Message);
    }

    [Fact]
    public void A_length_beyond_the_in_memory_limit_is_an_error_unless_the_caller_raises_it()
    {
        var data = Of("#A3000000000");
        var error = ParseError(data, BlockFormat.Ieee);
        Assert.Contains("announces 3000000000 data bytes, more than the 2147483591", error.Message);
        Assert.Contains("'#A3000000000'", error.Message);
        Assert.Contains("one .NET array", error.Message);

        Assert.Equal((BlockHeaderParse.Complete, 12, 3_000_000_000L), TryParse(data, BlockFormat.Ieee, maxDataLength: long.MaxValue));

        var small = Assert.Throws<VisaException>(() => TryParse(Of("#3100"), BlockFormat.Ieee, maxDataLength: 99));
        Assert.Contains("announces 100 data bytes, more than the 99 this reader accepts.", small.Message);
    }

    [Fact]
    public void Parentheses_under_Ieee_suggest_the_RohdeSchwarz_format()
    {
        var error = ParseError(Of("#(5)HELLO"), BlockFormat.Ieee);
        Assert.Contains("got '#(5)HELLO'", error.Message);
        Assert.Contains("BlockFormat.RohdeSchwarz", error.Message);
    }

    [Theory]
    [InlineData(false, 0x02, 0x01)]
    [InlineData(true, 0x01, 0x02)]
    public void Hp_length_follows_the_data_byte_order(bool bigEndian, byte first, byte second)
    {
        var data = Of("#A", first, second);
        Assert.Equal((BlockHeaderParse.Complete, 4, 0x0102L), TryParse(data, BlockFormat.HP, bigEndian));
        Assert.Equal((BlockHeaderParse.Complete, 11, 0x0102L), TryParse(Of(":CURV? ", [.. data]), BlockFormat.HP, bigEndian));
    }

    [Fact]
    public void Hp_header_needs_four_bytes()
    {
        Assert.Equal(BlockHeaderParse.NeedMoreData, TryParse(Of("#A", 1), BlockFormat.HP).Result);
        Assert.Equal(BlockHeaderParse.NeedMoreData, TryParse(Of("#"), BlockFormat.HP).Result);
    }

    [Fact]
    public void Hp_format_rejects_an_ieee_header()
    {
        var error = ParseError(Of("#15HELLO"), BlockFormat.HP);
        Assert.Contains("Expected an HP block header ('#A' followed by a 2-byte length), got '#15HELLO'", error.Message);
        Assert.Contains("use BlockFormat.Ieee", error.Message);
    }

    [Theory]
    [InlineData("#(5)HELLO", 4, 5)]
    [InlineData("#(0)", 4, 0)]
    [InlineData("#(1234567890)", 13, 1234567890)]
    [InlineData("#15HELLO", 3, 5)]
    [InlineData("#0HELLO", 2, -1)]
    [InlineData("#10", 3, 0)]
    public void RohdeSchwarz_reads_parentheses_and_ieee_headers(string text, int headerLength, long dataLength)
    {
        Assert.Equal((BlockHeaderParse.Complete, headerLength, dataLength), TryParse(Of(text), BlockFormat.RohdeSchwarz));
    }

    [Fact]
    public void RohdeSchwarz_accepts_the_largest_lengths_when_allowed()
    {
        Assert.Equal((BlockHeaderParse.Complete, 21, 999_999_999_999_999_999L),
            TryParse(Of("#(999999999999999999)"), BlockFormat.RohdeSchwarz, maxDataLength: long.MaxValue));
        var error = ParseError(Of("#(3000000000)"), BlockFormat.RohdeSchwarz);
        Assert.Contains("announces 3000000000 data bytes", error.Message);
    }

    [Theory]
    [InlineData("#(")]
    [InlineData("#(12")]
    [InlineData("#(123456789012345678")]
    public void RohdeSchwarz_needs_more_data_until_the_closing_parenthesis(string text)
    {
        Assert.Equal(BlockHeaderParse.NeedMoreData, TryParse(Of(text), BlockFormat.RohdeSchwarz).Result);
    }

    [Fact]
    public void RohdeSchwarz_errors_each_have_their_own_message()
    {
        Assert.Contains("as decimal digits between '#(' and ')', got '#(12x'",
            ParseError(Of("#(12x"), BlockFormat.RohdeSchwarz).Message);
        Assert.Contains("got an empty length in '#()abc'",
            ParseError(Of("#()abc"), BlockFormat.RohdeSchwarz).Message);
        Assert.Contains("has 19 or more digits; at most 18 are accepted",
            ParseError(Of("#(1234567890123456789"), BlockFormat.RohdeSchwarz).Message);
        Assert.Contains("(or '#(' and the length in parentheses)",
            ParseError(Of("#X1"), BlockFormat.RohdeSchwarz).Message);
    }

    [Fact]
    public void Empty_format_has_no_header_and_unknown_length()
    {
        Assert.Equal((BlockHeaderParse.Complete, 0, -1L), TryParse(Of("#15HELLO"), BlockFormat.Empty));
        Assert.Equal((BlockHeaderParse.Complete, 0, -1L), TryParse([], BlockFormat.Empty));
    }

    [Fact]
    public void A_payload_holding_newlines_and_hashes_does_not_confuse_the_parser()
    {
        var data = Of("#18", 0x0A, (byte)'#', 0x0A, (byte)'#', (byte)'1', (byte)'0', 0x00, 0xFF);
        Assert.Equal((BlockHeaderParse.Complete, 3, 8L), TryParse(data, BlockFormat.Ieee));
        Assert.Equal(data[3..], BinaryBlock.DecodeBlock<byte>(data, BlockFormat.Ieee, false));
    }

    [Fact]
    public void Parse_reports_a_response_that_ends_inside_the_header()
    {
        var error = Assert.Throws<VisaException>(() => BinaryBlockHeader.Parse(Of("#31"), BlockFormat.Ieee, false));
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("The response ended inside the binary block header: received '#31'", error.Message);
        Assert.Contains("IEEE 488.2", error.Message);

        var hp = Assert.Throws<VisaException>(() => BinaryBlockHeader.Parse(Of("#A", 1), BlockFormat.HP, false));
        Assert.Contains(@"received '#A\x01', expected a complete HP", hp.Message);
    }

    [Fact]
    public void Parse_reports_a_short_response_without_any_block()
    {
        var error = Assert.Throws<VisaException>(() => BinaryBlockHeader.Parse(Of("1.0,2.0\n"), BlockFormat.Ieee, false));
        Assert.Contains(@"the response has no '#': '1.0,2.0\n' (8 bytes)", error.Message);
        Assert.Contains("FORMat", error.Message);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TryParse(Of("#10"), BlockFormat.Ieee, maxLeadingBytes: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TryParse(Of("#10"), (BlockFormat)42));
    }
}
