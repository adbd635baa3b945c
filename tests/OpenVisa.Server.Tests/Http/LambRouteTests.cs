using System.Net;
using System.Text.Json;

namespace OpenVisa.Server.Tests.Http;

/// <summary>The Lamb-compatible routes, as PyTestLab's LambBackend calls them, over real HTTP on 127.0.0.1.</summary>
public sealed class LambRouteTests
{
    [Fact]
    public async Task Query_returns_the_reply_as_UTF8_text()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(http.Demo.Identity, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Query_raw_returns_a_binary_block_byte_for_byte()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/instrument/query_raw", HttpTestServer.Command("DEMO0::INSTR", "DATA? 1000000"),
            r => r.Headers.Accept.ParseAdd("application/octet-stream"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("#71000000"u8.ToArray(), body[..9]);
        Assert.Equal(1_000_009, body.Length);
        for (var i = 0; i < 1_000_000; i++)
        {
            if (body[9 + i] != (byte)i)
                Assert.Fail($"data byte {i} is {body[9 + i]}, not {(byte)i}");
        }
    }

    [Fact]
    public async Task Write_sends_the_command_and_answers_200_with_an_empty_body()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var write = await http.PostJsonAsync("/instrument/write", HttpTestServer.Command("DEMO0::INSTR", "*TRG"));
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Empty(await write.Content.ReadAsByteArrayAsync());
        using var count = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("demo0::instr", "TRIG:COUN?"));
        Assert.Equal("1", await count.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task List_resources_has_every_instrument_active()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.Client.GetAsync("/list_resources");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"active\":[\"DEMO0::INSTR\",\"SLOW0::INSTR\"],\"inactive\":[]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Add_finds_an_instrument_by_its_IDN_model_and_serial()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var byModel = await http.PostJsonAsync("/add", "{\"model_name\": \"Slow Device\"}");
        Assert.Equal(HttpStatusCode.OK, byModel.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", byModel.Content.Headers.ContentType!.ToString());
        Assert.Equal("SLOW0::INSTR", await byModel.Content.ReadAsStringAsync());
        using var bySerial = await http.PostJsonAsync("/add", "{\"model_name\": \"demo instrument\", \"serial_number\": \"SN42\"}");
        Assert.Equal("DEMO0::INSTR", await bySerial.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Add_with_no_match_is_404_naming_what_is_served()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/add", "{\"model_name\": \"Demo Instrument\", \"serial_number\": \"OTHER\"}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND: No served instrument has model 'Demo Instrument' and serial 'OTHER'", text);
        Assert.Contains("DEMO0::INSTR (model Demo Instrument, serial SN42)", text);
    }

    [Fact]
    public async Task An_unknown_visa_string_is_404_in_plain_text_listing_the_instruments()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("USB0::1::2::3::INSTR", "*IDN?"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND: No instrument named 'USB0::1::2::3::INSTR' is served here. Served: DEMO0::INSTR, SLOW0::INSTR.", text);
    }

    [Theory]
    [InlineData("{\"visa_string\": ", 400, "is not valid JSON")]
    [InlineData("[1, 2]", 400, "takes a JSON object")]
    [InlineData("{\"command\": \"*IDN?\"}", 422, "needs \"visa_string\" as a string, but it is missing")]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\", \"command\": 5}", 422, "needs \"command\" as a string, but it is a JSON number")]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\", \"command\": \"*RST\"}", 400, "\"*RST\" is not a query (it has no '?')")]
    public async Task Bad_requests_get_a_plain_text_reason_and_the_server_keeps_serving(string body, int status, string reason)
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/instrument/query", body);
        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("VI_ERROR_INV_PARAMETER: ", text);
        Assert.Contains(reason, text);
        using var next = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_the_server_keeps_serving()
    {
        await using var http = await HttpTestServer.StartAsync(new() { MaxRequestBodyBytes = 1024 });
        // Expect: 100-continue, as curl sends for large bodies: the server refuses before the body is sent, so the
        // answer always arrives (without it the client may still be sending when the server closes, a broken pipe).
        using var response = await http.PostJsonAsync("/instrument/write", HttpTestServer.Command("DEMO0::INSTR", "ECHO? " + new string('x', 5000)),
            r => r.Headers.ExpectContinue = true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(" bytes) is larger than this server's limit of 1024 bytes", await response.Content.ReadAsStringAsync());
        Assert.StartsWith("VI_ERROR_INV_PARAMETER: The request body (", await response.Content.ReadAsStringAsync());
        // A body sent in chunks, without Content-Length, is stopped at the limit too; the server answers 413 and drops
        // the connection, which the client may see as a reset while it still sends.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/instrument/write") { Content = new StreamContent(new ChunkedStream(5000)) };
        chunked.Headers.ExpectContinue = true;
        try
        {
            using var second = await http.Client.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
            Assert.Contains("limit of 1024 bytes", await second.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            // The 413 came while the rest of the body was on its way.
        }
        using var next = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_query_past_its_timeout_is_504_with_VI_ERROR_TMO()
    {
        await using var http = await HttpTestServer.StartAsync(new() { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var started = DateTime.UtcNow;
        using var response = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("SLOW0::INSTR", "SLOW? 30000"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the request ended long after its timeout");
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("VI_ERROR_TMO: SLOW0::INSTR did not finish the message within the 300 ms timeout", text);
    }

    [Fact]
    public async Task A_client_may_ask_for_a_shorter_timeout_but_not_a_malformed_one()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("SLOW0::INSTR", "SLOW? 30000"), r => r.Headers.Add("X-Timeout-Ms", "200"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("200 ms timeout", await response.Content.ReadAsStringAsync());
        using var bad = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("SLOW0::INSTR", "ID?"), r => r.Headers.Add("X-Timeout-Ms", "soon"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be a positive number of milliseconds, not \"soon\"", await bad.Content.ReadAsStringAsync());
    }

    /// <summary>A body of <c>x</c>s of unknown length, so HttpClient sends it chunked.</summary>
    private sealed class ChunkedStream(int length) : Stream
    {
        private int _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _left), 512);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    internal static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
