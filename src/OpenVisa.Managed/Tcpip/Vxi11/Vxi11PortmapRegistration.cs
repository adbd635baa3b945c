using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Portmap;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// Makes the core channel findable: registers DEVICE_CORE with the system portmapper (rpcbind) when one runs, or runs
/// a portmapper of our own, as <see cref="Vxi11PortmapperMode"/> says; undoes it on dispose, removing the system
/// registration only while it still points at our port.
/// </summary>
internal sealed class Vxi11PortmapRegistration : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    private readonly ILogger _logger;
    private readonly IPEndPoint? _system;
    private readonly PortmapperServer? _own;
    private readonly int _corePort;

    private Vxi11PortmapRegistration(string description, IPEndPoint? endPoint, IPEndPoint? system, PortmapperServer? own, int corePort, ILogger logger)
    {
        Description = description;
        EndPoint = endPoint;
        _system = system;
        _own = own;
        _corePort = corePort;
        _logger = logger;
    }

    /// <summary>How clients find the core port, for the server's banner.</summary>
    public string Description { get; }

    /// <summary>The portmapper clients ask, or null when there is none.</summary>
    public IPEndPoint? EndPoint { get; }

    /// <summary>Registers (or starts a portmapper) for the core channel at <paramref name="core"/>.</summary>
    public static Vxi11PortmapRegistration Register(Vxi11ServerOptions options, IPEndPoint core, ILogger logger)
    {
        var mode = options.Portmapper;
        if (mode == Vxi11PortmapperMode.None)
            return new("no portmapper: clients give the port", null, null, null, core.Port, logger);
        var systemEndPoint = new IPEndPoint(core.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, options.PortmapperPort);
        if (mode is Vxi11PortmapperMode.Auto or Vxi11PortmapperMode.System)
        {
            PortmapperClient? client = null;
            try
            {
                client = PortmapperClient.Connect(systemEndPoint, ProbeTimeout);
            }
            catch (SocketException e) when (mode == Vxi11PortmapperMode.Auto)
            {
                logger.LogDebug("No system portmapper at {EndPoint} ({Error}); starting our own", systemEndPoint, e.SocketErrorCode);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException(
                    $"No system portmapper answers at {systemEndPoint} ({e.SocketErrorCode}): start rpcbind (Debian package rpcbind), or let the server run its own portmapper.", e);
            }
            if (client is not null)
            {
                using (client)
                    RegisterWithSystem(client, core.Port, logger);
                return new($"registered with the system portmapper at {systemEndPoint}", systemEndPoint, systemEndPoint, null, core.Port, logger);
            }
        }
        var own = new PortmapperServer(new IPEndPoint(core.Address, options.PortmapperPort), logger);
        try
        {
            own.Start();
        }
        catch (SocketException e)
        {
            var why = e.SocketErrorCode switch
            {
                SocketError.AccessDenied => $"port {options.PortmapperPort} needs administrator rights (root on Unix); run as root, start rpcbind, or choose another portmapper port",
                SocketError.AddressAlreadyInUse => $"port {options.PortmapperPort} is already in use by something that is not a portmapper answering on {systemEndPoint}",
                _ => e.Message,
            };
            throw new InvalidOperationException($"Could not start a portmapper on {new IPEndPoint(core.Address, options.PortmapperPort)}: {why}.", e);
        }
        own.Register(new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Portmap.Tcp, (uint)core.Port));
        return new($"own portmapper on {own.LocalEndPoint}", own.LocalEndPoint, null, own, core.Port, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
            await _own.DisposeAsync().ConfigureAwait(false);
        if (_system is null)
            return;
        try
        {
            using var client = PortmapperClient.Connect(_system, ProbeTimeout);
            // Another server may have taken the registration over meanwhile: leave its registration alone.
            if (client.GetPort(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Portmap.Tcp) == _corePort)
                client.Unset(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or RpcException or XdrException)
        {
            _logger.LogWarning("Could not unregister the VXI-11 core channel from the portmapper at {EndPoint}: {Error}", _system, e.Message);
        }
    }

    private static void RegisterWithSystem(PortmapperClient client, int corePort, ILogger logger)
    {
        try
        {
            var existing = client.GetPort(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Portmap.Tcp);
            if (existing != 0 && existing != corePort)
            {
                logger.LogWarning("The system portmapper had the VXI-11 core channel at port {Existing}; replacing it with {Port}", existing, corePort);
            }
            client.Unset(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version);
            if (!client.Set(new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Portmap.Tcp, (uint)corePort)))
            {
                throw new InvalidOperationException(
                    $"The system portmapper at {client.EndPoint} refused to register the VXI-11 core channel (port {corePort}); rpcbind accepts registrations only from this computer.");
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or RpcException or XdrException)
        {
            throw new InvalidOperationException($"Registering with the system portmapper at {client.EndPoint} failed: {e.Message}", e);
        }
    }
}
