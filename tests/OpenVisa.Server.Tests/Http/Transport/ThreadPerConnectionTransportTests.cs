using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using OpenVisa.Server.Http.Transport;

namespace OpenVisa.Server.Tests.Http.Transport;

/// <summary>
/// The thread-per-connection transport on its own, with the test in Kestrel's place: it reads what the client sent
/// from the connection's input and writes the answer to its output, over real sockets on 127.0.0.1.
/// </summary>
public sealed class ThreadPerConnectionTransportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Bytes_go_both_ways_a_half_close_ends_the_input_and_the_thread_is_given_back()
    {
        var budget = new ConnectionThreadBudget(4);
        await using var listener = await BindAsync(budget, new ListLogger());
        using var client = Connect(listener.EndPoint);
        var connection = (ThreadPerConnectionConnection)(await listener.AcceptAsync().AsTask().WaitAsync(Patience))!;
        Assert.True(connection.HasOwnThread);
        Assert.Equal(1, budget.Taken);

        client.Send("ping"u8);
        Assert.Equal("ping", await ReadAsync(connection.Transport.Input, 4));
        await connection.Transport.Output.WriteAsync("pong"u8.ToArray());
        Assert.Equal("pong", Receive(client, 4));

        client.Shutdown(SocketShutdown.Send);
        var end = await connection.Transport.Input.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.True(end.IsCompleted);
        Assert.True(end.Buffer.IsEmpty);
        // The client half-closed; what is written after that still reaches it, then the close.
        await connection.Transport.Output.WriteAsync("late"u8.ToArray());
        await connection.Transport.Output.CompleteAsync();
        Assert.Equal("late", ReceiveToEnd(client));
        await connection.DisposeAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(0, budget.Taken);
    }

    [Fact]
    public async Task Beyond_the_budget_a_connection_is_served_on_the_pool_and_the_log_says_so()
    {
        var budget = new ConnectionThreadBudget(1);
        var log = new ListLogger();
        await using var listener = await BindAsync(budget, log);
        using var first = Connect(listener.EndPoint);
        var threaded = (ThreadPerConnectionConnection)(await listener.AcceptAsync().AsTask().WaitAsync(Patience))!;
        using var second = Connect(listener.EndPoint);
        var pooled = (ThreadPerConnectionConnection)(await listener.AcceptAsync().AsTask().WaitAsync(Patience))!;
        Assert.True(threaded.HasOwnThread);
        Assert.False(pooled.HasOwnThread);
        Assert.Contains(log.Messages, m => m.Contains("all 1 connection threads are in use (HttpServerOptions.ConnectionThreads)") && m.Contains("served on the thread pool"));

        foreach (var (client, connection) in new[] { (first, threaded), (second, pooled) })
        {
            for (var i = 0; i < 3; i++)
            {
                client.Send(Encoding.ASCII.GetBytes($"q{i}"));
                Assert.Equal($"q{i}", await ReadAsync(connection.Transport.Input, 2));
                await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes($"a{i}"));
                Assert.Equal($"a{i}", Receive(client, 2));
            }
        }
        second.Shutdown(SocketShutdown.Send);
        Assert.True((await pooled.Transport.Input.ReadAsync().AsTask().WaitAsync(Patience)).IsCompleted);
        await pooled.Transport.Output.CompleteAsync();
        Assert.Equal("", ReceiveToEnd(second));
        await pooled.DisposeAsync().AsTask().WaitAsync(Patience);
        await threaded.Transport.Output.CompleteAsync();
        Assert.Equal("", ReceiveToEnd(first));
        await threaded.DisposeAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(0, budget.Taken);
    }

    [Fact]
    public async Task Abort_closes_the_socket_ends_the_input_and_returns_the_thread()
    {
        var budget = new ConnectionThreadBudget(2);
        await using var listener = await BindAsync(budget, new ListLogger());
        using var client = Connect(listener.EndPoint);
        var connection = (await listener.AcceptAsync().AsTask().WaitAsync(Patience))!;
        var closed = Closed(connection);

        connection.Abort(new ConnectionAbortedException("the test aborts it"));
        Assert.Equal("", ReceiveToEnd(client));
        var aborted = await Assert.ThrowsAsync<ConnectionAbortedException>(async () =>
        {
            while (!(await connection.Transport.Input.ReadAsync().AsTask().WaitAsync(Patience)).IsCompleted)
            {
            }
        });
        Assert.Equal("the test aborts it", aborted.Message);
        await closed.WaitAsync(Patience);
        await connection.DisposeAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(0, budget.Taken);
    }

    [Fact]
    public async Task A_client_that_resets_ends_the_input_with_ConnectionResetException_and_fires_ConnectionClosed()
    {
        await using var listener = await BindAsync(new ConnectionThreadBudget(2), new ListLogger());
        var client = Connect(listener.EndPoint);
        var connection = (await listener.AcceptAsync().AsTask().WaitAsync(Patience))!;
        var closed = Closed(connection);

        client.LingerState = new LingerOption(true, 0); // close with a reset, as a crashed client's kernel does
        client.Close();
        await Assert.ThrowsAsync<ConnectionResetException>(async () => await connection.Transport.Input.ReadAsync().AsTask().WaitAsync(Patience));
        await closed.WaitAsync(Patience);
        await connection.Transport.Output.CompleteAsync();
        await connection.DisposeAsync().AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task Unbinding_makes_a_waiting_accept_return_null()
    {
        await using var listener = await BindAsync(new ConnectionThreadBudget(2), new ListLogger());
        var accepting = listener.AcceptAsync().AsTask();
        await listener.UnbindAsync();
        Assert.Null(await accepting.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_port_in_use_is_refused_with_AddressInUseException()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var factory = new ThreadPerConnectionTransportFactory(new ConnectionThreadBudget(2), new ListLogger());
        var e = await Assert.ThrowsAsync<AddressInUseException>(async () => await factory.BindAsync(holder.LocalEndPoint!));
        Assert.Contains("address already in use", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(factory.CanBind(new UnixDomainSocketEndPoint("/tmp/ovisa-test.sock")));
        Assert.True(factory.CanBind(holder.LocalEndPoint!));
    }

    private static async Task<IConnectionListener> BindAsync(ConnectionThreadBudget budget, ListLogger log) =>
        await new ThreadPerConnectionTransportFactory(budget, log).BindAsync(new IPEndPoint(IPAddress.Loopback, 0));

    private static Socket Connect(EndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = (int)Patience.TotalMilliseconds };
        socket.Connect(endPoint);
        return socket;
    }

    private static Task Closed(ConnectionContext connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionClosed.Register(() => closed.TrySetResult());
        return closed.Task;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes from the connection's input, as Kestrel would.</summary>
    private static async Task<string> ReadAsync(PipeReader input, int length)
    {
        while (true)
        {
            var result = await input.ReadAsync().AsTask().WaitAsync(Patience);
            if (result.Buffer.Length >= length)
            {
                var text = Encoding.ASCII.GetString(result.Buffer.Slice(0, length).ToArray());
                input.AdvanceTo(result.Buffer.GetPosition(length));
                return text;
            }
            Assert.False(result.IsCompleted, "the input ended early");
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static string Receive(Socket client, int length)
    {
        var buffer = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var n = client.Receive(buffer.AsSpan(filled));
            Assert.True(n > 0, "the connection closed early");
            filled += n;
        }
        return Encoding.ASCII.GetString(buffer);
    }

    /// <summary>Everything until the server closes the connection (a reset counts as a close).</summary>
    private static string ReceiveToEnd(Socket client)
    {
        var text = new StringBuilder();
        var buffer = new byte[256];
        try
        {
            int n;
            while ((n = client.Receive(buffer)) > 0)
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
        return text.ToString();
    }
}
