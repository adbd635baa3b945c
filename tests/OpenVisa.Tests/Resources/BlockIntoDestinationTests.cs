using System.Buffers.Binary;

namespace OpenVisa.Tests.Resources;

/// <summary>The block reads that fill a caller's array instead of allocating one per call.</summary>
public class BlockIntoDestinationTests
{
    private static MessageBasedResource Open(string test, out ResourceManager manager)
    {
        manager = ScriptedLibrary.Manager(test);
        return manager.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(11, 11)] // the payload's last byte is 0x0A, the termination character
    [InlineData(100, 100)]
    [InlineData(70_000, 80_000)]
    public void A_block_fills_the_start_of_the_destination_and_leaves_the_rest(int count, int room)
    {
        var res = Open(nameof(A_block_fills_the_start_of_the_destination_and_leaves_the_rest) + count, out var rm);
        using (rm)
        {
            var destination = new byte[room];
            destination.AsSpan(count).Fill(0xEE);

            Assert.Equal(count, res.QueryBinaryValues<byte>($"DATA? {count}", destination));

            for (var i = 0; i < count; i++)
                Assert.Equal((byte)i, destination[i]);
            Assert.All(destination[count..], b => Assert.Equal(0xEE, b));
            Assert.Equal("Scripted,Device,0,1.0", res.Query("*IDN?"));
        }
    }

    [Fact]
    public void The_same_destination_is_reused_from_call_to_call()
    {
        var res = Open(nameof(The_same_destination_is_reused_from_call_to_call), out var rm);
        using (rm)
        {
            var destination = new byte[5000];
            for (var call = 0; call < 3; call++)
            {
                destination.AsSpan().Clear();
                Assert.Equal(5000, res.QueryBinaryValues<byte>("DATA? 5000", destination));
                Assert.Equal(Enumerable.Range(0, 5000).Select(i => (byte)i), destination);
            }
        }
    }

    [Fact]
    public void Elements_are_decoded_in_the_byte_order_asked_for()
    {
        var res = Open(nameof(Elements_are_decoded_in_the_byte_order_asked_for), out var rm);
        using (rm)
        {
            var big = new byte[16];
            BinaryPrimitives.WriteDoubleBigEndian(big, -273.15);
            BinaryPrimitives.WriteDoubleBigEndian(big.AsSpan(8), 1e-9);
            var destination = new double[4];

            Assert.Equal(2, res.QueryBinaryValues<double>("ECHOBLOCK? " + Convert.ToHexString(big), destination, bigEndian: true));

            Assert.Equal([-273.15, 1e-9, 0, 0], destination);
        }
    }

    [Fact]
    public void A_block_larger_than_the_destination_is_refused_and_dropped_so_the_next_reply_is_right()
    {
        var res = Open(nameof(A_block_larger_than_the_destination_is_refused_and_dropped_so_the_next_reply_is_right), out var rm);
        using (rm)
        {
            res.ChunkSize = 64; // the payload arrives over many reads, each holding 0x0A bytes
            var destination = new byte[1000];

            var e = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("DATA? 5000", destination));

            Assert.Equal(StatusCode.ErrorUserBuffer, e.Status);
            Assert.Contains("holds 5000 elements, but the destination has room for 1000", e.Message, StringComparison.Ordinal);
            Assert.Contains(ScriptedLibrary.SocketName, e.Message, StringComparison.Ordinal);
            Assert.True((bool)res.GetAttribute(VisaAttribute.TerminationCharacterEnabled), "the termination character is switched back on");
            Assert.Equal("Scripted,Device,0,1.0", res.Query("*IDN?"));
        }
    }

    [Fact]
    public void An_indefinite_block_larger_than_the_destination_is_refused()
    {
        using var rm = ScriptedLibrary.Manager(nameof(An_indefinite_block_larger_than_the_destination_is_refused));
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        res.ReadTermination = "\n";
        var destination = new byte[9];

        Assert.Equal(9, res.QueryBinaryValues<byte>("INDEF? 9", destination));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (byte)i), destination);
        var e = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("INDEF? 10", destination));
        Assert.Equal(StatusCode.ErrorUserBuffer, e.Status);
        Assert.Contains("holds 10 elements, but the destination has room for 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_cut_short_is_reported_as_with_a_new_array()
    {
        using var rm = ScriptedLibrary.Manager(nameof(A_block_cut_short_is_reported_as_with_a_new_array));
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);

        var e = Assert.Throws<VisaException>(() => res.QueryBinaryValues<byte>("SHORT?", new byte[16]));

        Assert.Equal(StatusCode.ErrorInvalidFormat, e.Status);
        Assert.Contains("announced 5 data bytes, but the message ended after 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_async_form_fills_caller_memory_and_refuses_a_block_too_large_for_it()
    {
        var res = Open(nameof(The_async_form_fills_caller_memory_and_refuses_a_block_too_large_for_it), out var rm);
        using (rm)
        {
            res.ChunkSize = 64;
            var destination = new ushort[3000];

            Assert.Equal(2500, await res.QueryBinaryValuesAsync<ushort>("DATA? 5000", destination.AsMemory(100)));
            Assert.Equal((ushort)0x0100, destination[100]);
            Assert.Equal((ushort)0x0302, destination[101]);
            Assert.Equal(0, destination[99]);

            var e = await Assert.ThrowsAsync<VisaException>(async () => await res.QueryBinaryValuesAsync<ushort>("DATA? 5000", destination.AsMemory(0, 10)));
            Assert.Equal(StatusCode.ErrorUserBuffer, e.Status);
            Assert.Contains("holds 2500 elements, but the destination has room for 10", e.Message, StringComparison.Ordinal);
            Assert.Equal("Scripted,Device,0,1.0", await res.QueryAsync("*IDN?"));
        }
    }
}
