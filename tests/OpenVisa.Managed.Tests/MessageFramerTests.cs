using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tests;

public sealed class MessageFramerTests
{
    [Theory]
    [InlineData("A\nB\n", "\n", new[] { "A", "B" })]
    [InlineData("A\r\nB\r\n", "\n", new[] { "A", "B" })] // \r\n tolerated with the default termination
    [InlineData("A\r\nB\n", "\r\n", new[] { "A", "B" })] // a bare \n still ends a \r\n message
    [InlineData("A\rB\r", "\r", new[] { "A", "B" })]
    [InlineData("A\nB", "\n", new[] { "A" })] // B is not finished
    [InlineData("\n", "\n", new[] { "" })] // an empty message is a message
    [InlineData("DISP \"#12 is a \nX\n", "\n", new[] { "DISP \"#12 is a ", "X" })] // a quote does not swallow the termination
    [InlineData("DISP \"#12\"\nX\n", "\n", new[] { "DISP \"#12\"", "X" })] // # inside quotes starts no block
    [InlineData("*ESE #H20\nX\n", "\n", new[] { "*ESE #H20", "X" })] // # that is not a block
    [InlineData("D #0ab\ncd\n", "\n", new[] { "D #0ab", "cd" })] // an indefinite block ends at the termination
    [InlineData("D #13a\nb\nX\n", "\n", new[] { "D #13a\nb", "X" })] // a definite block may hold the termination
    [InlineData("D #10\nX\n", "\n", new[] { "D #10", "X" })] // a zero-length block
    [InlineData("D #2x\nX\n", "\n", new[] { "D #2x", "X" })] // a malformed header is text
    public void Splits_messages(string stream, string termination, string[] expected)
    {
        var framer = new MessageFramer(Encoding.Latin1.GetBytes(termination));

        Assert.Equal(expected, Feed(framer, Encoding.Latin1.GetBytes(stream), chunk: int.MaxValue));
    }

    [Fact]
    public void A_block_split_across_receives_is_still_one_message()
    {
        var payload = TestDevice.Payload(3000);
        var stream = Encoding.ASCII.GetBytes("W #43000").Concat(payload).Concat("\nNEXT\n"u8.ToArray()).ToArray();

        foreach (var chunk in new[] { 1, 2, 7, 100, 4096 })
        {
            var framer = new MessageFramer("\n"u8);
            var messages = FeedBytes(framer, stream, chunk);
            Assert.Equal(2, messages.Count);
            Assert.True(messages[0].AsSpan("W #43000".Length).SequenceEqual(payload), $"chunk {chunk}: the block was cut");
            Assert.Equal("NEXT", Encoding.ASCII.GetString(messages[1]));
        }
    }

    [Fact]
    public void Buffered_length_counts_an_unfinished_message()
    {
        var framer = new MessageFramer("\n"u8);
        Feed(framer, "DONE\nhalf"u8.ToArray(), int.MaxValue);

        Assert.Equal(4, framer.BufferedLength);
    }

    private static List<string> Feed(MessageFramer framer, byte[] stream, int chunk) =>
        FeedBytes(framer, stream, chunk).Select(m => Encoding.Latin1.GetString(m)).ToList();

    private static List<byte[]> FeedBytes(MessageFramer framer, byte[] stream, int chunk)
    {
        var messages = new List<byte[]>();
        for (var offset = 0; offset < stream.Length;)
        {
            var count = Math.Min(chunk, stream.Length - offset);
            var space = framer.GetReceiveMemory(count);
            stream.AsSpan(offset, count).CopyTo(space.Span);
            framer.Advance(count);
            offset += count;
            while (framer.TryReadMessage(out var message))
                messages.Add(message.ToArray());
        }
        return messages;
    }
}
