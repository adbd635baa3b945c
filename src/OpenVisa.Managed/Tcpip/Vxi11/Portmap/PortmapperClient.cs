using System.Net;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11.Portmap;

/// <summary>
/// Asks a portmapper (RFC 1833 version 2) over TCP where a program listens, and registers or removes mappings
/// (rpcbind accepts SET and UNSET only from the same host).
/// </summary>
internal sealed class PortmapperClient : IDisposable
{
    private readonly RpcTcpClient _rpc;
    private readonly TimeSpan _timeout;

    private PortmapperClient(RpcTcpClient rpc, TimeSpan timeout)
    {
        _rpc = rpc;
        _timeout = timeout;
    }

    /// <summary>The portmapper's address.</summary>
    public IPEndPoint EndPoint => _rpc.RemoteEndPoint;

    /// <summary>Connects to the portmapper at <paramref name="endPoint"/>; <paramref name="timeout"/> bounds the connect and each call.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">Nothing listens there, or it did not answer in time.</exception>
    public static PortmapperClient Connect(IPEndPoint endPoint, TimeSpan timeout) =>
        new(RpcTcpClient.Connect(endPoint, Portmap.Program, Portmap.Version, timeout), timeout);

    /// <summary>PMAPPROC_NULL: checks that a portmapper answers.</summary>
    public void Ping()
    {
        _rpc.BeginCall(Portmap.ProcedureNull);
        _rpc.Invoke(_timeout);
    }

    /// <summary>PMAPPROC_GETPORT: the port of a program version on a transport; 0 when it is not registered.</summary>
    public int GetPort(uint program, uint version, uint protocol)
    {
        new PortmapMapping(program, version, protocol, 0).Write(_rpc.BeginCall(Portmap.ProcedureGetPort));
        var reader = new XdrReader(_rpc.Invoke(_timeout));
        var port = reader.ReadUInt32("port");
        if (port > 65535)
            throw RpcException.Protocol($"The portmapper answered port {port}, which is not a TCP/UDP port number.");
        return (int)port;
    }

    /// <summary>PMAPPROC_SET: registers a mapping; false when the portmapper refused (already registered, or not allowed).</summary>
    public bool Set(PortmapMapping mapping)
    {
        mapping.Write(_rpc.BeginCall(Portmap.ProcedureSet));
        return new XdrReader(_rpc.Invoke(_timeout)).ReadBool("SET result");
    }

    /// <summary>PMAPPROC_UNSET: removes every transport's mapping of a program version; false when there was none or it was refused.</summary>
    public bool Unset(uint program, uint version)
    {
        new PortmapMapping(program, version, 0, 0).Write(_rpc.BeginCall(Portmap.ProcedureUnset));
        return new XdrReader(_rpc.Invoke(_timeout)).ReadBool("UNSET result");
    }

    /// <summary>PMAPPROC_DUMP: every mapping the portmapper holds.</summary>
    public IReadOnlyList<PortmapMapping> Dump()
    {
        _rpc.BeginCall(Portmap.ProcedureDump);
        var reader = new XdrReader(_rpc.Invoke(_timeout));
        var mappings = new List<PortmapMapping>();
        while (reader.ReadBool("more mappings"))
            mappings.Add(PortmapMapping.Read(ref reader));
        return mappings;
    }

    public void Dispose() => _rpc.Dispose();
}
