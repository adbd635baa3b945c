using System.Text;
using OpenVisa.Lamb.KeepAlive;

namespace OpenVisa.Lamb.Tests;

/// <summary>The response reader fed as the network may deliver: a byte at a time, or everything at once.</summary>
public sealed class Http1ResponseReaderTests
{
    private static Http1Response Read(string raw, int step)
    {
        var bytes = Encoding.Latin1.GetBytes(raw);
        var reader = new Http1ResponseReader();
        reader.Begin("POST /instrument/query_raw");
        var offset = 0;
        Http1Response? response;
        while (!reader.TryFinish(out response))
        {
            var free = reader.FreeSpace.Span;
            var count = Math.Min(Math.Min(step, free.Length), bytes.Length - offset);
            bytes.AsSpan(offset, count).CopyTo(free);
            offset += count;
            reader.Received(count);
        }
        Assert.Equal(bytes.Length, offset);
        return response!;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void A_Content_Length_answer_split_anywhere_reads_the_same(int step)
    {
        var response = Read("HTTP/1.1 404 Not Found\r\ncontent-type: Application/JSON; charset=utf-8\r\nX-Request-Id: 17\r\ncontent-length: 11\r\n\r\n{\"a\": \"b\"}\n", step);
        Assert.Equal(404, response.Status);
        Assert.Equal("Not Found", response.Reason);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal("17", response.RequestId);
        Assert.Equal("{\"a\": \"b\"}\n", Encoding.Latin1.GetString(response.Body));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100_000)]
    public void A_chunked_answer_split_anywhere_reads_the_same(int step)
    {
        var response = Read("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n2;name=value\r\nab\r\n0\r\nTrailer: x\r\n\r\n", step);
        Assert.Equal(200, response.Status);
        Assert.Equal("0123456789ab", Encoding.Latin1.GetString(response.Body));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 100, true)]
    [InlineData("HTTP/1.1 206 Partial Content\r\nContent-Length: 5000\r\n\r\n", 5000, true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", 99, false)] // under the threshold: whole
    [InlineData("HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 100\r\n\r\n", 100, false)] // an error's body is read whole, for its message
    public void A_successful_body_from_the_threshold_up_is_left_on_the_connection_after_the_head(string head, int length, bool streamed)
    {
        var body = new string('z', length);
        var bytes = Encoding.Latin1.GetBytes(head + body[..Math.Min(40, length)]);
        var reader = new Http1ResponseReader();
        reader.Begin("POST /instrument/query_raw", streamFrom: 100);
        bytes.CopyTo(reader.FreeSpace.Span);
        reader.Received(bytes.Length);
        Assert.Equal(streamed, reader.TryFinish(out var response));
        if (!streamed)
        {
            Assert.Equal(0, reader.StreamedLength);
            return;
        }
        Assert.Empty(response!.Body);
        Assert.Equal(length, reader.StreamedLength);
        Assert.True(reader.KeepAlive);
        // The body's first bytes came with the head: they are handed over first, and only once.
        var first = new byte[100];
        Assert.Equal(40, reader.TakeBuffered(first));
        Assert.Equal(body[..40], Encoding.Latin1.GetString(first, 0, 40));
        Assert.Equal(0, reader.Buffered);
    }

    [Fact]
    public void A_large_body_lands_in_its_own_array()
    {
        var body = new string('x', 300_000);
        Assert.Equal(body, Encoding.Latin1.GetString(Read($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}", 65_536).Body));
    }

    [Fact]
    public void Http_1_0_closes_unless_kept_alive_and_1_1_stays_open_unless_closed()
    {
        foreach (var (head, keepAlive) in new[]
        {
            ("HTTP/1.0 200 OK\r\nContent-Length: 0", false),
            ("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0", true),
            ("HTTP/1.1 200 OK\r\nContent-Length: 0", true),
            ("HTTP/1.1 200 OK\r\nConnection: upgrade, close\r\nContent-Length: 0", false),
            ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nTransfer-Encoding: chunked", false),
        })
        {
            var parsed = Http1ResponseHead.Parse(Encoding.Latin1.GetBytes(head), "GET /");
            Assert.True(parsed.KeepAlive == keepAlive, head);
        }
    }

    [Theory]
    [InlineData("HTTP/2 200 OK", "something that is not an HTTP/1.1 response: \"HTTP/2 200 OK\"")]
    [InlineData("HTTP/1.1 20 OK", "something that is not an HTTP/1.1 response")]
    [InlineData("HTTP/1.1 200 OK\r\n Folded: line", "a malformed header line \" Folded: line\"")]
    [InlineData("HTTP/1.1 200 OK\r\nNo colon here", "a malformed header line \"No colon here\"")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6", "an invalid Content-Length \"6\" (after 5)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1", "an invalid Content-Length \"-1\"")]
    public void Malformed_heads_are_refused_saying_what_arrived(string head, string expected)
    {
        var e = Assert.Throws<Http1ProtocolException>(() => Http1ResponseHead.Parse(Encoding.Latin1.GetBytes(head), "GET /list_resources"));
        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains("answered GET /list_resources with " + expected, e.Message);
    }

    [Fact]
    public void An_end_before_the_head_is_whole_is_a_lost_connection()
    {
        var reader = new Http1ResponseReader();
        reader.Begin("GET /");
        "HTTP/1.1 200"u8.CopyTo(reader.FreeSpace.Span);
        reader.Received(12);
        Assert.False(reader.TryFinish(out _));
        reader.Received(0);
        var e = Assert.Throws<Http1ProtocolException>(() => reader.TryFinish(out _));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.False(e.ClosedBeforeAnswer);
        Assert.Contains("closed the connection in the middle of its response headers, answering GET /", e.Message);
    }
}
