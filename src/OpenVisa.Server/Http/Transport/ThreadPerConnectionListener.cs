using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Server.Http.Transport;

/// <summary>
/// One listening socket of <see cref="ThreadPerConnectionTransportFactory"/>: accepts connections for Kestrel and starts
/// each one on a thread of its own while the budget allows, on the thread pool beyond it.
/// </summary>
internal sealed class ThreadPerConnectionListener : IConnectionListener
{
    private readonly Socket _socket;
    private readonly ConnectionThreadBudget _budget;
    private readonly ILogger _logger;
    private readonly MemoryPool<byte> _pool;
    private long _lastId;
    private int _overBudget;

    public ThreadPerConnectionListener(Socket socket, ConnectionThreadBudget budget, ILogger logger, MemoryPool<byte> pool)
    {
        _pool = pool;
        _socket = socket;
        _budget = budget;
        _logger = logger;
        EndPoint = socket.LocalEndPoint!;
    }

    public EndPoint EndPoint { get; }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound: Kestrel stops accepting
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null;
            }
            catch (SocketException e)
            {
                // A client that reset before we accepted it (ECONNABORTED and the like): the listener is fine.
                _logger.LogDebug("HTTP accept failed ({Error}); still listening on {EndPoint}", e.SocketErrorCode, EndPoint);
                continue;
            }
            accepted.NoDelay = true;
            var ownThread = _budget.TryTake();
            ReportBudget(ownThread);
            var id = Interlocked.Increment(ref _lastId);
            var connection = new ThreadPerConnectionConnection(accepted, $"ovisa-{EndPoint.GetHashCode():x8}-{id}", ownThread ? _budget : null, _pool);
            connection.Start();
            return connection;
        }
    }

    /// <summary>Says once, when the budget is first spent (and again after it recovered), that connections now go to the thread pool.</summary>
    private void ReportBudget(bool ownThread)
    {
        if (!ownThread && Interlocked.Exchange(ref _overBudget, 1) == 0)
        {
            _logger.LogInformation("HTTP on {EndPoint}: all {Threads} connection threads are in use (HttpServerOptions.ConnectionThreads); " +
                "further connections are served on the thread pool, with slower round trips, until some close", EndPoint, _budget.Threads);
        }
        else if (ownThread && _budget.Taken < _budget.Threads / 2)
        {
            Volatile.Write(ref _overBudget, 0);
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
