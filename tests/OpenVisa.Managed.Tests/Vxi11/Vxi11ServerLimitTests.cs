using System.Buffers;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>The server's limits and refusals, and the messages clients get for them.</summary>
public sealed class Vxi11ServerLimitTests
{
    [Fact]
    public async Task Links_beyond_the_limit_are_refused_as_out_of_resources()
    {
        await using var server = Serve(new Vxi11TestDevice(), new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None, MaxLinks = 1 });
        using var first = Open(server);
        var e = Assert.Throws<VisaException>(() => Open(server));
        Assert.Equal(StatusCode.ErrorAllocation, e.Status);
        Assert.Contains("no room for another link", e.Message);
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused_and_discarded()
    {
        await using var server = Serve(new Vxi11TestDevice(), new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None, MaxReceiveSize = 1024, MaxMessageLength = 2000 });
        using var client = Open(server);
        var e = Assert.Throws<VisaException>(() => client.Write(new byte[3000], 2000, sendEnd: true));
        Assert.Equal(StatusCode.ErrorAllocation, e.Status);
        Assert.Contains("error 9 (out of resources)", e.Message);
        Assert.Contains("1024 of 3000 bytes had been written", e.Message);
        Assert.Equal("fits\n", Vxi11Bench.Query(client, "ECHO fits"));
    }

    [Fact]
    public async Task A_write_to_a_device_still_busy_times_out_saying_so()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "SLOW? 3000");
        var e = Assert.Throws<VisaException>(() => client.Write("ECHO next\n"u8, 200, sendEnd: true));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("did not take the data within 200 ms", e.Message);
        Assert.Contains("busy with an earlier command", e.Message);
    }

    [Fact]
    public async Task Out_of_band_failures_of_the_device_reach_the_client_as_VXI11_errors()
    {
        await using var server = Serve(new FailingDevice(), new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        using var client = Open(server);
        var unsupported = Assert.Throws<VisaException>(() => client.ReadStatusByte(1000));
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, unsupported.Status);
        Assert.Contains("error 8 (operation not supported)", unsupported.Message);
        var failed = Assert.Throws<VisaException>(() => client.Trigger(1000));
        Assert.Equal(StatusCode.ErrorIO, failed.Status);
        Assert.Contains("device_trigger with error 17 (I/O error)", failed.Message);
        client.Clear(1000);
    }

    [Fact]
    public async Task Interrupt_channel_requests_the_server_cannot_serve_are_refused()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = RpcTcpClient.Connect(bench.Server.LocalEndPoint, Vxi11Protocol.CoreProgram, 1, TimeSpan.FromSeconds(2));
        rpc.BeginCall(Vxi11Protocol.DestroyInterruptChannel);
        Assert.Equal((uint)Vxi11ErrorCode.ChannelNotEstablished, new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2))).ReadUInt32("error"));
        var udp = rpc.BeginCall(Vxi11Protocol.CreateInterruptChannel);
        udp.WriteUInt32(0x7F000001);
        udp.WriteUInt32(5000);
        udp.WriteUInt32(Vxi11Protocol.InterruptProgram);
        udp.WriteUInt32(1);
        udp.WriteUInt32(Vxi11Protocol.FamilyUdp);
        Assert.Equal((uint)Vxi11ErrorCode.OperationNotSupported, new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2))).ReadUInt32("error"));
        for (var i = 0; i < 2; i++)
        {
            var tcp = rpc.BeginCall(Vxi11Protocol.CreateInterruptChannel);
            tcp.WriteUInt32(0x7F000001);
            tcp.WriteUInt32(5000);
            tcp.WriteUInt32(Vxi11Protocol.InterruptProgram);
            tcp.WriteUInt32(1);
            tcp.WriteUInt32(Vxi11Protocol.FamilyTcp);
            var expected = i == 0 ? Vxi11ErrorCode.NoError : Vxi11ErrorCode.ChannelAlreadyEstablished;
            Assert.Equal((uint)expected, new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2))).ReadUInt32("error"));
        }
    }

    [Fact]
    public void Asking_for_the_system_portmapper_where_none_runs_says_what_to_start()
    {
        var port = FreePort();
        var server = new Vxi11InstrumentServer([new("inst0", new Vxi11TestDevice())], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.System, PortmapperPort = port });
        var e = Assert.Throws<InvalidOperationException>(server.Start);
        Assert.Contains($"No system portmapper answers at 127.0.0.1:{port}", e.Message);
        Assert.Contains("rpcbind", e.Message);
    }

    [Fact]
    public void Our_own_portmapper_on_a_port_in_use_says_so()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var server = new Vxi11InstrumentServer([new("inst0", new Vxi11TestDevice())], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.Own, PortmapperPort = port });
        var e = Assert.Throws<InvalidOperationException>(server.Start);
        Assert.Contains($"Could not start a portmapper on 127.0.0.1:{port}", e.Message);
        Assert.Contains("already in use", e.Message);
    }

    [Fact]
    public void Bad_device_lists_and_sizes_are_refused_with_the_reason()
    {
        var device = new Vxi11TestDevice();
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => new Vxi11InstrumentServer([new("inst0", device), new("INST0", device)])).Message);
        Assert.Contains("at least one device", Assert.Throws<ArgumentException>(() => new Vxi11InstrumentServer([])).Message);
        Assert.Contains("at least 1024 bytes", Assert.Throws<ArgumentException>(() => new Vxi11InstrumentServer([new("inst0", device)], new Vxi11ServerOptions { MaxReceiveSize = 100 })).Message);
        Assert.Contains("1 to 256 characters", Assert.Throws<ArgumentException>(() => new Vxi11InstrumentServer([new(" ", device)])).Message);
    }

    private static Vxi11InstrumentServer Serve(IMessageDevice device, Vxi11ServerOptions options)
    {
        var server = new Vxi11InstrumentServer([new("inst0", device)], options);
        server.Start();
        return server;
    }

    private static Vxi11Client Open(Vxi11InstrumentServer server) =>
        Vxi11Client.Open(new Vxi11Target("127.0.0.1", server.LocalEndPoint.Port, "inst0"), TimeSpan.FromSeconds(2), false, TimeSpan.Zero, Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FailingDevice : IMessageDevice
    {
        public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) =>
            throw new VisaException(StatusCode.ErrorNonsupportedOperation, "no status byte here");

        public ValueTask TriggerAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("trigger line broken");
    }
}
