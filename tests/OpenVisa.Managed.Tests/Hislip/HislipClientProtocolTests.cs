using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>The client against a hand-played server: the Interrupted rules, stale replies, and server errors mid-read.</summary>
public sealed class HislipClientProtocolTests
{
    private static async Task<(ScriptedHislipServer Server, HislipClient Client)> ConnectAsync(HislipClientOptions? options = null)
    {
        var server = new ScriptedHislipServer();
        var accept = server.AcceptAsync();
        var client = await Task.Run(() => HislipClient.Connect("127.0.0.1", server.Port, options ?? new HislipClientOptions { TimeoutMilliseconds = 2000 }));
        await accept;
        return (server, client);
    }

    [Fact]
    public async Task Data_before_Interrupted_is_dropped_when_AsyncInterrupted_came_first()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.WriteText("Q?");
            var query = server.Sync!.Receive().Header;
            server.Async!.Send(HislipMessageType.AsyncInterrupted, 0, query.Parameter);
            await Task.Delay(100); // the client's reader takes it before the stale data arrives
            server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, "stale\n"u8);
            server.Sync.Send(HislipMessageType.Interrupted, 0, query.Parameter);
            server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, "fresh\n"u8);

            Assert.Equal("fresh\n", client.ReadText());
        }
    }

    [Fact]
    public async Task An_AsyncInterrupted_that_no_Interrupted_follows_costs_no_later_reply()
    {
        // Issue 18, item 5: a public HiSLIP server sends one unsolicited AsyncInterrupted after a device clear; every
        // later reply used to be discarded until the next clear.
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.WriteText("A?");
            var a = server.Sync!.Receive().Header;
            server.Sync.Send(HislipMessageType.DataEnd, 0, a.Parameter, "a\n"u8);
            Assert.Equal("a\n", client.ReadText());
            server.Async!.Send(HislipMessageType.AsyncInterrupted, 0, a.Parameter);
            await Task.Delay(100); // the client's reader has taken it

            foreach (var text in new[] { "b", "c" })
            {
                client.WriteText(text.ToUpperInvariant() + "?");
                var query = server.Sync.Receive().Header;
                server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, Encoding.ASCII.GetBytes(text + "\n"));
                Assert.Equal(text + "\n", client.ReadText());
            }
        }
    }

    [Fact]
    public async Task A_reply_over_the_maximum_message_size_is_refused_with_HiSLIP_error_4_and_the_timeout_says_so()
    {
        var (server, client) = await ConnectAsync(new HislipClientOptions { TimeoutMilliseconds = 1000, MaxMessageSize = 1024 });
        using (server)
        using (client)
        {
            client.WriteText("BIG?");
            var query = server.Sync!.Receive().Header;
            server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, new byte[1025]);

            var e = Assert.Throws<VisaException>(() => client.ReadText());

            Assert.Equal(StatusCode.ErrorTimeout, e.Status);
            Assert.Contains("larger than the 1024 bytes", e.Message);
            Assert.Contains("MaxMessageSize", e.Message);
            var error = server.Sync.Receive().Header;
            Assert.Equal(HislipMessageType.Error, error.Type);
            Assert.Equal((byte)HislipErrorCode.MessageTooLarge, error.ControlCode);

            // The session goes on: a reply within the limit is read.
            client.WriteText("SMALL?");
            var next = server.Sync.Receive().Header;
            server.Sync.Send(HislipMessageType.DataEnd, 0, next.Parameter, "ok\n"u8);
            Assert.Equal("ok\n", client.ReadText());
        }
    }

    [Fact]
    public async Task A_timeout_after_a_stale_reply_names_it_instead_of_asking_whether_it_was_a_query()
    {
        var (server, client) = await ConnectAsync(new HislipClientOptions { TimeoutMilliseconds = 500 });
        using (server)
        using (client)
        {
            client.WriteText("A?");
            var first = server.Sync!.Receive().Header;
            client.WriteText("B?");
            server.Sync.Receive();
            server.Sync.Send(HislipMessageType.DataEnd, 0, first.Parameter, "old\n"u8);

            var e = Assert.Throws<VisaException>(() => client.ReadText());

            Assert.Contains($"a reply to the older message 0x{first.Parameter:X8} was dropped as stale", e.Message);
            Assert.DoesNotContain("Was the last message a query?", e.Message);
        }
    }

    [Fact]
    public async Task After_Interrupted_the_next_write_waits_for_AsyncInterrupted()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.WriteText("Q?");
            var query = server.Sync!.Receive().Header;
            server.Sync.Send(HislipMessageType.Interrupted, 0, query.Parameter);
            server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, "reply\n"u8);
            Assert.Equal("reply\n", client.ReadText());

            var write = Task.Run(() => client.WriteText("NEXT"));
            await Task.Delay(300);
            Assert.False(write.IsCompleted);
            server.Async!.Send(HislipMessageType.AsyncInterrupted, 0, query.Parameter);

            await write.WaitAsync(TimeSpan.FromSeconds(3));
            var next = server.Sync.Receive();
            Assert.Equal("NEXT", Encoding.ASCII.GetString(next.Payload));
            Assert.Equal(1, next.Header.ControlCode); // RMT delivered: the reply was read to its END
        }
    }

    [Fact]
    public async Task A_reply_to_an_older_message_is_dropped_in_synchronized_mode()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.WriteText("A?");
            var first = server.Sync!.Receive().Header;
            client.WriteText("B?");
            var second = server.Sync.Receive().Header;
            Assert.Equal(HislipMessageIds.Initial, first.Parameter);
            Assert.Equal(HislipMessageIds.Next(HislipMessageIds.Initial), second.Parameter);
            server.Sync.Send(HislipMessageType.DataEnd, 0, first.Parameter, "old\n"u8);
            server.Sync.Send(HislipMessageType.Data, 0, HislipMessageIds.Unknown, "ne"u8);
            server.Sync.Send(HislipMessageType.DataEnd, 0, second.Parameter, "w\n"u8);

            Assert.Equal("new\n", client.ReadText());
        }
    }

    [Fact]
    public async Task An_Error_from_the_server_during_a_read_names_the_code_and_the_session_goes_on()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.WriteText("Q?");
            var query = server.Sync!.Receive().Header;
            server.Sync.Send(HislipMessageType.Error, (byte)HislipErrorCode.MessageTooLarge, 0, "too big"u8);

            var error = Assert.Throws<VisaException>(() => client.ReadText());
            Assert.Equal(StatusCode.ErrorInvalidSize, error.Status);
            Assert.Contains("error 4 (message too large): too big", error.Message);

            server.Sync.Send(HislipMessageType.DataEnd, 0, query.Parameter, "ok\n"u8);
            Assert.Equal("ok\n", client.ReadText());
        }
    }

    [Fact]
    public async Task A_FatalError_on_the_asynchronous_channel_loses_the_session_with_the_servers_reason()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            server.Async!.Send(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.Unidentified, 0, "shutting down"u8);
            await HislipRobustnessTests.WaitUntil(() => client.IsLost);

            var error = Assert.Throws<VisaException>(() => client.WriteText("Q?"));
            Assert.Equal(StatusCode.ErrorConnectionLost, error.Status);
            Assert.Contains("fatal error 0 (unidentified): shutting down", error.Message);
        }
    }

    [Fact]
    public async Task A_status_query_answered_late_is_not_taken_for_the_next_one()
    {
        var (server, client) = await ConnectAsync();
        using (server)
        using (client)
        {
            client.TimeoutMilliseconds = 200;
            var first = Assert.Throws<VisaException>(() => client.ReadStatusByte());
            Assert.Equal(StatusCode.ErrorTimeout, first.Status);
            Assert.Contains("sent no AsyncStatusResponse within 200 ms", first.Message);
            Assert.Equal(HislipMessageType.AsyncStatusQuery, server.Async!.Receive().Header.Type);
            server.Async.Send(HislipMessageType.AsyncStatusResponse, 0x11, 0);

            client.TimeoutMilliseconds = 2000;
            var second = Task.Run(() => client.ReadStatusByte());
            Assert.Equal(HislipMessageType.AsyncStatusQuery, server.Async.Receive().Header.Type);
            server.Async.Send(HislipMessageType.AsyncStatusResponse, 0x22, 0);

            Assert.Equal(0x22, await second.WaitAsync(TimeSpan.FromSeconds(3)));
        }
    }

    [Fact]
    public async Task A_server_that_is_not_HiSLIP_fails_the_open_within_its_timeout()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptSocketAsync();

        var error = await Assert.ThrowsAsync<VisaException>(() => Task.Run(() =>
            HislipClient.Connect("127.0.0.1", port, new HislipClientOptions { OpenTimeout = TimeSpan.FromMilliseconds(300) })));

        Assert.Equal(StatusCode.ErrorResourceNotFound, error.Status);
        Assert.Contains("sent no InitializeResponse within the open timeout: is it a HiSLIP server?", error.Message);
        (await accept).Dispose();
    }
}
