using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>The pooled, segmented reply an HTTP request gets from an instrument.</summary>
public sealed class ReplyBufferTests
{
    [Fact]
    public void Bytes_written_in_pieces_of_every_size_read_back_whole_in_order_and_in_any_range()
    {
        using var reply = new ReplyBuffer();
        var expected = new List<byte>();
        var next = 0;
        foreach (var size in new[] { 1, 100, 5000, 0, 70_000, 2_000_000, 3 })
        {
            var span = reply.GetSpan(size);
            Assert.True(span.Length >= Math.Max(size, 1));
            for (var i = 0; i < size; i++)
            {
                span[i] = (byte)next;
                expected.Add((byte)next++);
            }
            reply.Advance(size);
        }

        Assert.Equal(expected.Count, reply.Length);
        Assert.Equal(expected, reply.ToArray());
        var middle = new byte[10_000];
        reply.CopyTo(middle, 4_000);
        Assert.Equal(expected.Skip(4_000).Take(10_000), middle);
        Assert.Equal(expected.Skip(75_000).Take(1_000_000), reply.Pieces(75_000, 1_000_000).SelectMany(p => p.ToArray()));
        Assert.Empty(reply.Pieces(reply.Length, 0));
    }

    [Fact]
    public void Advancing_past_the_space_given_or_reading_past_the_end_says_so()
    {
        using var reply = new ReplyBuffer();
        var given = reply.GetSpan(10).Length;

        var advance = Assert.Throws<InvalidOperationException>(() => reply.Advance(given + 1));
        Assert.Contains("goes past the", advance.Message);
        reply.Advance(10);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => reply.Pieces(5, 6).ToList());
        Assert.Contains("goes past the reply's 10 bytes", range.Message);
    }

    [Fact]
    public void A_disposed_reply_is_empty()
    {
        var reply = new ReplyBuffer();
        reply.GetSpan(2_000_000);
        reply.Advance(2_000_000);

        reply.Dispose();

        Assert.Equal(0, reply.Length);
        Assert.Empty(reply.ToArray());
    }
}
