using System.Buffers.Binary;

namespace OpenVisa.Tests.Resources;

public class ValueTests
{
    private static MessageBasedResource Open(string test, out ResourceManager manager)
    {
        manager = ScriptedLibrary.Manager(test);
        return manager.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)] // the payload's last byte is 0x0A, the termination character
    [InlineData(100)]
    [InlineData(70_000)]
    public void A_block_holding_newline_bytes_is_read_whole_and_exact(int count)
    {
        var res = Open(nameof(A_block_holding_newline_bytes_is_read_whole_and_exact) + count, out var rm);
        using (rm)
        {
            var data = res.QueryBinaryValues<byte>($"DATA? {count}");
            Assert.Equal(count, data.Length);
            for (var i = 0; i < count; i++)
                Assert.Equal((byte)i, data[i]);
            Assert.True((bool)res.GetAttribute(VisaAttribute.TerminationCharacterEnabled), "the termination character is switched back on");
            Assert.Equal("Scripted,Device,0,1.0", res.Query("*IDN?"));
        }
    }

    [Fact]
    public async Task The_async_block_read_gives_the_same_bytes()
    {
        var res = Open(nameof(The_async_block_read_gives_the_same_bytes), out var rm);
        using (rm)
        {
            res.ChunkSize = 64;
            var data = await res.QueryBinaryValuesAsync<byte>("DATA? 5000");
            Assert.Equal(Enumerable.Range(0, 5000).Select(i => (byte)i), data);
            Assert.Equal("Scripted,Device,0,1.0", await res.QueryAsync("*IDN?"));
        }
    }

    [Fact]
    public void Multi_byte_elements_decode_in_either_byte_order()
    {
        var res = Open(nameof(Multi_byte_elements_decode_in_either_byte_order), out var rm);
        using (rm)
        {
            var little = new byte[8];
            BinaryPrimitives.WriteInt16LittleEndian(little, -2);
            BinaryPrimitives.WriteInt16LittleEndian(little.AsSpan(2), 0x1234);
            BinaryPrimitives.WriteSingleLittleEndian(little.AsSpan(4), 1.5f);
            Assert.Equal(new short[] { -2, 0x1234, 0, 0x3FC0 }, res.QueryBinaryValues<short>("ECHOBLOCK? " + Convert.ToHexString(little)));
            var big = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(big, -273.15);
            Assert.Equal([-273.15], res.QueryBinaryValues<double>("ECHOBLOCK? " + Convert.ToHexString(big), bigEndian: true));
            Assert.Equal([1.5f], res.QueryBinaryValues<float>("ECHOBLOCK? " + Convert.ToHexString(little.AsSpan(4))));
        }
    }

    [Fact]
    public void An_indefinite_block_runs_to_the_end_of_the_message()
    {
        using var rm = ScriptedLibrary.Manager(nameof(An_indefinite_block_runs_to_the_end_of_the_message));
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        res.ReadTermination = "\n";
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (byte)i), res.QueryBinaryValues<byte>("INDEF? 9"));
    }

    [Fact]
    public void A_block_cut_short_says_how_many_bytes_were_promised_and_received()
    {
        using var rm = ScriptedLibrary.Manager(nameof(A_block_cut_short_says_how_many_bytes_were_promised_and_received));
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        var e = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("SHORT?"));
        Assert.Equal(StatusCode.ErrorInvalidFormat, e.Status);
        Assert.Contains("announced 5 data bytes, but the message ended after 2", e.Message, StringComparison.Ordinal);
        Assert.Contains(ScriptedLibrary.InstrName, e.Message, StringComparison.Ordinal);
        var cut = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("CUTHEADER?"));
        Assert.Equal(StatusCode.ErrorInvalidFormat, cut.Status);
        Assert.Contains("#9000", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_that_is_not_a_block_is_reported_with_what_arrived()
    {
        var res = Open(nameof(A_reply_that_is_not_a_block_is_reported_with_what_arrived), out var rm);
        using (rm)
        {
            var e = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("*IDN?"));
            Assert.Equal(StatusCode.ErrorInvalidFormat, e.Status);
            Assert.Contains("Scripted", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ascii_values_round_trip_through_the_instrument()
    {
        var res = Open(nameof(Ascii_values_round_trip_through_the_instrument), out var rm);
        using (rm)
        {
            Assert.Equal([1.5, -2e-3, 1e37], res.QueryAsciiValues<double>("ECHO +1.5,-2.0E-03,1e37,"));
            Assert.Equal([1, 2, 3], res.QueryAsciiValues<int>("ECHO 1;2;3", separator: ';'));
            res.WriteAsciiValues("SET ", [0.25, 4.0]);
            Assert.Equal([0.25, 4.0], res.QueryAsciiValues<double>("GET?"));
        }
    }

    [Fact]
    public void Binary_values_are_written_as_a_block_after_the_message()
    {
        var res = Open(nameof(Binary_values_are_written_as_a_block_after_the_message), out var rm);
        using (rm)
        {
            res.WriteBinaryValues<ushort>("SET ", [1, 0x0A0B]);
            var lib = (ScriptedLibrary)res.Library;
            Assert.Equal("SET #14\u0001\0\u000B\n\n", lib.WrittenTo(res.Session)[^1]);
        }
    }
}
