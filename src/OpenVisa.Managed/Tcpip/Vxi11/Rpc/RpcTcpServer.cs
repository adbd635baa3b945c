using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// Serves one RPC program over TCP: accepts connections, reassembles each record, checks the call against the program
/// and hands it to that connection's handler, one call at a time per connection, many connections at once.
/// </summary>
/// <remarks>
/// Nothing a client sends can stop the server: a record that is not an RPC call or is larger than the limit closes
/// that client's connection (the stream's framing can no longer be trusted); a wrong program, version or procedure is
/// answered with the standard refusal; a handler that throws answers SYSTEM_ERR. A connection's handler is disposed
/// when the client goes away, however it goes.
/// <para>
/// Each connection has a thread of its own doing blocking I/O, as the SOCKET server's connections do (see
/// SocketServerConnection): an RPC client waits for each reply before it calls again, so the thread that receives a
/// call is the cheapest one to answer it. With asynchronous sockets every call hopped from the socket engine's thread
/// to a pool thread, and the pool spun between calls. A call that does not complete at once (a slow device, a lock
/// wait, a read waiting for a reply) is waited for on the connection's thread; it completes from other threads, so an
/// abort on the abort channel (a connection with its own thread) still ends it. Closing the connection closes its
/// socket, which wakes a thread blocked in a receive. Nothing on these sockets is asynchronous: on Linux one
/// asynchronous operation would switch a socket to non-blocking mode for good, and every blocking call after it would
/// go through the socket engine.
/// </para>
/// </remarks>
internal sealed class RpcTcpServer : IAsyncDisposable
{
    /// <summary>Replies up to this size keep their buffer for the next one (read-ahead asks for 1 MiB at a time); a bigger one is let go.</summary>
    private const int WriterKeepLimit = 4 * 1024 * 1024;

    private readonly IPEndPoint _endPoint;
    private readonly RpcProgramSpec _program;
    private readonly Func<RpcConnectionInfo, IRpcCallHandler> _createHandler;
    private readonly int _maxRecordLength;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Sock, (Task Task, CancellationTokenSource Closing)> _connections = new();
    private readonly TcpListenerHost _listening;

    public RpcTcpServer(IPEndPoint endPoint, RpcProgramSpec program, Func<RpcConnectionInfo, IRpcCallHandler> createHandler, int maxRecordLength, ILogger logger)
    {
        _endPoint = endPoint;
        _program = program;
        _createHandler = createHandler;
        _maxRecordLength = maxRecordLength;
        _logger = logger;
        _listening = new TcpListenerHost(program.Name, logger);
    }

    /// <summary>Where the server listens (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint =>
        _listening.LocalEndPoint ?? throw new InvalidOperationException($"The {_program.Name} server is not listening: call Start() first.");

    /// <summary>Clients connected now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts accepting; a bind failure (port in use, port below 1024 without privilege) throws here.</summary>
    public void Start()
    {
        _listening.Listen(_endPoint, 256, this, reuseAddress: true);
        _listening.StartAccepting(Accepted, pauseWhenOutOfSockets: true);
    }

    /// <summary>
    /// Stops listening and closes every connection at once without waiting for the handlers, for callers that cannot
    /// wait (a synchronous Dispose, a companion listener that failed to bind).
    /// </summary>
    public void Abandon()
    {
        _listening.Abandon();
        foreach (var (socket, connection) in _connections)
            Close(socket, connection.Closing);
    }

    /// <summary>Stops listening, closes every connection and waits for their handlers to finish.</summary>
    public async Task StopAsync()
    {
        if (!await _listening.StopAsync().ConfigureAwait(false))
            return;
        foreach (var (socket, connection) in _connections)
            Close(socket, connection.Closing);
        await Task.WhenAll(_connections.Values.Select(c => c.Task)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Accepted(Sock client, CancellationToken token)
    {
        Configure(client);
        StartConnection(client, token);
    }

    private static void Configure(Sock client)
    {
        client.NoDelay = true;
        // Finds clients that vanished without closing (power loss, cable pulled) so their links and locks are freed.
        client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 5);
        }
        catch (SocketException)
        {
            // Not every platform lets these be tuned; the system defaults still apply.
        }
    }

