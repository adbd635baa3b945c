using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// Serves an <see cref="IMessageDevice"/> as a raw SCPI socket instrument (<c>TCPIP::host::port::SOCKET</c>): splits each
/// client's stream into messages at the termination, calls the device for each under its lock, and sends each reply
/// with the termination appended. Many clients may connect at once; one that vanishes mid-message affects nobody else.
/// </summary>
/// <example>
/// <code>
/// await using var server = new SocketInstrumentServer(device);
/// server.Start();
/// using var rm = new ResourceManager("@managed");
/// var inst = rm.Open(server.ResourceName);
/// </code>
/// </example>
public sealed class SocketInstrumentServer : IAsyncDisposable
{
    private readonly IMessageDevice _device;
    private readonly SocketServerOptions _options;
    private readonly byte[] _termination;
    private readonly ConcurrentDictionary<SocketServerConnection, byte> _connections = new();
    private readonly TcpListenerHost _listening;

    /// <summary>Creates a server for <paramref name="device"/>; nothing listens until <see cref="Start"/>.</summary>
    public SocketInstrumentServer(IMessageDevice device, SocketServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
        _options = options ?? new SocketServerOptions();
        if (string.IsNullOrEmpty(_options.Termination) || _options.Termination.Any(c => c > 0xFF))
            throw new ArgumentException($"The termination \"{_options.Termination}\" must be one or more characters from U+0000 to U+00FF, e.g. \"\\n\".", nameof(options));
        _termination = Encoding.Latin1.GetBytes(_options.Termination);
        _listening = new TcpListenerHost("SOCKET", _options.Logger);
    }

    /// <summary>The address and port the server listens on (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint =>
        _listening.LocalEndPoint ?? throw new InvalidOperationException("The server is not listening: call Start() first.");

    /// <summary>The VISA resource name that reaches this server, the canonical form, e.g. <c>TCPIP0::127.0.0.1::5025::SOCKET</c>.</summary>
    public string ResourceName
    {
        get
        {
            var endPoint = LocalEndPoint;
            var host = endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]" : endPoint.Address.ToString();
            return $"TCPIP0::{host}::{endPoint.Port}::SOCKET";
        }
    }

    /// <summary>How many clients are connected now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and starts accepting clients; a bind failure (port in use) throws here.</summary>
    public void Start()
    {
        _listening.Listen(_options.EndPoint, 128, this);
        _options.Logger.LogInformation("SOCKET server listening on {EndPoint}", _listening.LocalEndPoint);
        _listening.StartAccepting(Accepted);
    }

    /// <summary>Stops listening, closes every client connection and waits for their handlers to finish.</summary>
    public async Task StopAsync()
    {
        if (!await _listening.StopAsync().ConfigureAwait(false))
            return;
        var running = _connections.Keys.ToArray();
        foreach (var connection in running)
            connection.Abort();
        await Task.WhenAll(running.Select(c => c.Completion)).ConfigureAwait(false);
        _listening.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Accepted(Sock client, CancellationToken token)
    {
        if (_connections.Count >= _options.MaxConnections)
        {
            _options.Logger.LogWarning("SOCKET client {Peer} refused: {Count} clients are connected, the most allowed (MaxConnections)",
                client.RemoteEndPoint, _connections.Count);
            client.Dispose();
            return;
        }
        client.NoDelay = true;
        var connection = new SocketServerConnection(client, _device, _termination, _options);
        _connections.TryAdd(connection, 0);
        connection.Start(token, c => _connections.TryRemove(c, out _));
    }
}
