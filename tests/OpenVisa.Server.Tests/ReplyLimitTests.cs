using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

/// <summary>
/// One message cannot make the server build a giant reply, and the demo's error queue stays bounded (issue 18, items 6
/// and 7): <c>DATA? 2147483647</c> is refused at once with -223 while other clients go on.
/// </summary>
public sealed class ReplyLimitTests
{
    [Fact]
    public async Task DATA_beyond_the_limit_queues_minus_223_without_building_a_block()
    {
        var demo = new DemoInstrument { MaxReplyBytes = 1000 };
        var started = Stopwatch.GetTimestamp();

        Assert.Null(await Ask(demo, "DATA? 2147483647"));
        Assert.Null(await Ask(demo, "DATA? 99999999999999999"));
        Assert.Null(await Ask(demo, "DATA? lots"));

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        Assert.Equal("-223,\"Too much data;DATA? 2147483647 asks for more than 1000 bytes, the most a reply may have\"", await Ask(demo, "SYST:ERR?"));
        Assert.StartsWith("-223,\"Too much data;DATA? 99999999999999999 asks", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("-224,\"Illegal parameter value;DATA? takes a byte count from 0 to 1000, not 'lots'\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("#41000", (await Ask(demo, "DATA? 1000"))![..6]);
    }

    [Fact]
    public async Task The_error_queue_holds_at_most_its_length_ending_in_queue_overflow()
    {
        var demo = new DemoInstrument { MaxErrorQueueLength = 4 };
        for (var i = 0; i < 1000; i++)
            await Ask(demo, "BOGUS" + i);

        Assert.Equal("-113,\"Undefined header;BOGUS0\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("-113,\"Undefined header;BOGUS1\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("-113,\"Undefined header;BOGUS2\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("-350,\"Queue overflow\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("0,\"No error\"", await Ask(demo, "SYST:ERR?"));
    }

    [Fact]
    public async Task A_huge_bad_command_is_queued_cut_to_the_entry_length()
    {
        var demo = new DemoInstrument();
        await Ask(demo, "X" + new string('Y', 20_000_000));

        var entry = (await Ask(demo, "SYST:ERR?"))!;
        Assert.Equal(255, entry.Length);
        Assert.StartsWith("-113,\"Undefined header;XYYY", entry);
        Assert.EndsWith("...\"", entry);
    }

    [Fact]
    public async Task Over_SOCKET_DATA_2147483647_is_refused_quickly_and_another_client_still_gets_its_IDN()
    {
        await using var server = new InstrumentServer([new("DEMO0::INSTR", new DemoInstrument())], new InstrumentServerOptions { SocketPort = 0 });
        server.Start();
        var port = PortOf(server.Endpoints[0]);
        using var hostile = Connect(port);
        using var other = Connect(port);

        Send(hostile, "DATA? 2147483647\n");
        Assert.StartsWith("OpenVisa,Demo Instrument", ReadLine(other, "*IDN?\n"));
        // The refused query has no reply, so the next line on the same connection answers SYST:ERR?: it was refused at once.
        Assert.StartsWith("-223,\"Too much data;DATA? 2147483647", ReadLine(hostile, "SYST:ERR?\n"));
    }

    [Fact]
    public async Task A_device_writing_past_the_server_limit_fails_that_message_on_every_protocol_and_the_connection_goes_on()
    {
        // The demo would build the block; the server's own limit stops it.
        var demo = new DemoInstrument { MaxReplyBytes = int.MaxValue };
        await using var server = new InstrumentServer([new("DEMO0::INSTR", demo)], new InstrumentServerOptions
        {
            SocketPort = 0,
            Vxi11 = true,
            Portmapper = Vxi11PortmapperMode.None,
            HislipPort = 0,
            MaxReplyBytes = 100_000,
        });
        server.Start();
        // SOCKET has no way to say more than nothing: no reply, and the connection answers the next query.
        using (var raw = Connect(PortOf(server.Endpoints.Single(e => e.Protocol == "SOCKET"))))
        {
            Send(raw, "DATA? 200000\n");
            Assert.StartsWith("OpenVisa,Demo Instrument", ReadLine(raw, "*IDN?\n"));
        }
        using var rm = new ResourceManager(new ManagedLibrary(""));
        foreach (var endpoint in server.Endpoints.Where(e => e.Protocol != "SOCKET"))
        {
            using var inst = rm.Open<MessageBasedResource>(endpoint.ResourceName);
            inst.Timeout = TimeSpan.FromSeconds(10);
            inst.ReadTermination = "\n";
            inst.Write("DATA? 200000");
            var error = Assert.Throws<VisaException>(() => inst.Read());
            if (endpoint.Protocol == "VXI-11")
                Assert.Equal(StatusCode.ErrorIO, error.Status); // device_read's error 17: the protocol carries no text
            else
                Assert.True(error.Message.Contains("longer than 100000 bytes", StringComparison.Ordinal), error.Message); // HiSLIP's Error message says why
            Assert.StartsWith("OpenVisa,Demo Instrument", inst.Query("*IDN?"));
            inst.Write("DATA? 99000"); // 99,007 bytes with its header and newline: under the limit
            Assert.Equal(99_000 + 7, inst.ReadBytes(99_000 + 7).Length);
        }
    }

    private static int PortOf(ServedEndpoint endpoint) => int.Parse(endpoint.ResourceName.Split("::")[2], System.Globalization.CultureInfo.InvariantCulture);

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static void Send(Socket socket, string text) => socket.Send(Encoding.ASCII.GetBytes(text));

    private static string ReadLine(Socket socket, string query)
    {
        Send(socket, query);
        var line = new List<byte>();
        var one = new byte[1];
        while (socket.Receive(one) == 1 && one[0] != (byte)'\n')
            line.Add(one[0]);
        return Encoding.ASCII.GetString([.. line]);
    }

    private static async Task<string?> Ask(DemoInstrument demo, string command)
    {
        var reply = new ArrayBufferWriter<byte>();
        var hasReply = await demo.HandleMessageAsync(Encoding.Latin1.GetBytes(command), reply, CancellationToken.None);
        return hasReply ? Encoding.Latin1.GetString(reply.WrittenSpan) : null;
    }
}
