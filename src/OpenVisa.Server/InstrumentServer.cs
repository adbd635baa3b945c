using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Gpib.Prologix;
using OpenVisa.Managed.Serial;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server;

/// <summary>
/// Puts instruments on the network: each over raw SOCKET on its own port and over VXI-11 under <c>inst0</c>,
/// <c>inst1</c>, … and its own name, as <see cref="InstrumentServerOptions"/> says. What <c>ovisa serve</c> runs.
/// </summary>
/// <example>
/// <code>
/// await using var server = new InstrumentServer([new("demo", new DemoInstrument())], new() { Vxi11 = true, SocketPort = 5025 });
/// server.Start();
/// foreach (var endpoint in server.Endpoints) Console.WriteLine(endpoint.ResourceName);
/// </code>
/// </example>
public sealed class InstrumentServer : IAsyncDisposable
{
    private readonly IReadOnlyList<ServedInstrument> _instruments;
    private readonly InstrumentServerOptions _options;
    private readonly Http.ServerEventHub? _events;
    private readonly ServedClientRegistry? _clients;
    private readonly List<SocketInstrumentServer> _sockets = [];
    private readonly List<ServedEndpoint> _endpoints = [];
    private Vxi11InstrumentServer? _vxi11;
    private HislipServer? _hislip;
    private SerialInstrumentServer? _serial;
    private PrologixAdapterServer? _prologix;
    private Http.HttpInstrumentServer? _http;
    private int _stopped;

    /// <summary>Creates the server; nothing listens until <see cref="Start"/>.</summary>
    public InstrumentServer(IReadOnlyList<ServedInstrument> instruments, InstrumentServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        if (instruments.Count == 0)
            throw new ArgumentException("There is no instrument to serve.", nameof(instruments));
        if (options.SocketPort is null && !options.Vxi11 && options.HislipPort is null && options.SerialDevice is null && options.PrologixPort is null && options.Http is null)
            throw new ArgumentException("Nothing to serve on: choose a SOCKET port, VXI-11, HiSLIP, HTTP, or several (or a serial device, or a Prologix port).", nameof(options));
        if (options.HislipPort is < 0 or > 65535)
            throw new ArgumentException($"HiSLIP port {options.HislipPort} is not in 0 to 65535.", nameof(options));
        if (options.SocketPort is { } port && (port < 0 || port + instruments.Count - 1 > 65535))
            throw new ArgumentException($"SOCKET ports {port} to {port + instruments.Count - 1} do not fit in 1 to 65535.", nameof(options));
        _instruments = instruments;
        _options = options;
        if (options.Http is not null)
        {
            // With the HTTP API on, every protocol reports its clients and traffic to the console; without it nobody
            // could look, so the devices are served as they are.
            _events = new Http.ServerEventHub();
            _instruments = [.. instruments.Select(i => new ServedInstrument(i.Name, new Http.TrafficReportingDevice(i.Device, i.Name, _events)))];
            _clients = new ServedClientRegistry(_instruments);
        }
    }

    /// <summary>Who is attached to which instrument over every protocol; null unless HTTP is served (<see cref="InstrumentServerOptions.Http"/>).</summary>
    public ServedClientRegistry? Clients => _clients;

    /// <summary>Where each instrument is reachable, in the order of the instruments; filled by <see cref="Start"/>.</summary>
    public IReadOnlyList<ServedEndpoint> Endpoints => _endpoints;

    /// <summary>The VXI-11 server, when VXI-11 is served.</summary>
    public Vxi11InstrumentServer? Vxi11 => _vxi11;

    /// <summary>The HTTP API's base URL (Lamb routes and <c>/api/v1/</c>), or null when HTTP is not served.</summary>
    public string? HttpUrl => _http?.Url;

    /// <summary>How VXI-11 clients find the core channel, or null when VXI-11 is not served.</summary>
    public string? PortmapperDescription => _vxi11?.PortmapperDescription;

