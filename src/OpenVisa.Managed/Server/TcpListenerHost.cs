using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Server;

/// <summary>
/// The listening socket and accept loop that the TCP servers share (SOCKET, HiSLIP, VXI-11's RPC programs): binds and
/// listens, accepts until stopped, keeps listening past a client that gave up between SYN and accept, and hands each
/// accepted socket to the server. The server keeps what it does with a connection; this keeps how connections arrive
/// and how listening stops.
/// </summary>
internal sealed class TcpListenerHost(string serverName, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Sock? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    /// <summary>Cancelled when the server stops; connections watch it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Where the server listens (the real port when 0 was asked for); null before <see cref="Listen"/>.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint;

    /// <summary>Binds and listens; a bind failure (port in use, port below 1024 without privilege) throws here.</summary>
    /// <param name="endPoint">Where to listen.</param>
    /// <param name="backlog">The connection backlog.</param>
    /// <param name="owner">The server, named when it was stopped already.</param>
    /// <param name="reuseAddress">Sets SO_REUSEADDR before binding.</param>
    public void Listen(IPEndPoint endPoint, int backlog, object owner, bool reuseAddress = false)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, owner);
        if (_listener is not null)
            throw new InvalidOperationException("The server is already started.");
        var listener = new Sock(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (reuseAddress)
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
    }

    /// <summary>Starts accepting on the socket <see cref="Listen"/> bound; <paramref name="accepted"/> gets each client.</summary>
    /// <param name="accepted">Takes over an accepted client; called on the accept loop, so it starts the client's work and returns.</param>
    /// <param name="pauseWhenOutOfSockets">Waits 100 ms after an accept that failed for want of descriptors or buffers, instead of retrying at once.</param>
    public void StartAccepting(Action<Sock, CancellationToken> accepted, bool pauseWhenOutOfSockets = false)
    {
        var listener = _listener ?? throw new InvalidOperationException("Listen() comes before StartAccepting().");
        _acceptLoop = AcceptLoopAsync(listener, accepted, pauseWhenOutOfSockets);
    }

    /// <summary>
    /// Stops listening and waits for the accept loop to end; true when this call stopped it, false when it was stopped
    /// already (the server's own shutdown of its connections then is done, or being done, by the first call).
    /// </summary>
    public async Task<bool> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _acceptLoop.ConfigureAwait(false);
            return false;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops listening at once without waiting, for callers that cannot wait (a synchronous Dispose).</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _stopping.Cancel();
        _listener?.Dispose();
    }

    /// <summary>Releases the stop token; after <see cref="StopAsync"/> and the server's connections have ended.</summary>
    public void Dispose() => _stopping.Dispose();

    private async Task AcceptLoopAsync(Sock listener, Action<Sock, CancellationToken> accepted, bool pauseWhenOutOfSockets)
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
                logger.LogDebug("{Server} server: accept failed ({Error})", serverName, e.SocketErrorCode);
                if (pauseWhenOutOfSockets && e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            catch (SocketException)
            {
                return;
            }
            accepted(client, token);
        }
    }
}
