using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The instrument's end of a VXI-11 interrupt channel: connects to the address a client gave in
/// <c>create_intr_chan</c> and calls <c>device_intr_srq</c> there for each service request. Calls are queued and sent
/// in order from one background loop, so a slow or dead client never holds up the device that requested service.
/// </summary>
/// <remarks>
/// The interrupt RPC is one-way in practice: some clients reply, others do not. Replies are read and dropped by a
/// second loop, so neither kind of client stalls the channel.
/// </remarks>
internal sealed class Vxi11InterruptSender : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private readonly IPEndPoint _target;
    private readonly uint _program;
    private readonly uint _version;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private Sock? _socket;

    public Vxi11InterruptSender(IPEndPoint target, uint program, uint version, ILogger logger)
    {
        _target = target;
        _program = program;
        _version = version;
        _logger = logger;
        _loop = RunAsync();
    }

    /// <summary>Where the interrupts go.</summary>
    public IPEndPoint Target => _target;

    /// <summary>Queues a <c>device_intr_srq</c> carrying <paramref name="handle"/>; false once the channel is closed.</summary>
    public bool TrySend(byte[] handle) => _queue.Writer.TryWrite(handle);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        var writer = new XdrWriter(128);
        var xid = (uint)Random.Shared.Next();
        var stopping = _stopping.Token;
        try
        {
            await foreach (var handle in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    if (_socket is null)
                    {
                        _socket = await RpcConnect.ConnectAsync(_target, ConnectTimeout, stopping).ConfigureAwait(false);
                        _ = DrainRepliesAsync(_socket, stopping);
                    }
                    writer.BeginRecord();
                    RpcMessage.WriteCallHeader(writer, ++xid, _program, _version, Vxi11Protocol.DeviceInterruptSrq);
                    writer.WriteOpaque(handle);
                    writer.FinishRecord();
                    await _socket.SendAsync(writer.WrittenMemory, SocketFlags.None, stopping).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    _logger.LogWarning("Could not deliver a service request to the interrupt channel at {Target}: {Error}", _target, e.Message);
                    _socket?.Dispose();
                    _socket = null;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task DrainRepliesAsync(Sock socket, CancellationToken stopping)
    {
        var reader = new RpcRecordReader(4096);
        try
        {
            while (true)
                await reader.ReceiveAsync(socket, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or EndOfStreamException or RpcException)
        {
            // The client closed its interrupt listener, or the channel is being torn down.
        }
    }
}
