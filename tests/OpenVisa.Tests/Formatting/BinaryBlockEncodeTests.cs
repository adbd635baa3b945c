using System.Buffers;
using static OpenVisa.Tests.Formatting.BlockBytes;

namespace OpenVisa.Tests.Formatting;

public class BinaryBlockEncodeTests
{
    [Fact]
    public void Encode_writes_header_and_ordered_data()
    {
        Assert.Equal(Of("#18", 0x3F, 0xC0, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00),
            BinaryBlock.Encode<float>([1.5f, -2f], BlockFormat.Ieee, bigEndian: true));
        Assert.Equal(Of("#18", 0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0),
            BinaryBlock.Encode<float>([1.5f, -2f], BlockFormat.Ieee, bigEndian: false));
        Assert.Equal(Of("#A", 0x00, 0x04, 0x01, 0x02, 0x03, 0x04), BinaryBlock.Encode<int>([0x01020304], BlockFormat.HP, bigEndian: true));
        Assert.Equal(Of("#A", 0x04, 0x00, 0x04, 0x03, 0x02, 0x01), BinaryBlock.Encode<int>([0x01020304], BlockFormat.HP, bigEndian: false));
        Assert.Equal(Of("#(2)", 0xAB, 0xCD), BinaryBlock.Encode<ushort>([0xABCD], BlockFormat.RohdeSchwarz, bigEndian: true));
        Assert.Equal(Of("", 0xCD, 0xAB), BinaryBlock.Encode<ushort>([0xABCD], BlockFormat.Empty, bigEndian: false));
        Assert.Equal(Of("#10"), BinaryBlock.Encode<double>([], BlockFormat.Ieee, false));
    }

    [Fact]
    public void Hp_blocks_of_64_KiB_or_more_are_refused_naming_the_format()
    {
        Assert.Equal(4 + 65532, BinaryBlock.Encode<float>(new float[16383], BlockFormat.HP, false).Length);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryBlock.Encode<float>(new float[16384], BlockFormat.HP, false));
        Assert.Contains("65536 data bytes do not fit an HP block header", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryBlock.Encode<float>(new ArrayBufferWriter<byte>(), new float[16384], BlockFormat.HP, false));
    }

    [Fact]
    public void Encoded_length_counts_header_and_data()
    {
        Assert.Equal(3 + 8, BinaryBlock.GetEncodedLength<float>(2, BlockFormat.Ieee));
        Assert.Equal(5 + 800, BinaryBlock.GetEncodedLength<double>(100, BlockFormat.Ieee));
        Assert.Equal(4 + 8, BinaryBlock.GetEncodedLength<long>(1, BlockFormat.HP));
        Assert.Equal(5 + 16, BinaryBlock.GetEncodedLength<int>(4, BlockFormat.RohdeSchwarz));
        Assert.Equal(6, BinaryBlock.GetEncodedLength<short>(3, BlockFormat.Empty));
    }

    [Fact]
    public void Encode_into_a_span_checks_the_room()
    {
        var destination = new byte[12];
        Assert.Equal(11, BinaryBlock.Encode<float>([1f, 2f], destination, BlockFormat.Ieee, false));
        Assert.Equal(BinaryBlock.Encode<float>([1f, 2f], BlockFormat.Ieee, false), destination[..11]);
        var error = Assert.Throws<ArgumentException>(() => BinaryBlock.Encode<float>([1f, 2f], new byte[10], BlockFormat.Ieee, false));
        Assert.Contains("needs 11 bytes, but the destination holds only 10", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_into_a_buffer_writer_matches_the_array_form_in_pieces(bool bigEndian)
    {
        var values = Enumerable.Range(0, 200_003).Select(i => i * 1.25 - 7).ToArray();
        var writer = new ArrayBufferWriter<byte>(16);
        var written = BinaryBlock.Encode<double>(writer, values, BlockFormat.Ieee, bigEndian);
        var expected = BinaryBlock.Encode<double>(values, BlockFormat.Ieee, bigEndian);
        Assert.Equal(expected.Length, written);
        Assert.True(expected.AsSpan().SequenceEqual(writer.WrittenSpan));
    }

    public static TheoryData<BlockFormat, bool> FormatsAndOrders()
    {
        var data = new TheoryData<BlockFormat, bool>();
        foreach (var format in Enum.GetValues<BlockFormat>())
        {
            data.Add(format, false);
            data.Add(format, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndOrders))]
    public void Every_type_round_trips_through_encode_header_parse_and_decode(BlockFormat format, bool bigEndian)
    {
        RoundTrip<byte>([0, 1, 0x0A, (byte)'#', 0xFF], format, bigEndian);
        RoundTrip<sbyte>([sbyte.MinValue, -1, 0, 10, sbyte.MaxValue], format, bigEndian);
        RoundTrip<short>([short.MinValue, -2, 0x0102, 0x0A23, short.MaxValue], format, bigEndian);
        RoundTrip<ushort>([0, 0x0102, 0xA1B2, ushort.MaxValue], format, bigEndian);
        RoundTrip<int>([int.MinValue, -2, 0x01020304, 0x230A0A23, int.MaxValue], format, bigEndian);
        RoundTrip<uint>([0, 0xA1B2C3D4, uint.MaxValue], format, bigEndian);
        RoundTrip<long>([long.MinValue, -2, 0x0102030405060708, long.MaxValue], format, bigEndian);
        RoundTrip<ulong>([0, 0xF1E2D3C4B5A69788, ulong.MaxValue], format, bigEndian);
        RoundTrip<float>([float.MinValue, -1.5f, 0f, float.Epsilon, 3.14159274f, float.MaxValue, float.PositiveInfinity], format, bigEndian);
        RoundTrip<double>([double.MinValue, -1.5, 0, double.Epsilon, Math.PI, double.MaxValue, double.NegativeInfinity], format, bigEndian);
        RoundTrip<double>([], format, bigEndian);
    }

    private static void RoundTrip<T>(T[] values, BlockFormat format, bool bigEndian) where T : unmanaged
    {
        var block = BinaryBlock.Encode<T>(values, format, bigEndian);
        Assert.Equal(BlockHeaderParse.Complete,
            BinaryBlockHeader.TryParseHeader(block, format, bigEndian, out var headerLength, out var dataLength));
        var payload = block.AsSpan(headerLength);
        if (dataLength >= 0)
        {
            Assert.Equal(payload.Length, dataLength);
        }
        var decoded = new T[BinaryBlock.GetElementCount<T>(payload.Length)];
        BinaryBlock.Decode<T>(payload, decoded, bigEndian);
        Assert.Equal(values, decoded);
        Assert.Equal(values, BinaryBlock.DecodeBlock<T>(block, format, bigEndian));
    }
}
