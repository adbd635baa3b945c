using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Server.Http.Transport;

/// <summary>
/// Kestrel's transport for the HTTP instrument API: each connection is served by a thread of its own that blocks in
/// its socket's receive, then parses the request, runs the handler and sends the response on that same thread (up to
/// <see cref="HttpServerOptions.ConnectionThreads"/> connections; others are served on the thread pool).
/// </summary>
/// <remarks>
/// Why: Kestrel's socket transport receives through the runtime's event loop, which hands every receive to a thread-pool
/// thread, and a request/response exchange as small as <c>*IDN?</c> pays for those wake-ups (and for the pool's spinning
/// threads) more than for HTTP itself; the SOCKET server's thread per connection is woken by the kernel directly. Kestrel
/// picks the last registered transport that can bind an endpoint, so registering this one after Kestrel's sockets
/// transport makes it serve IP endpoints; TLS, limits and timeouts are Kestrel's, above any transport.
/// </remarks>
/// <param name="budget">How many connections may have a thread of their own.</param>
/// <param name="logger">Where the spent budget is reported.</param>
/// <param name="pools">Kestrel's pool factory, whose pools keep their 4 KiB blocks for reuse (a 16 MiB response is 4 096 of
/// them, which the shared array pool would mostly allocate afresh); null uses <see cref="MemoryPool{T}.Shared"/>.</param>
internal sealed class ThreadPerConnectionTransportFactory(ConnectionThreadBudget budget, ILogger logger, IMemoryPoolFactory<byte>? pools = null)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector, IDisposable
{
    private readonly MemoryPool<byte> _pool = pools?.Create(new MemoryPoolOptions { Owner = "ovisa-http" }) ?? MemoryPool<byte>.Shared;

    /// <summary>Gives back the pool (Kestrel has stopped by the time its services are disposed).</summary>
    public void Dispose()
    {
        if (_pool != MemoryPool<byte>.Shared)
            _pool.Dispose();
    }

    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not IPEndPoint ip)
            throw new NotSupportedException($"The thread-per-connection transport listens on IP endpoints only, not {endpoint}.");
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.Address.Equals(IPAddress.IPv6Any))
                socket.DualMode = true;
            // As Kestrel's sockets transport: a restarted server can listen on its port at once (Unix; Windows ignores it).
            if (!OperatingSystem.IsWindows())
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(ip);
            socket.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            // Kestrel reports this type with "address already in use", which HttpInstrumentServer turns into its message.
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return ValueTask.FromResult<IConnectionListener>(new ThreadPerConnectionListener(socket, budget, logger, _pool));
    }
}
