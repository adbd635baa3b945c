using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
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
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Sock, (Task Task, CancellationTokenSource Closing)> _connections = new();
    private Sock? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    public RpcTcpServer(IPEndPoint endPoint, RpcProgramSpec program, Func<RpcConnectionInfo, IRpcCallHandler> createHandler, int maxRecordLength, ILogger logger)
    {
        _endPoint = endPoint;
        _program = program;
        _createHandler = createHandler;
        _maxRecordLength = maxRecordLength;
        _logger = logger;
    }

    /// <summary>Where the server listens (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException($"The {_program.Name} server is not listening: call Start() first.");

    /// <summary>Clients connected now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts accepting; a bind failure (port in use, port below 1024 without privilege) throws here.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        var listener = new Sock(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(_endPoint);
            listener.Listen(256);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>
    /// Stops listening and closes every connection at once without waiting for the handlers, for callers that cannot
    /// wait (a synchronous Dispose, a companion listener that failed to bind).
    /// </summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _stopping.Cancel();
        _listener?.Dispose();
        foreach (var (socket, connection) in _connections)
            Close(socket, connection.Closing);
    }

    /// <summary>Stops listening, closes every connection and waits for their handlers to finish.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _acceptLoop.ConfigureAwait(false);
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var (socket, connection) in _connections)
            Close(socket, connection.Closing);
        await Task.WhenAll(_connections.Values.Select(c => c.Task)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptLoopAsync(Sock listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Sock client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (!token.IsCancellationRequested)
            {
                // A client that gave up between SYN and accept, or a transient shortage of descriptors: keep listening.
                _logger.LogDebug("{Program} server: accept failed ({Error})", _program.Name, e.SocketErrorCode);
                if (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            catch (SocketException)
            {
                return;
            }
            Configure(client);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var closing = CancellationTokenSource.CreateLinkedTokenSource(token);
            _connections[client] = (ServeAsync(client, closing, started.Task), closing);
            started.SetResult();
        }
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

    private async Task ServeAsync(Sock socket, CancellationTokenSource closing, Task registered)
    {
        var stopping = closing.Token;
        await registered.ConfigureAwait(false);
        await Task.Yield(); // the accept loop goes straight back to accepting
        var peer = (IPEndPoint)socket.RemoteEndPoint!;
        IRpcCallHandler? handler = null;
        var reader = new RpcRecordReader(_maxRecordLength);
        var writer = new XdrWriter();
        try
        {
            handler = _createHandler(new RpcConnectionInfo(peer, (IPEndPoint)socket.LocalEndPoint!, () => Close(socket, closing), stopping));
            _logger.LogDebug("{Program} client {Peer} connected", _program.Name, peer);
            while (true)
            {
                var record = await reader.ReceiveAsync(socket, stopping).ConfigureAwait(false);
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
                    await RpcCallCheck.DispatchAsync(handler, _program, call, record[argumentsOffset..], writer, _logger, stopping).ConfigureAwait(false);
                }
                else
                {
                    _logger.LogDebug("{Program} client {Peer} called program 0x{Called:X} version {Version}; refused",
                        _program.Name, peer, call.Program, call.Version);
                }
                writer.FinishRecord();
                await socket.SendAsync(writer.WrittenMemory, SocketFlags.None, stopping).ConfigureAwait(false);
                if (writer.Capacity > WriterKeepLimit)
                    writer = new XdrWriter(); // do not hold a big block's buffer for the connection's lifetime
            }
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
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The server is stopping.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Program} connection from {Peer} failed; closing it", _program.Name, peer);
        }
        finally
        {
            Close(socket, closing);
            await DisposeHandlerAsync(handler, peer).ConfigureAwait(false);
            _connections.TryRemove(socket, out _);
            closing.Dispose();
        }
    }

    private async ValueTask DisposeHandlerAsync(IRpcCallHandler? handler, IPEndPoint peer)
    {
        try
        {
            switch (handler)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
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
