using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Lamb.Tests;

/// <summary>
/// The keep-alive HTTP/1.1 path of <c>@lamb</c> against a scripted raw peer: the bytes it sends, connection reuse,
/// chunked and close-delimited bodies, and every broken answer failing with a VISA status and a message saying what
/// arrived, within its timeout.
/// </summary>
public sealed class KeepAliveTransportTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private static bool IsQuery(ScriptedRequest r) => r.RequestLine.StartsWith("POST /instrument/query_raw ", StringComparison.Ordinal);

    /// <summary>
    /// A Lamb-like peer: <c>/instrument/write</c> is 200 with no body, other routes but queries are 404 (Lamb has no
    /// /api/v1/), and queries are answered by <paramref name="query"/>, which returns false to close the connection.
    /// </summary>
    private static ScriptedHttpServer Server(Func<ScriptedRequest, Socket, bool> query) =>
        new((request, socket) =>
        {
            if (IsQuery(request))
                return query(request, socket);
            socket.Send(request.RequestLine.StartsWith("POST /instrument/write ", StringComparison.Ordinal)
                ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray()
                : "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"detail\":\"Not Found\"}"u8.ToArray());
            return true;
        });

    private static ScriptedHttpServer Replying(string raw) => Server((request, socket) =>
    {
        socket.Send(Encoding.Latin1.GetBytes(raw));
        return true;
    });

    private static (ResourceManager Manager, MessageBasedResource Instrument) Open(ScriptedHttpServer server, TimeSpan? timeout = null, bool keepAliveSockets = true)
    {
        var rm = new ResourceManager(new LambLibrary(server.Url, keepAliveSockets));
        var instrument = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        instrument.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        return (rm, instrument);
    }

    private static VisaException QueryFails(MessageBasedResource instrument, StatusCode status, string command = "*IDN?")
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => instrument.Query(command));
        Assert.True(watch.Elapsed < instrument.Timeout + Margin, $"the failing query took {watch.Elapsed}, past its {instrument.Timeout} timeout");
        Assert.Equal(status, e.Status);
        Assert.Equal("Write", e.Operation);
        Assert.Equal("DEMO0::INSTR", e.ResourceName);
        return e;
    }

    /// <summary>
    /// Queries a peer that answers every query with <paramref name="raw"/>: the query must fail with
    /// <paramref name="status"/> within its timeout (<see cref="QueryFails"/>); returns the error's message.
    /// </summary>
    private static string FailureFor(string raw, StatusCode status, TimeSpan? timeout = null)
    {
        using var server = Replying(raw);
        var (rm, instrument) = Open(server, timeout);
        using (rm)
        using (instrument)
            return QueryFails(instrument, status).Message;
    }

    [Fact]
    public void The_keep_alive_path_sends_the_same_bytes_as_HttpClient()
    {
        using var server = Server((request, socket) =>
        {
            socket.Send(ScriptedHttpServer.Ok(request, "reply"));
            return true;
        });
        foreach (var keepAlive in new[] { true, false })
        {
            var (rm, instrument) = Open(server, keepAliveSockets: keepAlive);
            using (rm)
            using (instrument)
            {
                Assert.Equal(keepAlive, ((LambLibrary)rm.Library).UsesKeepAliveSockets);
                Assert.Equal("reply", instrument.Query("MEAS:VOLT?"));
                instrument.Write("VOLT 1.5");
            }
        }
        var requests = server.Requests;
        Assert.Equal(6, requests.Count); // each client: the /api/v1/server probe, the query, the write
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(requests[i + 3].NormalizedHead, requests[i].NormalizedHead);
            Assert.Equal(requests[i + 3].Body, requests[i].Body);
        }
        Assert.Equal(
            "POST /instrument/query_raw HTTP/1.1\r\nHost: H\r\nAccept: application/octet-stream\r\nAccept-Charset: utf-8\r\nX-Request-ID: N\r\n" +
            "X-Timeout-Ms: 30000\r\nContent-Type: application/json\r\nContent-Length: 53",
            requests[1].NormalizedHead);
        Assert.Equal("{\"visa_string\":\"DEMO0::INSTR\",\"command\":\"MEAS:VOLT?\"}", Encoding.UTF8.GetString(requests[1].Body));
        Assert.StartsWith("GET /api/v1/server HTTP/1.1\r\nHost: H\r\nAccept: application/json\r\n", requests[0].NormalizedHead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_and_async_calls_each_reuse_one_kept_alive_connection()
    {
        using var server = ScriptedHttpServer.Answering(r => Encoding.UTF8.GetString(r.Body));
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            for (var i = 0; i < 5; i++)
                Assert.Contains($"\"command\":\"Q{i}?\"", instrument.Query($"Q{i}?"), StringComparison.Ordinal);
            Assert.Equal(1, server.Connections);
            for (var i = 0; i < 5; i++)
                Assert.Contains($"\"command\":\"A{i}?\"", await instrument.QueryAsync($"A{i}?"), StringComparison.Ordinal);
            // The async calls have a connection of their own: .NET makes a socket non-blocking for good on its first async call.
            Assert.Equal(2, server.Connections);
        }
    }

    [Fact]
    public void A_chunked_answer_is_read_whole()
    {
        using var server = Replying("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n" +
            "5\r\nhello\r\n1;ext=1\r\n,\r\n6 \r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            Assert.Equal("hello, world", instrument.Query("*IDN?"));
            Assert.Equal("hello, world", instrument.Query("*IDN?"));
            Assert.Equal(1, server.Connections);
        }
    }

    [Fact]
    public void A_body_without_length_runs_to_the_close_and_the_next_call_reconnects()
    {
        using var server = Server((request, socket) =>
        {
            socket.Send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"u8);
            return false;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            Assert.Equal("until the end", instrument.Query("*IDN?"));
            Assert.Equal("until the end", instrument.Query("*IDN?"));
            Assert.Equal(2, server.Connections);
        }
    }

    [Fact]
    public void Interim_answers_are_skipped_and_Connection_close_is_honoured()
    {
        using var server = Server((request, socket) =>
        {
            socket.Send(Encoding.Latin1.GetBytes("HTTP/1.1 100 Continue\r\n\r\n"));
            socket.Send(ScriptedHttpServer.Ok(request, "final", "Connection: close\r\n"));
            return false;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            Assert.Equal("final", instrument.Query("*IDN?"));
            Assert.Equal("final", instrument.Query("*IDN?"));
            Assert.Equal(2, server.Connections);
        }
    }

    [Fact]
    public void A_server_that_closes_in_the_middle_of_the_body_is_a_lost_connection_saying_how_far_it_got()
    {
        using var server = Server((request, socket) =>
        {
            socket.Send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfive!"u8);
            return false;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            var e = QueryFails(instrument, StatusCode.ErrorConnectionLost);
            Assert.Contains("closed the connection in the middle of its body, after 5 of the 100 bytes its Content-Length announced, answering POST /instrument/query_raw", e.Message);
        }
    }

    [Fact]
    public void A_garbage_status_line_is_an_IO_error_showing_what_arrived()
    {
        var message = FailureFor("SSH-2.0-OpenSSH_9.2\r\n\r\n", StatusCode.ErrorIO);
        Assert.Contains("answered POST /instrument/query_raw with something that is not an HTTP/1.1 response: \"SSH-2.0-OpenSSH_9.2\"", message);
        Assert.Contains("no other service on that port", message);
    }

    [Fact]
    public void Oversized_headers_are_refused()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nX-Padding: " + new string('p', 70_000) + "\r\nContent-Length: 2\r\n\r\nok", StatusCode.ErrorIO);
        Assert.Contains("answered POST /instrument/query_raw with response headers longer than 65536 bytes", message);
    }

    [Fact]
    public void A_Content_Length_shorter_than_the_body_is_refused_not_cut_short()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello, world", StatusCode.ErrorIO);
        Assert.Contains("sent 7 bytes more than the Content-Length of 5 it announced in its answer to POST /instrument/query_raw (\", world\")", message);
    }

    [Fact]
    public void An_invalid_Content_Length_is_refused()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nContent-Length: twelve\r\n\r\nhello, world", StatusCode.ErrorIO);
        Assert.Contains("answered POST /instrument/query_raw with an invalid Content-Length \"twelve\"", message);
    }

    [Fact]
    public void A_Content_Length_longer_than_the_body_times_out_at_the_timeout()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", StatusCode.ErrorTimeout, TimeSpan.FromMilliseconds(500));
        Assert.Contains("did not answer POST /instrument/query_raw within the 500 ms timeout", message);
    }

    [Fact]
    public void A_chunk_with_a_bad_size_is_refused()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", StatusCode.ErrorIO);
        Assert.Contains("answered POST /instrument/query_raw with a chunked body holding a bad chunk size \"zz\" (hexadecimal digits expected)", message);
    }

    [Fact]
    public void A_chunk_longer_than_its_size_is_refused()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", StatusCode.ErrorIO);
        Assert.Contains("a chunk's data not followed by CRLF but by \"lo\\x0D\\x0A0", message);
    }

    [Fact]
    public void An_unknown_transfer_coding_is_refused_by_name()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", StatusCode.ErrorIO);
        Assert.Contains("with Transfer-Encoding \"gzip, chunked\", which this client does not read", message);
    }

    [Fact]
    public void An_answer_naming_another_request_is_refused()
    {
        var message = FailureFor("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Request-Id: 999999\r\n\r\nold", StatusCode.ErrorIO);
        Assert.Matches(@"sent the answer to request 999999 for request \d+ \(POST /instrument/query_raw\): stale or duplicated bytes", message);
    }

    [Fact]
    public async Task A_silent_server_times_out_sync_and_async_and_cancellation_ends_an_async_call()
    {
        var answer = false;
        using var server = Server((request, socket) =>
        {
            if (Volatile.Read(ref answer))
                socket.Send(ScriptedHttpServer.Ok(request, "awake"));
            return true; // otherwise says nothing, and keeps the connection open
        });
        var (rm, instrument) = Open(server, TimeSpan.FromMilliseconds(400));
        using (rm)
        using (instrument)
        {
            var e = QueryFails(instrument, StatusCode.ErrorTimeout);
            Assert.Contains("did not answer POST /instrument/query_raw within the 400 ms timeout. A slow instrument needs a longer timeout.", e.Message);

            var watch = Stopwatch.StartNew();
            var late = await Assert.ThrowsAsync<VisaException>(async () => await instrument.QueryAsync("*IDN?"));
            Assert.Equal(StatusCode.ErrorTimeout, late.Status);
            Assert.True(watch.Elapsed < instrument.Timeout + Margin, $"the async query took {watch.Elapsed}");

            instrument.Timeout = TimeSpan.FromSeconds(60);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            watch.Restart();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await instrument.QueryAsync("*IDN?", cancellationToken: cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300) + Margin, $"the cancelled query took {watch.Elapsed}");

            // The timed-out connections were closed: a fresh one carries the next query.
            Volatile.Write(ref answer, true);
            Assert.Equal("awake", instrument.Query("*IDN?"));
            Assert.Equal("awake", await instrument.QueryAsync("*IDN?"));
        }
    }

    [Fact]
    public void A_dropped_kept_alive_connection_fails_a_query_at_once_and_is_replaced_after_an_idle_pause()
    {
        using var server = Server((request, socket) =>
        {
            // Answers, then drops the connection without saying so (no Connection: close), as an idle timeout would.
            socket.Send(ScriptedHttpServer.Ok(request, "once"));
            return false;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            Assert.Equal("once", instrument.Query("*IDN?"));
            // At once, before the idle check would look: the query is not sent twice (an instrument may act on it).
            Thread.Sleep(100);
            var e = QueryFails(instrument, StatusCode.ErrorConnectionLost);
            Assert.Contains($"Could not talk to the Lamb server at {server.Url}/ (POST /instrument/query_raw): the server closed the connection without answering", e.Message);
            Assert.Equal("once", instrument.Query("*IDN?"));
            // Idle past the check: the dropped connection is seen and replaced before the query goes out.
            Thread.Sleep(1500);
            Assert.Equal("once", instrument.Query("*IDN?"));
        }
    }

    [Fact]
    public void An_idempotent_GET_on_a_dropped_connection_is_sent_once_more()
    {
        using var server = new ScriptedHttpServer((request, socket) =>
        {
            const string body = "{\"active\": [\"DEMO0::INSTR\"], \"inactive\": []}";
            socket.Send(Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
            return false;
        });
        using var rm = new ResourceManager(new LambLibrary(server.Url));
        Assert.Equal(["DEMO0::INSTR"], rm.ListResources());
        Thread.Sleep(100);
        Assert.Equal(["DEMO0::INSTR"], rm.ListResources());
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public void Https_and_the_test_switch_use_HttpClient()
    {
        Assert.False(new LambLibrary("https://127.0.0.1:1").UsesKeepAliveSockets);
        Assert.False(new LambLibrary("http://127.0.0.1:1", keepAliveSockets: false).UsesKeepAliveSockets);
        var library = new LambLibrary("http://127.0.0.1:1");
        Assert.True(library.UsesKeepAliveSockets);
        Assert.Contains(library.GetDebugInfo(), kv => kv.Key == "transport" && kv.Value.StartsWith("HTTP/1.1 over the backend's own", StringComparison.Ordinal));
    }
}
