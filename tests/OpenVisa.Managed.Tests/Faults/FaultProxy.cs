using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Managed.Tests.Faults;

/// <summary>What a <see cref="FaultProxy"/> does to the bytes a server sends back to its client.</summary>
internal enum Fault
{
    /// <summary>Forwards everything.</summary>
    None,

    /// <summary>Holds every byte until the fault is lifted, as a frozen server or a stalled network does.</summary>
    Stall,

    /// <summary>Waits 200 ms before forwarding each chunk.</summary>
    Delay,

    /// <summary>Resets both connections (RST) when the server next sends.</summary>
    Reset,

    /// <summary>Forwards three bytes of the server's next chunk, then closes both connections (FIN).</summary>
    Truncate,

    /// <summary>Forwards each chunk twice.</summary>
    Duplicate,
}

/// <summary>
/// A TCP proxy on 127.0.0.1 between our clients and servers that injects faults into the server-to-client direction;
/// client-to-server bytes always pass. Every connection (HiSLIP opens two) goes through it.
/// </summary>
internal sealed class FaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly object _gate = new();
    private volatile Fault _fault;
    private TaskCompletionSource _released = NewRelease();

    public FaultProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The fault applied from now on; setting anything but <see cref="Fault.Stall"/> releases held bytes.</summary>
    public Fault Fault
    {
        get => _fault;
        set
        {
            _fault = value;
            if (value != Fault.Stall)
                Interlocked.Exchange(ref _released, NewRelease()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                client.NoDelay = true;
                await server.ConnectAsync(_target, _stop.Token);
                lock (_gate)
                    _sockets.AddRange([client, server]);
                _ = PumpAsync(client, server, faulty: false);
                _ = PumpAsync(server, client, faulty: true);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool faulty)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (count == 0)
                    break;
                if (!faulty)
                {
                    await SendAsync(to, buffer.AsMemory(0, count));
                    continue;
                }
                while (_fault == Fault.Stall)
                    await Volatile.Read(ref _released).Task.WaitAsync(_stop.Token);
                switch (_fault)
                {
                    case Fault.Delay:
                        await Task.Delay(200, _stop.Token);
                        await SendAsync(to, buffer.AsMemory(0, count));
                        break;
                    case Fault.Reset:
                        from.LingerState = to.LingerState = new LingerOption(true, 0);
                        from.Close();
                        to.Close();
                        return;
                    case Fault.Truncate:
                        await SendAsync(to, buffer.AsMemory(0, Math.Min(3, count)));
                        from.Close();
                        to.Close();
                        return;
                    case Fault.Duplicate:
                        await SendAsync(to, buffer.AsMemory(0, count));
                        await SendAsync(to, buffer.AsMemory(0, count));
                        break;
                    default:
                        await SendAsync(to, buffer.AsMemory(0, count));
                        break;
                }
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side went away or the proxy stopped; the other side finds out by itself.
        }
    }

    private async Task SendAsync(Socket to, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await to.SendAsync(data, SocketFlags.None, _stop.Token);
            data = data[sent..];
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var socket in _sockets)
                socket.Dispose();
        }
    }
}
