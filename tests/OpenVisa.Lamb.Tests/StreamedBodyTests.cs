using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tests.Faults;

namespace OpenVisa.Lamb.Tests;

/// <summary>
/// Large answers over the keep-alive path, whose bodies stay on the connection until the reads take them (received
/// straight into the reads' buffers): bytes and statuses as from a whole body, termination characters inside them,
/// connection reuse, and a server that stops, stalls or says more than it announced in the middle of one.
/// </summary>
public sealed class StreamedBodyTests
{
    private const int Large = 300_000; // well over LambHttp.StreamBodiesFrom
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private static string Pattern(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = (char)('A' + (i % 26));
    });

    private static bool IsQuery(ScriptedRequest r) => r.RequestLine.StartsWith("POST /instrument/query_raw ", StringComparison.Ordinal);

    /// <summary>A Lamb-like peer (404 for /api/v1/) whose queries <paramref name="query"/> answers; false closes the connection.</summary>
    private static ScriptedHttpServer Server(Func<ScriptedRequest, Socket, bool> query) =>
        new((request, socket) =>
        {
            if (IsQuery(request))
                return query(request, socket);
            socket.Send("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"detail\":\"Not Found\"}"u8);
            return true;
        });

    private static (ResourceManager Manager, MessageBasedResource Instrument) Open(ScriptedHttpServer server, TimeSpan? timeout = null)
    {
        var rm = new ResourceManager(new LambLibrary(server.Url));
        var instrument = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        instrument.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        return (rm, instrument);
    }

    /// <summary>
    /// Answers the first query with the head and the first 100 000 bytes of <paramref name="body"/>, runs
    /// <paramref name="afterCut"/> (a stall), then closes that connection; every later query gets the whole body.
    /// </summary>
    private static ScriptedHttpServer CutShortOnce(string body, Action afterCut)
    {
        var queries = 0;
        return Server((request, socket) =>
        {
            var whole = ScriptedHttpServer.Ok(request, body);
            if (Interlocked.Increment(ref queries) > 1)
            {
                socket.Send(whole);
                return true;
            }
            socket.Send(whole.AsSpan(0, whole.Length - body.Length + 100_000));
            afterCut();
            return false;
        });
    }

    /// <summary>Reads the pending reply through the backend in pieces of <paramref name="piece"/> bytes, as <c>viRead</c> calls would; every status but the last is "more to read".</summary>
    private static byte[] ReadInPieces(ResourceManager rm, MessageBasedResource instrument, int piece)
    {
        var whole = new MemoryStream();
        var buffer = new byte[piece];
        while (true)
        {
            var result = rm.Library.Read(instrument.Session, buffer);
            whole.Write(buffer, 0, result.Count);
            if (result.Status == StatusCode.Success)
                return whole.ToArray();
            Assert.Equal(StatusCode.SuccessMaxCountRead, result.Status);
            Assert.Equal(piece, result.Count);
        }
    }

    [Fact]
    public void A_large_reply_read_in_pieces_arrives_whole_and_in_order_and_the_connection_is_reused()
    {
        var body = Pattern(Large);
        using var server = Server((request, socket) =>
        {
            socket.Send(ScriptedHttpServer.Ok(request, body));
            return true;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            for (var round = 0; round < 3; round++)
            {
                instrument.Write("DATA?");
                Assert.Equal(body, Encoding.Latin1.GetString(ReadInPieces(rm, instrument, 7_000 + round)));
                // The reply ended with its last byte: a further read has nothing, as after any whole reply.
                var e = Assert.Throws<VisaException>(() => rm.Library.Read(instrument.Session, new byte[10]));
                Assert.Equal(StatusCode.ErrorTimeout, e.Status);
                Assert.Contains("no reply is pending", e.Message, StringComparison.Ordinal);
            }
            Assert.Equal(1, server.Connections);
        }
    }

    [Fact]
    public void A_large_binary_block_lands_in_the_callers_array()
    {
        var payload = Pattern(1 << 20);
        var block = $"#7{payload.Length:D7}{payload}\n";
        using var server = Server((request, socket) =>
        {
            socket.Send(ScriptedHttpServer.Ok(request, block));
            return true;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            var into = new byte[payload.Length];
            for (var round = 0; round < 2; round++)
            {
                Array.Clear(into);
                Assert.Equal(payload.Length, instrument.QueryBinaryValues<byte>("CURV?", into));
                Assert.Equal(payload, Encoding.Latin1.GetString(into));
            }
            Assert.StartsWith("#71048576ABC", instrument.Query("CURV?"), StringComparison.Ordinal); // after blocks: its own reply, from the start
        }
    }

    [Fact]
    public void A_termination_character_inside_a_large_reply_ends_each_read_there()
    {
        var first = new string('a', 100_000) + "\n";
        var second = new string('b', 200_000) + "\n";
        using var server = Server((request, socket) =>
        {
            socket.Send(ScriptedHttpServer.Ok(request, first + second + "tail"));
            return true;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            rm.Library.SetAttribute(instrument.Session, VisaAttribute.TerminationCharacter, (byte)'\n');
            rm.Library.SetAttribute(instrument.Session, VisaAttribute.TerminationCharacterEnabled, true);
            instrument.Write("DATA?");
            var buffer = new byte[1 << 20];
            var one = rm.Library.Read(instrument.Session, buffer);
            Assert.Equal((first.Length, StatusCode.SuccessTerminationCharacterRead), (one.Count, one.Status));
            Assert.Equal(first, Encoding.Latin1.GetString(buffer, 0, one.Count));
            var two = rm.Library.Read(instrument.Session, buffer);
            Assert.Equal((second.Length, StatusCode.SuccessTerminationCharacterRead), (two.Count, two.Status));
            Assert.Equal(second, Encoding.Latin1.GetString(buffer, 0, two.Count));
            var three = rm.Library.Read(instrument.Session, buffer);
            Assert.Equal((4, StatusCode.Success), (three.Count, three.Status));
            Assert.Equal("tail", Encoding.Latin1.GetString(buffer, 0, three.Count));
        }
    }

    [Fact]
    public void A_server_that_closes_in_the_middle_of_a_large_body_fails_the_read_saying_how_far_it_got_and_the_next_query_reconnects()
    {
        var body = Pattern(Large);
        using var server = CutShortOnce(body, afterCut: () => { });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            instrument.Write("DATA?");
            var e = Assert.Throws<VisaException>(() => instrument.ReadBytes(Large));
            Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
            Assert.Equal("Read", e.Operation);
            Assert.Contains("closed the connection in the middle of its body, after 100000 of the 300000 bytes its Content-Length announced, answering POST /instrument/query_raw", e.Message);
            Assert.Equal(body, instrument.Query("DATA?"));
            Assert.Equal(2, server.Connections);
        }
    }

    [Fact]
    public void A_server_that_stalls_in_the_middle_of_a_large_body_times_the_read_out_and_the_next_query_gets_its_own_reply()
    {
        var body = Pattern(Large);
        using var stalled = new ManualResetEventSlim();
        using var server = CutShortOnce(body, afterCut: () => stalled.Wait(TimeSpan.FromSeconds(20)));
        var (rm, instrument) = Open(server, TimeSpan.FromMilliseconds(500));
        using (rm)
        using (instrument)
        {
            instrument.Write("DATA?");
            var e = TimedFailure.Of(() => Encoding.Latin1.GetString(instrument.ReadBytes(Large)), instrument.Timeout, Margin);
            stalled.Set();
            Assert.Equal(StatusCode.ErrorTimeout, e.Status);
            Assert.Equal("Read", e.Operation);
            Assert.Matches(@"sent \d+ of the 300000 bytes of its answer to POST /instrument/query_raw, then nothing more within the 500 ms timeout\. The rest of the answer is dropped", e.Message);
            instrument.Timeout = TimeSpan.FromSeconds(30);
            Assert.Equal(body, instrument.Query("DATA?"));
        }
    }

    [Fact]
    public void A_new_query_gives_up_the_unread_rest_of_a_large_reply_and_gets_its_own()
    {
        var queries = 0;
        using var server = Server((request, socket) =>
        {
            // Each answer is 4 MiB, more than the sockets hold: the first stays half sent while the client moves on.
            var body = new string((char)('0' + (Interlocked.Increment(ref queries) % 10)), 4 << 20);
            try
            {
                socket.Send(ScriptedHttpServer.Ok(request, body));
                return true;
            }
            catch (SocketException)
            {
                return false; // the client closed the connection of the reply it gave up
            }
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            instrument.Write("DATA?");
            Assert.Equal("1111", Encoding.Latin1.GetString(instrument.ReadBytes(4)));
            var second = instrument.Query("DATA?");
            Assert.Equal(4 << 20, second.Length);
            Assert.All(second, c => Assert.Equal('2', c));
            Assert.Equal(2, server.Connections);
        }
    }

    [Fact]
    public void Closing_the_session_closes_the_connection_of_an_unread_large_reply()
    {
        using var closed = new ManualResetEventSlim();
        using var server = Server((request, socket) =>
        {
            try
            {
                socket.Send(ScriptedHttpServer.Ok(request, new string('x', 16 << 20)));
                return true;
            }
            catch (SocketException)
            {
                closed.Set();
                return false;
            }
        });
        var (rm, instrument) = Open(server);
        using (rm)
        {
            instrument.Write("DATA?");
            Assert.Equal("xx", Encoding.Latin1.GetString(instrument.ReadBytes(2)));
            instrument.Dispose();
            Assert.True(closed.Wait(TimeSpan.FromSeconds(10)), "the server went on sending the given-up reply: its connection was not closed");
        }
    }

    [Fact]
    public void Bytes_past_the_end_of_a_large_body_are_never_taken_for_the_next_querys_reply()
    {
        var body = Pattern(Large);
        var queries = 0;
        using var server = Server((request, socket) =>
        {
            var n = Interlocked.Increment(ref queries);
            var answer = ScriptedHttpServer.Ok(request, n == 1 ? body : $"reply {n}");
            // The first answer is followed by a duplicate of itself, as a faulty proxy might send.
            socket.Send(n == 1 ? [.. answer, .. answer] : answer);
            return true;
        });
        var (rm, instrument) = Open(server);
        using (rm)
        using (instrument)
        {
            Assert.Equal(body, instrument.Query("DATA?"));
            try
            {
                Assert.Matches("^reply [0-9]+$", instrument.Query("NEXT?"));
            }
            catch (VisaException e)
            {
                // The duplicate arrived after the check at the body's end: refused by its request id, never returned.
                Assert.Equal(StatusCode.ErrorIO, e.Status);
            }
            Assert.Matches("^reply [0-9]+$", instrument.Query("NEXT?"));
        }
    }
}
