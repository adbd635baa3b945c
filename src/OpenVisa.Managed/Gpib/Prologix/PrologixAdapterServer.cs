using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// Emulates a Prologix GPIB-ETHERNET adapter in front of <see cref="IMessageDevice"/>s, each at a GPIB primary address:
/// clients that drive a real adapter (OpenVisa with <c>OPENVISA_GPIB0=prologix:tcp://…</c>, pyvisa-py's
/// <c>PRLGX-TCPIP</c>, a terminal) talk to the served instruments as to a GPIB bus behind one.
/// </summary>
/// <remarks>
/// The <c>++</c> command set of the adapter in controller mode: <c>++addr</c>, <c>++auto</c>, <c>++mode</c>, <c>++eoi</c>,
/// <c>++eos</c>, <c>++eot_enable</c>, <c>++eot_char</c>, <c>++read</c>, <c>++read_tmo_ms</c>, <c>++clr</c>, <c>++trg</c>,
/// <c>++spoll</c>, <c>++loc</c>, <c>++llo</c>, <c>++ifc</c>, <c>++rst</c>, <c>++savecfg</c>, <c>++srq</c>, <c>++ver</c>
/// (which names OpenVisa). Data lines are unescaped (ESC before CR, LF, ESC and <c>+</c>); a message's trailing LF is its
/// termination and is not passed to the device. Each connection has its own settings, as each adapter session does.
/// </remarks>
public sealed class PrologixAdapterServer : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<int, IMessageDevice> _devices;
    private readonly PrologixServerOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<PrologixServerConnection, byte> _connections = new();
    private Sock? _listener;
    private Thread? _acceptThread;
    private int _stopped;

    /// <summary>Creates the server for <paramref name="devices"/> keyed by GPIB primary address (0 to 30).</summary>
    public PrologixAdapterServer(IReadOnlyDictionary<int, IMessageDevice> devices, PrologixServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
            throw new ArgumentException("There is no device to put behind the adapter.", nameof(devices));
        foreach (var address in devices.Keys)
        {
            if (address is < 0 or > 30)
                throw new ArgumentException($"GPIB primary address {address} is not in 0 to 30.", nameof(devices));
        }
        _devices = devices;
        _options = options ?? new PrologixServerOptions();
    }

    /// <summary>The version line <c>++ver</c> answers.</summary>
    public static string Version => $"OpenVisa Prologix GPIB-ETHERNET emulator version {typeof(PrologixAdapterServer).Assembly.GetName().Version}";

    /// <summary>Where the server listens (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not listening: call Start() first.");

    /// <summary>The binding clients use: <c>prologix:tcp://127.0.0.1:PORT</c>.</summary>
    public string Binding => $"prologix:tcp://{Host}:{LocalEndPoint.Port}";

    /// <summary>The interface name pyvisa-py and OpenVisa open to bind board 0 to this adapter.</summary>
    public string InterfaceResourceName => $"PRLGX-TCPIP0::{Host}::{LocalEndPoint.Port}::INTFC";

    private string Host
    {
        get
        {
            var address = LocalEndPoint.Address;
            if (address.Equals(IPAddress.Any))
                address = IPAddress.Loopback;
            return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }
    }

    /// <summary>Listens; throws <see cref="SocketException"/> when the port is taken.</summary>
    public void Start()
    {
        var listener = new Sock(_options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_options.EndPoint);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "Prologix accept" };
        _acceptThread.Start();
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        foreach (var connection in _connections.Keys)
            connection.Abort();
        await Task.WhenAll(_connections.Keys.Select(c => c.Completion)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Sock client;
            try
            {
                client = _listener!.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            client.NoDelay = true;
            var connection = new PrologixServerConnection(client, _devices, _options);
            _connections[connection] = 0;
            connection.Start(_stopping.Token, c => _connections.TryRemove(c, out _));
        }
    }
}
