using static OpenVisa.Tests.Formatting.BlockBytes;

namespace OpenVisa.Tests.Formatting;

public class BinaryBlockHeaderWriteTests
{
    private static byte[] Header(long dataLength, BlockFormat format, bool bigEndian = false)
    {
        var buffer = new byte[BinaryBlockHeader.MaxHeaderLength];
        var written = BinaryBlockHeader.WriteHeader(buffer, dataLength, format, bigEndian);
        Assert.Equal(BinaryBlockHeader.GetHeaderLength(dataLength, format), written);
        return buffer[..written];
    }

    [Theory]
    [InlineData(0, "#10")]
    [InlineData(5, "#15")]
    [InlineData(10, "#210")]
    [InlineData(999_999_999, "#9999999999")]
    [InlineData(1_000_000_000, "#A1000000000")]
    [InlineData(12_345_678_901, "#B12345678901")]
    [InlineData(999_999_999_999_999, "#F999999999999999")]
    [InlineData(-1, "#0")]
    public void Ieee_uses_the_fewest_digits_with_the_count_in_hex(long dataLength, string expected)
    {
        Assert.Equal(Of(expected), Header(dataLength, BlockFormat.Ieee));
    }

    [Fact]
    public void Ieee_lengths_needing_sixteen_digits_overflow()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Header(1_000_000_000_000_000, BlockFormat.Ieee));
        Assert.Contains("needs 16 length digits, but an IEEE 488.2 block header holds at most 15", error.Message);
        Assert.Contains("BlockFormat.RohdeSchwarz", error.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Header(-2, BlockFormat.Ieee));
        Assert.Contains("-1 for an indefinite IEEE block", negative.Message);
    }

    [Theory]
    [InlineData(false, 0x02, 0x01)]
    [InlineData(true, 0x01, 0x02)]
    public void Hp_writes_the_length_in_the_data_byte_order(bool bigEndian, byte first, byte second)
    {
        Assert.Equal(Of("#A", first, second), Header(0x0102, BlockFormat.HP, bigEndian));
    }

    [Fact]
    public void Hp_lengths_of_64_KiB_or_more_overflow_naming_the_format()
    {
        Assert.Equal(Of("#A", 0xFF, 0xFF), Header(65535, BlockFormat.HP));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Header(65536, BlockFormat.HP));
        Assert.Contains("65536 data bytes do not fit an HP block header", error.Message);
        Assert.Contains("at most 65535 bytes", error.Message);
        var indefinite = Assert.Throws<ArgumentOutOfRangeException>(() => Header(-1, BlockFormat.HP));
        Assert.Contains("HP block header always states its length", indefinite.Message);
    }

    [Theory]
    [InlineData(0, "#(0)")]
    [InlineData(5, "#(5)")]
    [InlineData(1_234_567_890_123, "#(1234567890123)")]
    [InlineData(long.MaxValue, "#(9223372036854775807)")]
    public void RohdeSchwarz_writes_the_length_in_parentheses(long dataLength, string expected)
    {
        Assert.Equal(Of(expected), Header(dataLength, BlockFormat.RohdeSchwarz));
        Assert.Throws<ArgumentOutOfRangeException>(() => Header(-1, BlockFormat.RohdeSchwarz));
    }

    [Fact]
    public void Empty_writes_nothing()
    {
        Assert.Empty(Header(123, BlockFormat.Empty));
    }

    [Fact]
    public void A_short_destination_is_rejected_with_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryBlockHeader.WriteHeader(new byte[4], 100, BlockFormat.Ieee, false));
        Assert.Contains("needs 5 bytes, but the destination holds only 4", error.Message);
    }

    [Theory]
    [InlineData(BlockFormat.Ieee, 0)]
    [InlineData(BlockFormat.Ieee, 7)]
    [InlineData(BlockFormat.Ieee, 1_000_000_000)]
    [InlineData(BlockFormat.Ieee, -1)]
    [InlineData(BlockFormat.HP, 300)]
    [InlineData(BlockFormat.RohdeSchwarz, 5_000_000_000)]
    public void Written_headers_parse_back_to_the_same_length(BlockFormat format, long dataLength)
    {
        foreach (var bigEndian in new[] { false, true })
        {
            var header = Header(dataLength, format, bigEndian);
            Assert.Equal(BlockHeaderParse.Complete, BinaryBlockHeader.TryParseHeader(
                header, format, bigEndian, out var headerLength, out var parsedLength, maxDataLength: long.MaxValue));
            Assert.Equal((header.Length, dataLength), (headerLength, parsedLength));
        }
    }
}
