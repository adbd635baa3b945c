using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Tests;

public sealed class SocketInstrumentServerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Many_raw_clients_are_served_at_once()
    {
        await using var bench = SocketBench.Start();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(async n =>
        {
            using var client = await ConnectAsync(bench.Server);
            await client.SendAsync(Encoding.ASCII.GetBytes($"ECHO {n}\r\n*IDN?\n"));
            return await ReceiveLinesAsync(client, 2);
        }));

        for (var n = 0; n < replies.Length; n++)
            Assert.Equal([$"{n}", TestDevice.Identity], replies[n]);
    }

    [Fact]
    public async Task Commands_without_reply_send_nothing_and_the_next_query_still_answers()
    {
        await using var bench = SocketBench.Start();
        using var client = await ConnectAsync(bench.Server);

        await client.SendAsync("NOREPLY\n*TRG\nECHO after\n"u8.ToArray());

        Assert.Equal(["after"], await ReceiveLinesAsync(client, 1));
        Assert.Equal(1, bench.Device.Triggers);
    }

    [Fact]
    public async Task The_server_survives_clients_that_vanish()
    {
        await using var bench = SocketBench.Start();
        using (var halfMessage = await ConnectAsync(bench.Server))
        {
            await halfMessage.SendAsync("ECHO never finis"u8.ToArray());
        }
        using (var resetter = await ConnectAsync(bench.Server))
        {
            await resetter.SendAsync("SLOW? 100\n"u8.ToArray());
            resetter.LingerState = new LingerOption(true, 0); // closes with a reset while the reply is on its way
        }

        var session = bench.Open();
        Assert.Equal(TestDevice.Identity + "\n", bench.Query(session, "*IDN?"));
        Assert.True(SpinWait.SpinUntil(() => bench.Server.ConnectionCount == 1, Bound), $"{bench.Server.ConnectionCount} connections are still open");
        Assert.DoesNotContain(bench.Device.Received, m => Encoding.ASCII.GetString(m).StartsWith("ECHO never", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_that_throws_closes_only_that_connection()
    {
        await using var bench = SocketBench.Start();
        var crashing = bench.Open();
        var bystander = bench.Open();
        bench.Write(crashing, "CRASH");

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(crashing, new byte[10]));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Equal(TestDevice.Identity + "\n", bench.Query(bystander, "*IDN?"));
    }

    [Fact]
    public async Task Stopping_closes_the_clients_and_the_listener()
    {
        var bench = SocketBench.Start();
        var session = bench.Open();
        var endPoint = bench.Server.LocalEndPoint;
        bench.Write(session, "SLOW? 10000");

        await bench.Server.StopAsync().WaitAsync(Bound);

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[10]));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Throws<SocketException>(() => late.Connect(endPoint));
        await bench.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_never_terminates_is_dropped_at_the_size_limit()
    {
        await using var server = new SocketInstrumentServer(new TestDevice(), new SocketServerOptions { MaxMessageLength = 1000 });
        server.Start();
        using var client = await ConnectAsync(server);

        await client.SendAsync(new byte[5000]);

        var buffer = new byte[10];
        using var timeout = new CancellationTokenSource(Bound);
        Assert.Equal(0, await client.ReceiveAsync(buffer, timeout.Token));
    }

    [Fact]
    public void Bad_options_are_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new SocketInstrumentServer(new TestDevice(), new SocketServerOptions { Termination = "" }));

        Assert.Contains("must be one or more characters", e.Message);
    }

    [Fact]
    public async Task The_resource_name_is_there_only_once_started()
    {
        await using var server = new SocketInstrumentServer(new TestDevice());

        var e = Assert.Throws<InvalidOperationException>(() => server.ResourceName);

        Assert.Contains("call Start() first", e.Message);
    }

    private static async Task<Socket> ConnectAsync(SocketInstrumentServer server)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Bound);
        await client.ConnectAsync(server.LocalEndPoint, timeout.Token);
        return client;
    }

    private static async Task<string[]> ReceiveLinesAsync(Socket client, int count)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (text.ToString().Count(c => c == '\n') < count)
        {
            var received = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.True(received > 0, "the server closed the connection");
            text.Append(Encoding.ASCII.GetString(buffer, 0, received));
        }
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
