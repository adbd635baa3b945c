using System.Buffers.Binary;
using static OpenVisa.Tests.Formatting.BlockBytes;

namespace OpenVisa.Tests.Formatting;

public class BinaryBlockDecodeTests
{
    /// <summary>One value per element type whose bytes all differ, with those bytes most significant first.</summary>
    public static TheoryData<object, byte[]> Samples => new()
    {
        { (byte)0xAB, new byte[] { 0xAB } },
        { (sbyte)-2, new byte[] { 0xFE } },
        { (short)0x0102, new byte[] { 0x01, 0x02 } },
        { (ushort)0xA1B2, new byte[] { 0xA1, 0xB2 } },
        { 0x01020304, new byte[] { 0x01, 0x02, 0x03, 0x04 } },
        { 0xA1B2C3D4u, new byte[] { 0xA1, 0xB2, 0xC3, 0xD4 } },
        { 0x0102030405060708L, new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 } },
        { 0xF1E2D3C4B5A69788UL, new byte[] { 0xF1, 0xE2, 0xD3, 0xC4, 0xB5, 0xA6, 0x97, 0x88 } },
        { 3.14159274f, new byte[] { 0x40, 0x49, 0x0F, 0xDB } },
        { Math.PI, new byte[] { 0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18 } },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_type_decodes_in_both_byte_orders(object sample, byte[] bigEndianBytes)
    {
        // Dispatch to the generic check for the sample's own type.
        typeof(BinaryBlockDecodeTests).GetMethod(nameof(CheckBothOrders), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(sample.GetType()).Invoke(null, [sample, bigEndianBytes]);
    }

    private static void CheckBothOrders<T>(T value, byte[] bigEndianBytes) where T : unmanaged
    {
        // Three copies, at an odd offset so the payload is misaligned as it is after a '#15' header.
        var big = Of("xyz", [.. bigEndianBytes, .. bigEndianBytes, .. bigEndianBytes]);
        var little = Of("xyz", [.. bigEndianBytes.Reverse(), .. bigEndianBytes.Reverse(), .. bigEndianBytes.Reverse()]);
        var destination = new T[4];

        Assert.Equal(3, BinaryBlock.Decode<T>(big.AsSpan(3), destination, bigEndian: true));
        Assert.Equal(new[] { value, value, value, default }, destination);

        Array.Clear(destination);
        Assert.Equal(3, BinaryBlock.Decode<T>(little.AsSpan(3), destination, bigEndian: false));
        Assert.Equal(new[] { value, value, value, default }, destination);

        var encoded = new byte[bigEndianBytes.Length];
        BinaryBlock.EncodePayload<T>([value], encoded, bigEndian: true);
        Assert.Equal(bigEndianBytes, encoded);
        BinaryBlock.EncodePayload<T>([value], encoded, bigEndian: false);
        Assert.Equal(bigEndianBytes.Reverse(), encoded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sixteen_MiB_of_floats_decode_correctly(bool bigEndian)
    {
        const int count = 4 * 1024 * 1024;
        var payload = new byte[(count * 4) + 1];
        for (var i = 0; i < count; i++)
        {
            var bits = BitConverter.SingleToInt32Bits(i * 0.5f - 1000.25f);
            var slot = payload.AsSpan(1 + (i * 4), 4);
            if (bigEndian) { BinaryPrimitives.WriteInt32BigEndian(slot, bits); } else { BinaryPrimitives.WriteInt32LittleEndian(slot, bits); }
        }
        var values = new float[count];
        Assert.Equal(count, BinaryBlock.Decode<float>(payload.AsSpan(1), values, bigEndian));
        for (var i = 0; i < count; i++)
        {
            if (values[i] != i * 0.5f - 1000.25f)
            {
                Assert.Fail($"Value {i} is {values[i]}, expected {i * 0.5f - 1000.25f}.");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sixteen_MiB_of_longs_and_shorts_decode_correctly(bool bigEndian)
    {
        const int bytes = 16 * 1024 * 1024;
        var payload = new byte[bytes];
        new Random(1234).NextBytes(payload);

        var longs = new long[bytes / 8];
        BinaryBlock.Decode<long>(payload, longs, bigEndian);
        var shorts = new short[bytes / 2];
        BinaryBlock.Decode<short>(payload, shorts, bigEndian);
        for (var i = 0; i < longs.Length; i++)
        {
            var slot = payload.AsSpan(i * 8, 8);
            var expected = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(slot) : BinaryPrimitives.ReadInt64LittleEndian(slot);
            if (longs[i] != expected) { Assert.Fail($"long {i}: {longs[i]:X} != {expected:X}"); }
        }
        for (var i = 0; i < shorts.Length; i++)
        {
            var slot = payload.AsSpan(i * 2, 2);
            var expected = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(slot) : BinaryPrimitives.ReadInt16LittleEndian(slot);
            if (shorts[i] != expected) { Assert.Fail($"short {i}: {shorts[i]:X} != {expected:X}"); }
        }
    }

    [Fact]
    public void A_payload_that_is_not_whole_elements_is_an_error_giving_both_numbers()
    {
        var error = Assert.Throws<VisaException>(() => BinaryBlock.Decode<float>(new byte[10], new float[3], false));
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("10 data bytes, which is not a whole number of 4-byte Single values (2 bytes left over)", error.Message);
        Assert.DoesNotContain("newline", error.Message);
    }

    [Fact]
    public void A_trailing_newline_is_named_as_the_likely_cause()
    {
        var error = Assert.Throws<VisaException>(() => BinaryBlock.Decode<double>(Of("", new byte[16]).Append((byte)'\n').ToArray(), new double[3], false));
        Assert.Contains("17 data bytes", error.Message);
        Assert.Contains("ends with a newline", error.Message);
    }

    [Fact]
    public void A_short_destination_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryBlock.Decode<int>(new byte[16], new int[3], false));
        Assert.Contains("destination holds 3 values, but the payload has 4 (16 bytes of 4-byte Int32)", error.Message);
    }

    [Fact]
    public void Unsupported_element_types_are_rejected_with_the_supported_list()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryBlock.Decode<decimal>(new byte[16], new decimal[1], false));
        Assert.Contains("cannot hold values of type Decimal", error.Message);
        Assert.Contains("byte, sbyte, short, ushort, int, uint, long, ulong, float and double", error.Message);
        Assert.Throws<ArgumentException>(() => BinaryBlock.Encode<char>(['a'], BlockFormat.Ieee, false));
        Assert.Throws<ArgumentException>(() => BinaryBlock.GetElementCount<Guid>(16));
    }

    [Fact]
    public void Element_count_checks_whole_elements_and_array_limits()
    {
        Assert.Equal(4, BinaryBlock.GetElementCount<float>(16));
        Assert.Equal(0, BinaryBlock.GetElementCount<double>(0));
        Assert.Contains("(2 bytes left over)", Assert.Throws<VisaException>(() => BinaryBlock.GetElementCount<float>(10)).Message);
        var big = Assert.Throws<VisaException>(() => BinaryBlock.GetElementCount<byte>(3_000_000_000));
        Assert.Contains("announces 3000000000 data bytes, more than the 2147483591 one .NET array can hold", big.Message);
    }

    [Fact]
    public void DecodeBlock_reads_definite_blocks_and_ignores_the_terminator()
    {
        var block = Of(":WAV:DATA #18", [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, (byte)'\n']);
        Assert.Equal([0x0001, 0x0203, 0x0405, 0x0607], BinaryBlock.DecodeBlock<short>(block, BlockFormat.Ieee, bigEndian: true));
        Assert.Equal([0x0100, 0x0302, 0x0504, 0x0706], BinaryBlock.DecodeBlock<short>(block, BlockFormat.Ieee, bigEndian: false));
        Assert.Empty(BinaryBlock.DecodeBlock<double>(Of("#10\n"), BlockFormat.Ieee, false));
    }

    [Fact]
    public void DecodeBlock_takes_all_remaining_bytes_of_an_indefinite_or_headerless_block()
    {
        Assert.Equal([0x01020304], BinaryBlock.DecodeBlock<int>(Of("#0", 1, 2, 3, 4), BlockFormat.Ieee, bigEndian: true));
        Assert.Equal([0x01020304], BinaryBlock.DecodeBlock<int>(Of("", 1, 2, 3, 4), BlockFormat.Empty, bigEndian: true));
        var error = Assert.Throws<VisaException>(() => BinaryBlock.DecodeBlock<int>(Of("#0", 1, 2, 3, 4, (byte)'\n'), BlockFormat.Ieee, true));
        Assert.Contains("ends with a newline", error.Message);
    }

    [Fact]
    public void DecodeBlock_reports_incomplete_data()
    {
        var error = Assert.Throws<VisaException>(() => BinaryBlock.DecodeBlock<byte>(Of("#210abc"), BlockFormat.Ieee, false));
        Assert.Equal(StatusCode.ErrorInvalidFormat, error.Status);
        Assert.Contains("Binary data is incomplete: the header '#210' states 10 data bytes, but 3 were received.", error.Message);
    }

    [Fact]
    public void DecodeBlock_reads_hp_and_rohde_schwarz_blocks()
    {
        Assert.Equal([0x0102], BinaryBlock.DecodeBlock<short>(Of("#A", 0x00, 0x02, 0x01, 0x02), BlockFormat.HP, bigEndian: true));
        Assert.Equal([0x0201], BinaryBlock.DecodeBlock<short>(Of("#A", 0x02, 0x00, 0x01, 0x02), BlockFormat.HP, bigEndian: false));
        Assert.Equal(Of("HELLO"), BinaryBlock.DecodeBlock<byte>(Of("#(5)HELLO\n"), BlockFormat.RohdeSchwarz, false));
    }
}
