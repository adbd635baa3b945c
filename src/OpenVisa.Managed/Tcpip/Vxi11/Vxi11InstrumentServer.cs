using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// Serves <see cref="IMessageDevice"/>s as VXI-11 instruments (<c>TCPIP::host::inst0::INSTR</c>): the core channel
/// with one link per <c>create_link</c>, the abort channel, and interrupt channels for service requests. Device names
/// map to devices case-insensitively (several names may share a device); VXI-11 locks are honoured between clients;
/// the core channel is registered with the system portmapper (rpcbind) when one runs, or with a portmapper of our own.
/// </summary>
/// <example>
/// <code>
/// await using var server = new Vxi11InstrumentServer([new("inst0", device)], new() { Portmapper = Vxi11PortmapperMode.None });
/// server.Start();
/// using var rm = new ResourceManager("@managed");
/// var inst = rm.Open(server.ResourceNameFor("inst0"));
/// </code>
/// </example>
public sealed class Vxi11InstrumentServer : IAsyncDisposable
{
    private static readonly RpcProgramSpec CoreSpec = new(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Vxi11Protocol.Version, "VXI-11 core");
    private static readonly RpcProgramSpec AbortSpec = new(Vxi11Protocol.AbortProgram, Vxi11Protocol.Version, Vxi11Protocol.Version, "VXI-11 abort");

    /// <summary>Room for the RPC and VXI-11 headers around a write of <see cref="Vxi11ServerOptions.MaxReceiveSize"/> bytes.</summary>
    private const int RecordOverhead = 4096;

