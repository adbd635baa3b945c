using System.Buffers;
using System.Text;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

public sealed class ResourceMessageDeviceTests
{
    [Theory]
    [InlineData("*IDN?", true)]
    [InlineData("MEAS:VOLT? (@1)", true)]
    [InlineData("*RST", false)]
    [InlineData("DISP:TEXT \"Ready?\"", false)]
    [InlineData("DISP:TEXT 'why?';*OPC?", true)]
    [InlineData("TRAC:DATA #15ab?de", false)]
    [InlineData("TRAC:DATA #15ab?de;:TRAC:POIN?", true)]
    [InlineData("TRAC:DATA #9", false)]
    [InlineData("TEXT \"unclosed ?", false)]
    public void A_query_is_a_question_mark_outside_strings_and_blocks(string message, bool query) =>
        Assert.Equal(query, ResourceMessageDevice.IsQuery(Encoding.ASCII.GetBytes(message)));

    [Theory]
    [InlineData("#15abcde\n", 0)]
    [InlineData("#15ab\n", 2)]
    [InlineData("CURV #210abc", 7)]
    [InlineData("\"#15\" plain", 0)]
    [InlineData("#0abc", 0)]
    [InlineData("#3", 0)]
    public void A_reply_cut_inside_a_block_says_how_much_is_missing(string reply, int missing) =>
        Assert.Equal(missing, ResourceMessageDevice.MissingBlockBytes(Encoding.ASCII.GetBytes(reply)));

    [Fact]
    public async Task A_resource_on_another_backend_is_served_over_VXI11_as_a_gateway()
    {
        // demo instrument ← SOCKET server ← @managed SOCKET resource ← adapter ← VXI-11 server ← @managed VXI-11 client
        var demo = new DemoInstrument("gateway");
        await using var socketServer = new SocketInstrumentServer(demo);
        socketServer.Start();
        using var backend = new ResourceManager(new ManagedLibrary(""));
        var socketResource = backend.Open<MessageBasedResource>(socketServer.ResourceName);
        using var device = new ResourceMessageDevice(socketResource, ownsResource: true);
        await using var server = new Vxi11InstrumentServer([new(socketResource.ResourceName, device), new("inst0", device)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        server.Start();

        using var clients = new ResourceManager(new ManagedLibrary(""));
        using var inst = clients.Open<MessageBasedResource>(server.ResourceNameFor("inst0"));
        Assert.Equal(demo.Identity + "\n", inst.Query("*IDN?"));
        inst.Write("*RST");
        Assert.Equal("two words\n", inst.Query("ECHO? two words"));
        var block = inst.QueryBinaryValues<byte>("DATA? 1000");
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)i), block);
        var e = Assert.Throws<VisaException>(() => inst.ReadStb());
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status); // a raw socket has no status byte: the gateway says so (VXI-11 error 8)
    }

    [Fact]
    public async Task The_adapter_strips_the_read_termination_and_reports_no_reply_for_commands()
    {
        var demo = new DemoInstrument();
        await using var socketServer = new SocketInstrumentServer(demo);
        socketServer.Start();
        using var backend = new ResourceManager(new ManagedLibrary(""));
        using var device = new ResourceMessageDevice(backend.Open<MessageBasedResource>(socketServer.ResourceName), ownsResource: true);
        var reply = new ArrayBufferWriter<byte>();
        Assert.True(await device.HandleMessageAsync("ECHO? abc"u8.ToArray(), reply, CancellationToken.None));
        Assert.Equal("abc", Encoding.ASCII.GetString(reply.WrittenSpan));
        reply.Clear();
        Assert.False(await device.HandleMessageAsync("*CLS"u8.ToArray(), reply, CancellationToken.None));
        Assert.Equal(0, reply.WrittenCount);
    }

    [Fact]
    public async Task Service_requests_of_a_served_VXI11_resource_reach_clients_of_the_gateway()
    {
        var demo = new DemoInstrument();
        await using var inner = new Vxi11InstrumentServer([new("inst0", demo)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        inner.Start();
        using var backend = new ResourceManager(new ManagedLibrary(""));
        using var device = new ResourceMessageDevice(backend.Open<MessageBasedResource>(inner.ResourceNameFor("inst0")), ownsResource: true);
        await using var gateway = new Vxi11InstrumentServer([new("inst0", device)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        gateway.Start();
        using var clients = new ResourceManager(new ManagedLibrary(""));
        using var inst = clients.Open<MessageBasedResource>(gateway.ResourceNameFor("inst0"));
        var waiting = Task.Run(() => inst.WaitForSrq(TimeSpan.FromSeconds(10)));
        await Task.Delay(500);
        inst.Write("SRQ");
        var stb = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(0x40, stb & 0x40);
    }
}
