using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Portmap;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>
/// Only the owner touches what is its own (issue 18, item 12): the interrupt channel goes only to the caller's own
/// address, device_abort reaches only links of the caller's address, and the portmapper's own registrations cannot be
/// removed from the network.
/// </summary>
public sealed class Vxi11OwnershipTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task create_intr_chan_to_another_host_is_refused_with_a_parameter_error()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = RpcTcpClient.Connect(bench.Server.LocalEndPoint, Vxi11Protocol.CoreProgram, 1, Timeout);

        Assert.Equal(Vxi11ErrorCode.ParameterError, CreateInterruptChannel(rpc, 0xC0000201)); // 192.0.2.1: not the caller
        Assert.Equal(Vxi11ErrorCode.NoError, CreateInterruptChannel(rpc, 0x7F000001));     // 127.0.0.1: the caller itself
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.2.3", "::ffff:10.1.2.3", true)]
    [InlineData("127.0.0.1", "127.0.0.2", true)]
    [InlineData("127.0.0.1", "::1", true)]
    [InlineData("10.1.2.3", "10.1.2.4", false)]
    [InlineData("127.0.0.1", "10.1.2.3", false)]
    public void The_same_client_is_the_same_address_or_loopback_on_both_sides(string a, string b, bool same) =>
        Assert.Equal(same, Vxi11PeerAddress.Same(IPAddress.Parse(a), IPAddress.Parse(b)));

    [Fact]
    public async Task device_abort_from_another_address_is_error_4_and_the_owners_call_goes_on()
    {
        var device = new Vxi11TestDevice();
        await using var server = new Vxi11InstrumentServer([new("inst0", device)], new Vxi11ServerOptions
        {
            Portmapper = Vxi11PortmapperMode.None,
            AbortCallerAddressOf = _ => IPAddress.Parse("192.0.2.66"),
        });
        server.Start();
        using var owner = Vxi11Client.Open(new Vxi11Target("127.0.0.1", server.LocalEndPoint.Port, "inst0"), Timeout, false, TimeSpan.Zero,
            Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR");

        using var rpc = RpcTcpClient.Connect(new IPEndPoint(IPAddress.Loopback, server.AbortEndPoint.Port), Vxi11Protocol.AbortProgram, 1, Timeout);
        var call = rpc.BeginCall(Vxi11Protocol.DeviceAbort);
        call.WriteInt32(owner.LinkId);
        Assert.Equal((uint)Vxi11ErrorCode.InvalidLinkIdentifier, new XdrReader(rpc.Invoke(Timeout)).ReadUInt32("error"));
        Assert.Equal("still mine\n", Vxi11Bench.Query(owner, "ECHO still mine"));
    }

    [Fact]
    public async Task device_abort_of_a_link_nobody_has_is_error_4()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = RpcTcpClient.Connect(new IPEndPoint(IPAddress.Loopback, bench.Server.AbortEndPoint.Port), Vxi11Protocol.AbortProgram, 1, Timeout);
        var call = rpc.BeginCall(Vxi11Protocol.DeviceAbort);
        call.WriteInt32(987654);
        Assert.Equal((uint)Vxi11ErrorCode.InvalidLinkIdentifier, new XdrReader(rpc.Invoke(Timeout)).ReadUInt32("error"));
    }

    [Fact]
    public async Task A_loopback_client_may_take_over_the_VXI_11_registration_but_never_the_portmappers_own()
    {
        // Another VXI-11 server on this computer takes over the registration as rpcbind allows it (ovisa perf runs its
        // servers in turn this way); the portmapper's own program stays.
        var server = new PortmapperServer(new IPEndPoint(IPAddress.Loopback, 0), NullLogger.Instance);
        server.Start();
        await using var _ = server;
        Assert.True(server.Register(new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Tcp, 40000)));
        using var client = PortmapperClient.Connect(server.LocalEndPoint, Timeout);

        Assert.False(client.Set(new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Tcp, 40001)));
        Assert.True(client.Unset(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version));
        Assert.True(client.Set(new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Tcp, 40001)));
        Assert.Equal(40001, client.GetPort(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Tcp));
        Assert.False(client.Unset(Portmap.Program, Portmap.Version));
    }

    private static Vxi11ErrorCode CreateInterruptChannel(RpcTcpClient rpc, uint address)
    {
        var call = rpc.BeginCall(Vxi11Protocol.CreateInterruptChannel);
        call.WriteUInt32(address);
        call.WriteUInt32(5000);
        call.WriteUInt32(Vxi11Protocol.InterruptProgram);
        call.WriteUInt32(1);
        call.WriteUInt32(Vxi11Protocol.FamilyTcp);
        return (Vxi11ErrorCode)new XdrReader(rpc.Invoke(Timeout)).ReadUInt32("error");
    }
}
