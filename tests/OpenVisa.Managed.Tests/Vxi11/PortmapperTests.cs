using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Tcpip.Vxi11.Portmap;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

public sealed class PortmapperTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Set_GetPort_Dump_and_Unset_over_TCP()
    {
        await using var server = Start();
        using var client = PortmapperClient.Connect(server.LocalEndPoint, Timeout);
        client.Ping();
        Assert.Equal(server.LocalEndPoint.Port, client.GetPort(Portmap.Program, Portmap.Version, Portmap.Tcp));
        Assert.Equal(0, client.GetPort(0x0607AF, 1, Portmap.Tcp));
        Assert.True(client.Set(new PortmapMapping(0x0607AF, 1, Portmap.Tcp, 40000)));
        Assert.False(client.Set(new PortmapMapping(0x0607AF, 1, Portmap.Tcp, 40001)));
        Assert.Equal(40000, client.GetPort(0x0607AF, 1, Portmap.Tcp));
        Assert.Equal(0, client.GetPort(0x0607AF, 1, Portmap.Udp));
        Assert.Contains(new PortmapMapping(0x0607AF, 1, Portmap.Tcp, 40000), client.Dump());
        Assert.True(client.Unset(0x0607AF, 1));
        Assert.False(client.Unset(0x0607AF, 1));
        Assert.Equal(0, client.GetPort(0x0607AF, 1, Portmap.Tcp));
    }

    [Fact]
    public async Task GetPort_over_UDP()
    {
        await using var server = Start();
        server.Register(new PortmapMapping(0x0607AF, 1, Portmap.Tcp, 1234));
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        var call = new XdrWriter();
        call.BeginDatagram();
        RpcMessage.WriteCallHeader(call, 77, Portmap.Program, Portmap.Version, Portmap.ProcedureGetPort);
        new PortmapMapping(0x0607AF, 1, Portmap.Tcp, 0).Write(call);
        udp.SendTo(call.Written, server.LocalEndPoint);
        var buffer = new byte[512];
        var count = udp.Receive(buffer);
        var reader = new XdrReader(buffer.AsSpan(0, count));
        Assert.True(RpcMessage.TryReadReplyHeader(ref reader, 77, Portmap.Program, Portmap.Version, Portmap.ProcedureGetPort));
        Assert.Equal(1234u, reader.ReadUInt32("port"));
    }

    [Fact]
    public async Task A_garbage_datagram_is_dropped_and_the_next_call_answered()
    {
        await using var server = Start();
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        udp.SendTo("not rpc"u8, server.LocalEndPoint);
        using var client = PortmapperClient.Connect(server.LocalEndPoint, Timeout);
        client.Ping();
    }

    [Fact]
    public async Task Unknown_procedures_and_versions_are_refused()
    {
        await using var server = Start();
        using var rpc = RpcTcpClient.Connect(server.LocalEndPoint, Portmap.Program, 2, Timeout);
        rpc.BeginCall(5); // CALLIT is not served
        Assert.Equal(RpcFailure.ProcedureUnavailable, Assert.Throws<RpcException>(() => rpc.Invoke(Timeout)).Failure);
        using var v4 = RpcTcpClient.Connect(server.LocalEndPoint, Portmap.Program, 4, Timeout);
        v4.BeginCall(0);
        var e = Assert.Throws<RpcException>(() => v4.Invoke(Timeout));
        Assert.Equal(RpcFailure.ProgramMismatch, e.Failure);
        Assert.Contains("offers versions 2 to 2", e.Message);
    }

    [Fact]
    public async Task Its_own_mapping_cannot_be_removed_from_the_network()
    {
        await using var server = Start();
        using var client = PortmapperClient.Connect(server.LocalEndPoint, Timeout);
        Assert.False(client.Unset(Portmap.Program, Portmap.Version));
        Assert.Equal(server.LocalEndPoint.Port, client.GetPort(Portmap.Program, Portmap.Version, Portmap.Udp));
    }

    [Fact]
    public async Task A_client_that_disconnects_leaves_the_portmapper_serving()
    {
        await using var server = Start();
        for (var i = 0; i < 3; i++)
        {
            using var client = PortmapperClient.Connect(server.LocalEndPoint, Timeout);
            client.Ping();
        }
        await Task.Delay(100);
        using var last = PortmapperClient.Connect(server.LocalEndPoint, Timeout);
        Assert.Equal(server.LocalEndPoint.Port, last.GetPort(Portmap.Program, Portmap.Version, Portmap.Tcp));
    }

    private static PortmapperServer Start()
    {
        var server = new PortmapperServer(new IPEndPoint(IPAddress.Loopback, 0), NullLogger.Instance);
        server.Start();
        return server;
    }
}