    /// <summary>Closes a connection: handlers waiting on its token stop, and its receive loop ends.</summary>
    private static void Close(Sock socket, CancellationTokenSource closing)
    {
        try
        {
            closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    /// <summary>Starts the thread that serves <paramref name="socket"/>; the connection is registered before it runs.</summary>
    private void StartConnection(Sock socket, CancellationToken stopping)
    {
        var closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[socket] = (ended.Task, closing);
        var peer = socket.RemoteEndPoint;
        try
        {
            var thread = new Thread(() => Serve(socket, closing, ended)) { IsBackground = true, Name = $"{_program.Name} {peer}" };
            thread.Start();
        }
        catch (Exception e)
        {
            // No thread to be had (out of memory): this client is turned away, the server keeps accepting.
            _logger.LogError(e, "{Program} server: no thread for client {Peer}; closing its connection", _program.Name, peer);
            Close(socket, closing);
            _connections.TryRemove(socket, out _);
            closing.Dispose();
            ended.TrySetResult();
        }
    }

    /// <summary>One connection's loop, on its own thread: blocking receive, dispatch, blocking send, until the client or the server ends it.</summary>
    private void Serve(Sock socket, CancellationTokenSource closing, TaskCompletionSource ended)
    {
        var stopping = closing.Token;
        var peer = (IPEndPoint)socket.RemoteEndPoint!;
        IRpcCallHandler? handler = null;
        var reader = new RpcRecordReader(_maxRecordLength);
        var writer = new XdrWriter();
        try
        {
            // Closing the socket is what wakes this thread from a blocking receive when the connection is closed.
            using var wake = stopping.UnsafeRegister(static state => ((Sock)state!).Dispose(), socket);
            handler = _createHandler(new RpcConnectionInfo(peer, (IPEndPoint)socket.LocalEndPoint!, () => Close(socket, closing), stopping));
            _logger.LogDebug("{Program} client {Peer} connected", _program.Name, peer);
            while (true)
            {
                var record = reader.Receive(socket);
                RpcCall call;
                int argumentsOffset;
                try
                {
                    call = RpcCall.Parse(record.Span, peer, out argumentsOffset);
                }
                catch (XdrException e)
                {
                    _logger.LogWarning("{Program} client {Peer} sent a record that is not an RPC call ({Reason}); closing its connection", _program.Name, peer, e.Message);
                    return;
                }
                writer.BeginRecord();
                if (RpcCallCheck.Accepts(_program, call, writer))
                {
                    // Most calls complete at once; one that does not (a slow device, a lock wait) is waited for on this thread.
                    ConnectionThread.Complete(RpcCallCheck.DispatchAsync(handler, _program, call, record[argumentsOffset..], writer, _logger, stopping));
                }
                else
                {
                    _logger.LogDebug("{Program} client {Peer} called program 0x{Called:X} version {Version}; refused",
                        _program.Name, peer, call.Program, call.Version);
                }
                writer.FinishRecord();
                ConnectionThread.SendAll(socket, writer.WrittenMemory.Span);
                if (writer.Capacity > WriterKeepLimit)
                    writer = new XdrWriter(); // do not hold a big block's buffer for the connection's lifetime
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
        {
            // The server is stopping, or the connection was closed on purpose (its socket closed under the receive).
        }
        catch (EndOfStreamException e)
        {
            _logger.LogDebug("{Program} client {Peer}: {Reason}", _program.Name, peer, e.Message);
        }
        catch (RpcException e) when (e.Failure == RpcFailure.RecordTooLarge)
        {
            _logger.LogWarning("{Program} client {Peer}: {Reason} Closing its connection.", _program.Name, peer, e.Message);
        }
        catch (SocketException e)
        {
            _logger.LogDebug("{Program} client {Peer} went away ({Error})", _program.Name, peer, e.SocketErrorCode);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Program} connection from {Peer} failed; closing it", _program.Name, peer);
        }
        finally
        {
            Close(socket, closing);
            DisposeHandler(handler, peer);
            _connections.TryRemove(socket, out _);
            closing.Dispose();
            ended.TrySetResult();
        }
    }

    private void DisposeHandler(IRpcCallHandler? handler, IPEndPoint peer)
    {
        try
        {
            switch (handler)
            {
                case IAsyncDisposable asyncDisposable:
                    ConnectionThread.Complete(asyncDisposable.DisposeAsync());
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Program}: cleaning up after client {Peer} failed", _program.Name, peer);
        }
    }
}

/// <summary>Who is on a connection, for the handler that serves it.</summary>
/// <param name="Peer">The client's address.</param>
/// <param name="Local">The server's address on this connection.</param>
/// <param name="Close">Closes the connection, e.g. when a device asks to drop its client.</param>
/// <param name="Closing">Fires when the connection closes (the server stops, or <paramref name="Close"/> is called), so handlers stop waiting.</param>
internal sealed record RpcConnectionInfo(IPEndPoint Peer, IPEndPoint Local, Action Close, CancellationToken Closing);