    private readonly Dictionary<string, Vxi11ServedDevice> _devices = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];
    private readonly ConcurrentDictionary<int, Vxi11ServerLink> _links = new();
    private readonly ILogger _logger;
    private readonly RpcTcpServer _core;
    private RpcTcpServer? _abort;
    private Vxi11PortmapRegistration? _registration;
    private int _lastLinkId;
    private int _started;
    private int _stopped;

    /// <summary>Creates a server for the named devices; nothing listens until <see cref="Start"/>.</summary>
    /// <param name="devices">Device names (e.g. <c>inst0</c>, <c>gpib0,5</c>) and the device each reaches; a device may appear under several names.</param>
    /// <param name="options">Where and how to listen; the defaults serve 127.0.0.1 and find a portmapper by themselves.</param>
    public Vxi11InstrumentServer(IEnumerable<KeyValuePair<string, IMessageDevice>> devices, Vxi11ServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        Options = options ?? new Vxi11ServerOptions();
        _logger = Options.Logger;
        if (Options.MaxReceiveSize is < 1024 or > int.MaxValue - RecordOverhead)
            throw new ArgumentException($"MaxReceiveSize {Options.MaxReceiveSize} is out of range; VXI-11 needs at least 1024 bytes.", nameof(options));
        var byDevice = new Dictionary<IMessageDevice, Vxi11ServedDevice>(ReferenceEqualityComparer.Instance);
        foreach (var (name, device) in devices)
        {
            ArgumentNullException.ThrowIfNull(device, $"device for \"{name}\"");
            if (string.IsNullOrWhiteSpace(name) || name.Length > Vxi11Protocol.MaxDeviceNameLength)
                throw new ArgumentException($"The device name \"{name}\" must be 1 to {Vxi11Protocol.MaxDeviceNameLength} characters, e.g. inst0.", nameof(devices));
            if (!byDevice.TryGetValue(device, out var served))
                byDevice[device] = served = new Vxi11ServedDevice(name, device, _logger);
            if (!_devices.TryAdd(name, served))
                throw new ArgumentException($"The device name \"{name}\" is given twice (names are case-insensitive).", nameof(devices));
            _names.Add(name);
        }
        if (_names.Count == 0)
            throw new ArgumentException("A VXI-11 server needs at least one device to serve.", nameof(devices));
        _core = new RpcTcpServer(Options.EndPoint, CoreSpec, info => new Vxi11CoreConnection(this, info, _logger), Options.MaxReceiveSize + RecordOverhead, _logger);
    }

    /// <summary>How the server listens.</summary>
    public Vxi11ServerOptions Options { get; }

    /// <summary>The device names served, in the order given.</summary>
    public IReadOnlyList<string> DeviceNames => _names;

    /// <summary>The core channel's address (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => _core.LocalEndPoint;

    /// <summary>The abort channel's address.</summary>
    public IPEndPoint AbortEndPoint => _abort?.LocalEndPoint ?? throw new InvalidOperationException("The server is not listening: call Start() first.");

    /// <summary>The portmapper clients ask for the core port, or null when there is none.</summary>
    public IPEndPoint? PortmapperEndPoint => _registration?.EndPoint;

    /// <summary>How clients find the core port: "registered with the system portmapper at 127.0.0.1:111", "own portmapper on …", or "no portmapper …".</summary>
    public string PortmapperDescription => _registration?.Description ?? "not started";

    /// <summary>Links open now.</summary>
    public int LinkCount => _links.Count;

    /// <summary>Client connections to the core channel now.</summary>
    public int ConnectionCount => _core.ConnectionCount;

    /// <summary>
    /// The resource name that reaches <paramref name="deviceName"/>: <c>TCPIP::127.0.0.1::inst0::INSTR</c> when the
    /// portmapper is on port 111, else with the core port, <c>TCPIP::127.0.0.1,40123::inst0::INSTR</c>.
    /// </summary>
    public string ResourceNameFor(string deviceName)
    {
        var endPoint = LocalEndPoint;
        var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endPoint.Address;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var viaPortmapper = PortmapperEndPoint?.Port == 111;
        return viaPortmapper ? $"TCPIP::{host}::{deviceName}::INSTR" : $"TCPIP::{host},{endPoint.Port}::{deviceName}::INSTR";
    }

    /// <summary>Binds the core and abort channels and registers with a portmapper; a failure (port in use, no privilege) throws here.</summary>
    /// <exception cref="SocketException">A channel could not bind.</exception>
    /// <exception cref="InvalidOperationException">No portmapper could be used as <see cref="Vxi11ServerOptions.Portmapper"/> asks; the message says why.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("The server is already started.");
        _core.Start();
        try
        {
            _abort = new RpcTcpServer(new IPEndPoint(_core.LocalEndPoint.Address, Options.AbortPort), AbortSpec, _ => new Vxi11AbortHandler(this), 4096, _logger);
            _abort.Start();
            _registration = Vxi11PortmapRegistration.Register(Options, _core.LocalEndPoint, _logger);
        }
        catch
        {
            _core.Abandon();
            _abort?.Abandon();
            throw;
        }
        _logger.LogInformation("VXI-11 server on {EndPoint} (abort channel {Abort}; {Portmapper}) serving {Devices}",
            _core.LocalEndPoint, _abort.LocalEndPoint, _registration.Description, string.Join(", ", _names));
    }

    /// <summary>Unregisters from the portmapper, closes every connection (ending their links) and stops listening.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        if (_registration is not null)
            await _registration.DisposeAsync().ConfigureAwait(false);
        await _core.StopAsync().ConfigureAwait(false);
        if (_abort is not null)
            await _abort.StopAsync().ConfigureAwait(false);
        foreach (var device in _devices.Values.Distinct())
            device.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    // ---- used by the channels --------------------------------------------------------------------------------

    internal Vxi11ServerLink? FindLink(int linkId) => _links.GetValueOrDefault(linkId);

    internal void Forget(Vxi11ServerLink link)
    {
        if (_links.TryRemove(link.Id, out _) && link.Client is { } client)
            Options.Clients?.Detached(client);
    }

    /// <summary><c>create_link</c>: finds the device, takes its lock when asked, and registers the link.</summary>
    internal async ValueTask<(Vxi11ErrorCode Error, Vxi11ServerLink? Link)> CreateLinkAsync(Vxi11CoreConnection connection, string name, bool lockDevice, uint lockTimeout)
    {
        if (!_devices.TryGetValue(name, out var device))
        {
            _logger.LogInformation("VXI-11 client {Peer} asked for device \"{Name}\", which is not served (served: {Devices})", connection.Peer, name, string.Join(", ", _names));
            return (Vxi11ErrorCode.DeviceNotAccessible, null);
        }
        if (_links.Count >= Options.MaxLinks)
        {
            _logger.LogWarning("VXI-11 client {Peer}: refused a link to {Name}, {Count} links are open (limit {Limit})", connection.Peer, name, _links.Count, Options.MaxLinks);
            return (Vxi11ErrorCode.OutOfResources, null);
        }
        if (connection.LinkCount >= Options.MaxLinksPerConnection)
        {
            _logger.LogWarning("VXI-11 client {Peer}: refused a link to {Name}, this connection holds {Count} links (limit per connection {Limit})",
                connection.Peer, name, connection.LinkCount, Options.MaxLinksPerConnection);
            return (Vxi11ErrorCode.OutOfResources, null);
        }
        var link = new Vxi11ServerLink(Interlocked.Increment(ref _lastLinkId), device, connection, Options.MaxMessageLength, Options.MaxReceiveSize, _logger)
        {
            MaxReplyBytes = Options.MaxReplyBytes,
            MaxUnreadReplyBytes = Options.MaxUnreadReplyBytes,
        };
        if (lockDevice)
        {
            var abort = link.BeginCall();
            try
            {
                if (!await device.Lock.WaitAsync(link, acquire: true, wait: true, lockTimeout, abort).ConfigureAwait(false))
                    return (Vxi11ErrorCode.DeviceLockedByAnotherLink, null);
            }
            finally
            {
                link.EndCall();
            }
        }
        device.Attach(link);
        if (Options.Clients is { } clients)
        {
            link.Client = new ServedClient("VXI-11", ServedClient.Describe(connection.Peer), device.Device, $"link {link.Id} to {name}", () => device.Lock.IsHeldBy(link));
            clients.Attached(link.Client);
        }
        _links[link.Id] = link;
        return (Vxi11ErrorCode.NoError, link);
    }
}
