using System.Net;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11.Portmap;

/// <summary>
/// A portmapper (RFC 1833 version 2) on TCP and UDP at one port: what an instrument runs on port 111 so clients can
/// find its VXI-11 core channel, and what discovery broadcasts reach. The server in this process registers directly;
/// SET and UNSET from the network are accepted only from the loopback address, as rpcbind does.
/// </summary>
internal sealed class PortmapperServer : IAsyncDisposable
{
    private static readonly RpcProgramSpec Spec = new(Portmap.Program, Portmap.Version, Portmap.Version, "portmapper");

    private readonly Lock _gate = new();
    private readonly List<PortmapMapping> _mappings = [];
    private readonly ILogger _logger;
    private readonly RpcTcpServer _tcp;
    private readonly Handler _handler;
    private RpcUdpServer? _udp;
    private IPEndPoint? _endPoint;

    public PortmapperServer(IPEndPoint endPoint, ILogger logger)
    {
        _logger = logger;
        _handler = new Handler(this);
        // One handler for every connection and datagram: it holds no per-client state.
        _tcp = new RpcTcpServer(endPoint, Spec, _ => _handler, 64 * 1024, logger);
    }

    /// <summary>Where the portmapper listens, TCP and UDP alike.</summary>
    public IPEndPoint LocalEndPoint => _endPoint ?? throw new InvalidOperationException("The portmapper is not listening: call Start() first.");

    /// <summary>A copy of the mappings held now.</summary>
    public IReadOnlyList<PortmapMapping> Mappings
    {
        get
        {
            lock (_gate)
                return [.. _mappings];
        }
    }

    /// <summary>Binds TCP, then UDP on the same port (the port TCP got, when 0 was asked for).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The port is in use or needs privileges (111 needs root on Unix).</exception>
    public void Start()
    {
        _tcp.Start();
        var bound = _tcp.LocalEndPoint;
        try
        {
            _udp = new RpcUdpServer(bound, Spec, _handler, _logger);
            _udp.Start();
        }
        catch
        {
            _tcp.Abandon();
            throw;
        }
        _endPoint = bound;
        Register(new PortmapMapping(Portmap.Program, Portmap.Version, Portmap.Tcp, (uint)bound.Port));
        Register(new PortmapMapping(Portmap.Program, Portmap.Version, Portmap.Udp, (uint)bound.Port));
        _logger.LogInformation("Portmapper listening on {EndPoint} (TCP and UDP)", bound);
    }

    /// <summary>Adds a mapping; false when (program, version, protocol) is already mapped.</summary>
    /// <remarks>
    /// SET and UNSET from the network are taken from loopback only, as rpcbind does; a loopback client may replace this
    /// process's own VXI-11 registration (another server on the same computer taking over, as <c>ovisa perf</c> does).
    /// </remarks>
    public bool Register(PortmapMapping mapping)
    {
        lock (_gate)
        {
            if (_mappings.Exists(m => m.Program == mapping.Program && m.Version == mapping.Version && m.Protocol == mapping.Protocol))
                return false;
            _mappings.Add(mapping);
            return true;
        }
    }

    /// <summary>Removes every transport's mapping of a program version; false when there was none.</summary>
    public bool Unregister(uint program, uint version)
    {
        lock (_gate)
            return _mappings.RemoveAll(m => m.Program == program && m.Version == version) > 0;
    }

    /// <summary>The port of a program version on a transport; 0 when it is not mapped.</summary>
    public uint Lookup(uint program, uint version, uint protocol)
    {
        lock (_gate)
            return _mappings.Find(m => m.Program == program && m.Version == version && m.Protocol == protocol).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _tcp.StopAsync().ConfigureAwait(false);
        if (_udp is not null)
            await _udp.StopAsync().ConfigureAwait(false);
    }

    private ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results)
    {
        var reader = new XdrReader(arguments.Span);
        switch (call.Procedure)
        {
            case Portmap.ProcedureNull:
                break;
            case Portmap.ProcedureGetPort:
                var query = PortmapMapping.Read(ref reader);
                results.WriteUInt32(Lookup(query.Program, query.Version, query.Protocol));
                break;
            case Portmap.ProcedureSet:
                var added = PortmapMapping.Read(ref reader);
                var set = IPAddress.IsLoopback(call.Peer.Address) && added.Port is > 0 and <= 65535 && Register(added);
                _logger.LogDebug("Portmapper SET {Mapping} from {Peer}: {Result}", added, call.Peer, set);
                results.WriteBool(set);
                break;
            case Portmap.ProcedureUnset:
                var removed = PortmapMapping.Read(ref reader);
                var unset = IPAddress.IsLoopback(call.Peer.Address) && removed.Program != Portmap.Program && Unregister(removed.Program, removed.Version);
                _logger.LogDebug("Portmapper UNSET program 0x{Program:X} v{Version} from {Peer}: {Result}", removed.Program, removed.Version, call.Peer, unset);
                results.WriteBool(unset);
                break;
            case Portmap.ProcedureDump:
                foreach (var mapping in Mappings)
                {
                    results.WriteBool(true);
                    mapping.Write(results);
                }
                results.WriteBool(false);
                break;
            default:
                return ValueTask.FromResult(RpcAcceptStatus.ProcedureUnavailable);
        }
        return ValueTask.FromResult(RpcAcceptStatus.Success);
    }

    /// <summary>The portmapper procedures; deliberately not the server itself, so closing a connection never disposes the server.</summary>
    private sealed class Handler(PortmapperServer server) : IRpcCallHandler
    {
        public ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken) =>
            server.HandleAsync(call, arguments, results);
    }
}
