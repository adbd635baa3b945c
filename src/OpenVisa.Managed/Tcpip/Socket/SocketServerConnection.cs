using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>One client of a <see cref="SocketInstrumentServer"/>: its receive loop, framer and reply buffer.</summary>
/// <remarks>
/// Each connection has a thread of its own doing blocking I/O. An instrument server has a few to a few hundred clients,
/// each in a strict query-reply rhythm, so a thread per client costs little, and it is the cheapest way to serve one:
/// the client's message wakes the thread that answers it. With asynchronous sockets every message went from the
/// socket engine's thread to a pool thread, and the pool spun between messages: serving one client at 40,000 queries/s
/// took 34 µs of server CPU per query (1.4 CPUs) where a blocking thread needs 10 to 14, and 64 clients got 74,000
/// queries/s instead of 63,000 with a p99 of 3 ms instead of 5 (see docs/performance.md). A device that answers slowly
/// or blocks (a forwarded resource, a simulated delay) holds up only its own clients, never a pool thread.
/// </remarks>
internal sealed class SocketServerConnection(Sock socket, IMessageDevice device, byte[] termination, SocketServerOptions options)
{
    private const int ReceiveChunk = 16 * 1024;

    private readonly MessageFramer _framer = new(termination);
    private readonly SemaphoreSlim _deviceLock = MessageDeviceLock.For(device);
    private readonly string _peer = socket.RemoteEndPoint?.ToString() ?? "?";
    private readonly PooledBufferWriter _reply = PooledBufferWriter.Limited(options.MaxReplyBytes, termination.Length);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServedClient? _client;

    /// <summary>Completes when the connection is closed and its thread has finished.</summary>
    public Task Completion => _completion.Task;

    private ILogger Logger => options.Logger;

    public void Start(CancellationToken stopping, Action<SocketServerConnection> closed)
    {
        Logger.LogDebug("SOCKET client {Peer} connected", _peer);
        if (options.Clients is { } clients)
        {
            _client = new ServedClient("SOCKET", _peer, device);
            clients.Attached(_client);
        }
        var thread = new Thread(() => Run(stopping, closed)) { IsBackground = true, Name = "SOCKET " + _peer };
        thread.Start();
    }

    /// <summary>Closes the socket, which ends the receive loop.</summary>
    public void Abort() => socket.Dispose();

    private void Run(CancellationToken stopping, Action<SocketServerConnection> closed)
    {
        try
        {
            // Closing the socket is what wakes a thread blocked in Receive when the server stops.
            using var stop = stopping.Register(Abort);
            while (true)
            {
                var received = socket.Receive(_framer.GetReceiveMemory(ReceiveChunk).Span);
                if (received == 0)
                {
                    Logger.LogDebug("SOCKET client {Peer} closed the connection ({Pending} bytes of an unfinished message dropped)", _peer, _framer.BufferedLength);
                    return;
                }
                _framer.Advance(received);
                while (_framer.TryReadMessage(out var message))
                {
                    if (!Handle(message, stopping))
                        return;
                }
                if (_framer.BufferedLength > options.MaxMessageLength)
                {
                    Logger.LogWarning("SOCKET client {Peer} sent {Length} bytes without a termination (limit {Limit}); dropping it",
                        _peer, _framer.BufferedLength, options.MaxMessageLength);
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
        {
            // The server is stopping.
        }
        catch (SocketException e)
        {
            Logger.LogDebug("SOCKET client {Peer} went away: {Error}", _peer, e.SocketErrorCode);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "SOCKET client {Peer}: the connection failed; closing it", _peer);
        }
        finally
        {
            socket.Dispose();
            _reply.Dispose();
            if (_client is not null)
                options.Clients?.Detached(_client);
            closed(this);
            _completion.TrySetResult();
        }
    }

    /// <summary>Runs one message through the device and sends its reply; false when the connection must close.</summary>
    private bool Handle(ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        _reply.Reset();
        bool hasReply;
        var keepOpen = true;
        _deviceLock.Wait(stopping);
        try
        {
            // Most devices answer synchronously; one that does not is waited for here, on this connection's own thread.
            using (ServedClient.Calling(_client))
                hasReply = ConnectionThread.Complete(device.HandleMessageAsync(message, _reply, stopping));
        }
        catch (MessageDeviceDisconnectException e)
        {
            Logger.LogInformation("Device dropped SOCKET client {Peer}: {Reason}", _peer, e.Message);
            hasReply = _reply.WrittenCount > 0;
            keepOpen = false;
        }
        catch (ReplyTooLargeException e)
        {
            // The device was stopped before it built a giant reply; the client and everyone else go on.
            Logger.LogWarning("SOCKET client {Peer}: no reply to {Message}: {Reason}", _peer, ReadDiagnostics.Preview(message.Span), e.Message);
            _reply.Reset();
            hasReply = false;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            // Closing tells the client at once (connection lost) instead of leaving it to wait for its timeout.
            Logger.LogError(e, "Device failed on a message from SOCKET client {Peer} ({Message}); closing that connection",
                _peer, ReadDiagnostics.Preview(message.Span));
            hasReply = false;
            keepOpen = false;
        }
        finally
        {
            _deviceLock.Release();
        }
        if (hasReply)
        {
            if (keepOpen)
                _reply.Write(termination);
            ConnectionThread.SendAll(socket, _reply.WrittenMemory.Span);
        }
        return keepOpen;
    }
}
