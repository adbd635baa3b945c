using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http.Transport;

/// <summary>
/// The HTTP server over its thread-per-connection transport (its default) and over Kestrel's socket transport, with
/// clients that half-close, stop reading, or outnumber the connection threads; real HTTP on 127.0.0.1.
/// </summary>
public sealed class HttpTransportTests
{
    private static readonly byte[] IdnRequest = Encoding.ASCII.GetBytes(
        "POST /instrument/query_raw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 48\r\n\r\n" +
        "{\"visa_string\":\"DEMO0::INSTR\",\"command\":\"*IDN?\"}");

    [Theory]
    [InlineData(64)]
    [InlineData(0)]
    public async Task A_half_close_ends_the_connection_as_on_Kestrels_own_transport_and_the_server_goes_on(int connectionThreads)
    {
        // Kestrel takes a client's FIN for the client leaving (it aborts what is in progress), on any transport: what is
        // checked is that the connection ends, the same on both, and that nothing is left stuck.
        await using var http = await HttpTestServer.StartAsync(new HttpServerOptions { ConnectionThreads = connectionThreads });
        for (var i = 0; i < 3; i++)
        {
            using var client = Connect(http.Server.Port);
            client.Send(IdnRequest);
            client.Shutdown(SocketShutdown.Send);
            var response = ReceiveToEnd(client);
            Assert.True(response.Length == 0 || response.EndsWith(http.Demo.Identity, StringComparison.Ordinal), response);
        }
        using var next = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
        Assert.Equal(http.Demo.Identity, await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pipelined_requests_on_one_connection_are_answered_in_order()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var client = Connect(http.Server.Port);
        client.Send([.. IdnRequest, .. IdnRequest, .. IdnRequest]);
        var response = new StringBuilder();
        var buffer = new byte[4096];
        while (response.ToString().Split(http.Demo.Identity).Length - 1 < 3)
        {
            var n = client.Receive(buffer);
            Assert.True(n > 0, "the server closed the connection after: " + response);
            response.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        Assert.Equal(3, response.ToString().Split("HTTP/1.1 200").Length - 1);
        Assert.EndsWith(http.Demo.Identity, response.ToString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task Clients_beyond_the_connection_threads_or_on_Kestrels_sockets_are_all_served(int connectionThreads)
    {
        var log = new ListLogger();
        var demo = new DemoInstrument("SN7");
        await using var server = new HttpInstrumentServer([new("DEMO0::INSTR", demo)], IPAddress.Loopback, new HttpServerOptions { ConnectionThreads = connectionThreads }, logger: log);
        await server.StartAsync();
        var clients = Enumerable.Range(0, 12).Select(_ => new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) }).ToList();
        try
        {
            var answers = await Task.WhenAll(clients.Select(async client =>
            {
                var replies = new List<string>();
                for (var i = 0; i < 10; i++)
                {
                    using var response = await client.PostAsync("/instrument/query", new StringContent(HttpTestServer.Command("DEMO0::INSTR", "*IDN?"), Encoding.UTF8, "application/json"));
                    replies.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                return replies;
            }));
            Assert.All(answers.SelectMany(a => a), reply => Assert.Equal($"200 {demo.Identity}", reply));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
        var spent = log.Messages.Any(m => m.Contains("all 2 connection threads are in use") && m.Contains("served on the thread pool"));
        Assert.Equal(connectionThreads == 2, spent);
    }

    [Fact]
    public async Task A_client_that_stops_reading_a_large_reply_holds_up_neither_other_clients_nor_the_stop()
    {
        var http = await HttpTestServer.StartAsync();
        using var stalled = Connect(http.Server.Port);
        var body = "{\"visa_string\":\"DEMO0::INSTR\",\"command\":\"DATA? 33554432\"}";
        stalled.Send(Encoding.ASCII.GetBytes($"POST /instrument/query_raw HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        // The first bytes arrive; the rest waits in the server's send, which blocks once the socket's buffers are full.
        var first = new byte[64];
        Assert.True(stalled.Receive(first) > 0);

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
            Assert.Equal(http.Demo.Identity, await response.Content.ReadAsStringAsync());
        }
        var stopping = Stopwatch.StartNew();
        await http.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        // Stop waits 5 s for requests in progress, then aborts them: the blocked send must end with the abort.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5 + 10), $"stopping took {stopping.Elapsed}");
    }

    [Fact]
    public void Negative_connection_threads_are_refused_with_a_message_saying_what_to_give()
    {
        var e = Assert.Throws<ArgumentException>(() => new HttpInstrumentServer([], IPAddress.Loopback, new HttpServerOptions { ConnectionThreads = -1 }));
        Assert.Contains("HTTP connection threads -1 is negative; give 0 for Kestrel's socket transport, or more.", e.Message);
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 60_000 };
        socket.Connect(IPAddress.Loopback, port);
        return socket;
    }

    private static string ReceiveToEnd(Socket client)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = client.Receive(buffer)) > 0)
            text.Append(Encoding.Latin1.GetString(buffer, 0, n));
        return text.ToString();
    }
}