    /// <summary>Opens every listener; if one fails (a port in use, a missing privilege) the ones already open close again and the error is thrown.</summary>
    public void Start()
    {
        try
        {
            if (_options.SocketPort is { } first)
                StartSockets(first);
            if (_options.Vxi11)
                StartVxi11();
            if (_options.HislipPort is { } hislipPort)
                StartHislip(hislipPort);
            if (_options.SerialDevice is { } serialDevice)
                StartSerial(serialDevice);
            if (_options.PrologixPort is { } prologixPort)
                StartPrologix(prologixPort);
            if (_options.Http is { } http)
                StartHttp(http);
        }
        catch
        {
            _ = StopAsync();
            throw;
        }
    }

    /// <summary>Stops every listener, unregistering from the portmapper, and closes every client connection.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        if (_vxi11 is not null)
            await _vxi11.StopAsync().ConfigureAwait(false);
        if (_hislip is not null)
            await _hislip.StopAsync().ConfigureAwait(false);
        foreach (var socket in _sockets)
            await socket.StopAsync().ConfigureAwait(false);
        if (_serial is not null)
            await _serial.StopAsync().ConfigureAwait(false);
        if (_prologix is not null)
            await _prologix.StopAsync().ConfigureAwait(false);
        if (_http is not null)
            await _http.StopAsync().ConfigureAwait(false);
    }

    /// <summary>The emulated Prologix adapter, when one is served: its <see cref="PrologixAdapterServer.Binding"/> is what clients set.</summary>
    public PrologixAdapterServer? Prologix => _prologix;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void StartSockets(int first)
    {
        for (var i = 0; i < _instruments.Count; i++)
        {
            var port = first == 0 ? 0 : first + i;
            var defaults = new SocketServerOptions();
            var server = new SocketInstrumentServer(_instruments[i].Device, new SocketServerOptions
            {
                EndPoint = new IPEndPoint(_options.BindAddress, port),
                Logger = _options.Logger,
                MaxReplyBytes = _options.MaxReplyBytes,
                MaxConnections = _options.Limits.MaxClients ?? defaults.MaxConnections,
                MaxMessageLength = _options.Limits.MaxMessageBytes ?? defaults.MaxMessageLength,
                Clients = _clients,
            });
            try
            {
                server.Start();
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"Could not serve {_instruments[i].Name} over SOCKET on {new IPEndPoint(_options.BindAddress, port)}: {Explain(e)}.", e);
            }
            _sockets.Add(server);
            _endpoints.Add(new ServedEndpoint(_instruments[i].Name, "SOCKET", $"TCPIP::{Host(server.LocalEndPoint)}::{server.LocalEndPoint.Port}::SOCKET"));
        }
    }

    private void StartVxi11()
    {
        var names = new List<KeyValuePair<string, IMessageDevice>>();
        for (var i = 0; i < _instruments.Count; i++)
            names.Add(new($"inst{i}", _instruments[i].Device));
        var taken = new HashSet<string>(names.Select(n => n.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in _instruments)
        {
            if (taken.Add(instrument.Name))
                names.Add(new(instrument.Name, instrument.Device));
        }
        var vxi11Defaults = new Vxi11ServerOptions();
        _vxi11 = new Vxi11InstrumentServer(names, new Vxi11ServerOptions
        {
            EndPoint = new IPEndPoint(_options.BindAddress, _options.Vxi11Port),
            Portmapper = _options.Portmapper,
            PortmapperPort = _options.PortmapperPort,
            Logger = _options.Logger,
            MaxReplyBytes = _options.MaxReplyBytes,
            MaxLinks = _options.Limits.MaxClients ?? vxi11Defaults.MaxLinks,
            MaxLinksPerConnection = _options.Limits.MaxSessionsPerClient ?? vxi11Defaults.MaxLinksPerConnection,
            MaxMessageLength = _options.Limits.MaxMessageBytes ?? vxi11Defaults.MaxMessageLength,
            Clients = _clients,
        });
        try
        {
            _vxi11.Start();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"Could not serve VXI-11 on {new IPEndPoint(_options.BindAddress, _options.Vxi11Port)}: {Explain(e)}.", e);
        }
        for (var i = 0; i < _instruments.Count; i++)
            _endpoints.Add(new ServedEndpoint(_instruments[i].Name, "VXI-11", _vxi11.ResourceNameFor($"inst{i}")));
    }

    private void StartHislip(int port)
    {
        var devices = _instruments.Select((instrument, i) => ($"hislip{i}", instrument.Device)).ToList();
        var endPoint = new IPEndPoint(_options.BindAddress, port);
        _hislip = new HislipServer(endPoint, devices, WithServerLimits(_options.Hislip ?? new HislipServerOptions { Logger = _options.Logger }));
        try
        {
            // StartAsync binds and listens before it returns; its task is already complete, so nothing blocks here.
            _hislip.StartAsync().GetAwaiter().GetResult();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"Could not serve HiSLIP on {endPoint}: {Explain(e)}.", e);
        }
        for (var i = 0; i < _instruments.Count; i++)
            _endpoints.Add(new ServedEndpoint(_instruments[i].Name, "HiSLIP", _hislip.ResourceNameOf($"hislip{i}")));
    }

    /// <summary>The HiSLIP options with this server's reply limit and the client limits it sets (every other setting kept).</summary>
    private HislipServerOptions WithServerLimits(HislipServerOptions hislip)
    {
        var limits = _options.Limits;
        var withReply = hislip.MaxReplyBytes == _options.MaxReplyBytes ? hislip : hislip.WithMaxReplyBytes(_options.MaxReplyBytes);
        var limited = withReply.WithClientLimits(limits.MaxClients, limits.MaxSessionsPerClient, limits.MaxMessageBytes);
        return _clients is null ? limited : limited.WithClients(_clients);
    }

    /// <summary>The first instrument on a serial device: a serial line has one peer and no addressing.</summary>
    private void StartSerial(string device)
    {
        _serial = new SerialInstrumentServer(device, _instruments[0].Device, new SerialServerOptions { Logger = _options.Logger, Clients = _clients });
        try
        {
            _serial.Start();
        }
        catch (VisaException e)
        {
            _serial = null;
            throw new InvalidOperationException($"Could not serve {_instruments[0].Name} on the serial device {device}: {e.Message}", e);
        }
        _endpoints.Add(new ServedEndpoint(_instruments[0].Name, "Serial", _serial.ResourceName));
    }

    /// <summary>Every instrument behind one emulated adapter, at its own GPIB address when its name has one, else 1, 2, … in order.</summary>
    private void StartPrologix(int port)
    {
        var addresses = PrologixAddresses.Assign(_instruments.Select(i => i.Name).ToList());
        var devices = new Dictionary<int, IMessageDevice>();
        for (var i = 0; i < _instruments.Count; i++)
            devices[addresses[i]] = _instruments[i].Device;
        var endPoint = new IPEndPoint(_options.BindAddress, port);
        _prologix = new PrologixAdapterServer(devices, new PrologixServerOptions { EndPoint = endPoint, Logger = _options.Logger, Clients = _clients });
        try
        {
            _prologix.Start();
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"Could not serve a Prologix adapter on {endPoint}: {Explain(e)}.", e);
        }
        for (var i = 0; i < _instruments.Count; i++)
            _endpoints.Add(new ServedEndpoint(_instruments[i].Name, "Prologix", $"GPIB0::{addresses[i]}::INSTR"));
    }

    private void StartHttp(Http.HttpServerOptions http)
    {
        // Started last, so its instrument list shows every other transport. Start is synchronous by contract (ovisa serve
        // calls it from its main thread, where no synchronization context can deadlock); Kestrel binds while starting.
        _http = new Http.HttpInstrumentServer(_instruments, _options.BindAddress, http, () => _endpoints, _options.Logger, _events!, _clients);
        _http.StartAsync().GetAwaiter().GetResult();
        foreach (var instrument in _instruments)
            _endpoints.Add(new ServedEndpoint(instrument.Name, "HTTP", instrument.Name));
    }

    /// <summary>The host part of a resource name for a listener: the loopback address when it listens on all addresses.</summary>
    private static string Host(IPEndPoint endPoint)
    {
        var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endPoint.Address;
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    private static string Explain(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "the port is already in use; choose another",
        SocketError.AccessDenied => "ports below 1024 need administrator rights (root on Unix)",
        SocketError.AddressNotAvailable => "this computer has no such address; --bind takes one of its own addresses, or 0.0.0.0 for all",
        _ => e.Message,
    };
}
