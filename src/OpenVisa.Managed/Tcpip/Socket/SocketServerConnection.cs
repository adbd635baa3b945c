using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>One client of a <see cref="SocketInstrumentServer"/>: its receive loop, framer and reply buffer.</summary>
internal sealed class SocketServerConnection(Sock socket, IMessageDevice device, byte[] termination, SocketServerOptions options)
{
    private const int ReceiveChunk = 16 * 1024;

    private readonly MessageFramer _framer = new(termination);
    private readonly SemaphoreSlim _deviceLock = MessageDeviceLock.For(device);
    private readonly string _peer = socket.RemoteEndPoint?.ToString() ?? "?";
    private readonly PooledBufferWriter _reply = new();

    /// <summary>Completes when the connection is closed and its handler has returned.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    private ILogger Logger => options.Logger;

    public void Start(CancellationToken stopping, Action<SocketServerConnection> closed)
    {
        Logger.LogDebug("SOCKET client {Peer} connected", _peer);
        Completion = RunAsync(stopping, closed);
    }

    /// <summary>Closes the socket, which ends the receive loop.</summary>
    public void Abort() => socket.Dispose();

    private async Task RunAsync(CancellationToken stopping, Action<SocketServerConnection> closed)
    {
        await Task.Yield(); // the accept loop goes straight back to accepting
        try
        {
            while (true)
            {
                var space = _framer.GetReceiveMemory(ReceiveChunk);
                var received = await socket.ReceiveAsync(space, SocketFlags.None, stopping).ConfigureAwait(false);
                if (received == 0)
                {
                    Logger.LogDebug("SOCKET client {Peer} closed the connection ({Pending} bytes of an unfinished message dropped)", _peer, _framer.BufferedLength);
                    return;
                }
                _framer.Advance(received);
                while (_framer.TryReadMessage(out var message))
                {
                    if (!await HandleAsync(message, stopping).ConfigureAwait(false))
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
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The server is stopping.
        }
        catch (SocketException e)
        {
            Logger.LogDebug("SOCKET client {Peer} went away: {Error}", _peer, e.SocketErrorCode);
        }
        finally
        {
            socket.Dispose();
            _reply.Dispose();
            closed(this);
        }
    }

    /// <summary>Runs one message through the device and sends its reply; false when the connection must close.</summary>
    private async ValueTask<bool> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken stopping)
    {
        _reply.Reset();
        bool hasReply;
        var keepOpen = true;
        await _deviceLock.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            hasReply = await device.HandleMessageAsync(message, _reply, stopping).ConfigureAwait(false);
        }
        catch (MessageDeviceDisconnectException e)
        {
            Logger.LogInformation("Device dropped SOCKET client {Peer}: {Reason}", _peer, e.Message);
            hasReply = _reply.WrittenCount > 0;
            keepOpen = false;
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
            await socket.SendAsync(_reply.WrittenMemory, SocketFlags.None, stopping).ConfigureAwait(false);
        }
        return keepOpen;
    }
}
