using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// Serves one RPC program over UDP: one datagram is one call, one reply datagram goes back to the sender. Datagrams
/// that are not RPC calls are dropped silently, as RFC 5531 servers do, so a stray packet costs nothing.
/// </summary>
internal sealed class RpcUdpServer : IAsyncDisposable
{
    private const int MaxDatagram = 65507;

    private readonly IPEndPoint _endPoint;
    private readonly RpcProgramSpec _program;
    private readonly IRpcCallHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Sock? _socket;
    private Task _loop = Task.CompletedTask;
    private int _stopped;

    public RpcUdpServer(IPEndPoint endPoint, RpcProgramSpec program, IRpcCallHandler handler, ILogger logger)
    {
        _endPoint = endPoint;
        _program = program;
        _handler = handler;
        _logger = logger;
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException($"The {_program.Name} UDP server is not listening: call Start() first.");

    /// <summary>Binds; a bind failure throws here.</summary>
    public void Start()
    {
        var socket = new Sock(_endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(_endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _loop = ServeAsync(socket, _stopping.Token);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task ServeAsync(Sock socket, CancellationToken stopping)
    {
        await Task.Yield();
        var buffer = new byte[MaxDatagram];
        var writer = new XdrWriter();
        EndPoint any = new IPEndPoint(_endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP port-unreachable for an earlier reply shows up here on some systems: not our problem.
                _logger.LogDebug("{Program} UDP receive failed ({Error})", _program.Name, e.SocketErrorCode);
                continue;
            }
            var peer = (IPEndPoint)received.RemoteEndPoint;
            var datagram = buffer.AsMemory(0, received.ReceivedBytes);
            RpcCall call;
            int argumentsOffset;
            try
            {
                call = RpcCall.Parse(datagram.Span, peer, out argumentsOffset);
            }
            catch (XdrException e)
            {
                _logger.LogDebug("{Program}: dropped a UDP datagram from {Peer} that is not an RPC call ({Reason})", _program.Name, peer, e.Message);
                continue;
            }
            writer.BeginDatagram();
            try
            {
                if (RpcCallCheck.Accepts(_program, call, writer))
                    await RpcCallCheck.DispatchAsync(_handler, _program, call, datagram[argumentsOffset..], writer, _logger, stopping).ConfigureAwait(false);
                await socket.SendToAsync(writer.WrittenMemory, SocketFlags.None, peer, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _logger.LogDebug("{Program}: could not reply to {Peer} ({Error})", _program.Name, peer, e.SocketErrorCode);
            }
        }
    }
}
