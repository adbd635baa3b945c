using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Server.Tests;

/// <summary>
/// An unknown query to a served simulator file without an <c>error:</c> section gets no reply and the connection stays
/// open, as a real instrument keeps it (issue 18, item 4).
/// </summary>
public sealed class UnansweredQueryTests
{
    private const string Simulator = """
        spec: "1.1"
        devices:
          meter:
            eom:
              TCPIP INSTR:
                q: "\n"
                r: "\n"
            dialogues:
              - q: "*IDN?"
                r: "ACME,Meter,1,0.1"
        resources:
          TCPIP0::10.0.0.5::inst0::INSTR:
            device: meter
        """;

    [Fact]
    public async Task An_unknown_query_over_SOCKET_gets_no_reply_and_the_next_query_is_answered_on_the_same_connection()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ovisa-no-error-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Simulator);
        try
        {
            using var set = InstrumentSet.FromSimulator(file + "@sim");
            var resource = ((ResourceMessageDevice)set.Instruments[0].Device).Resource;
            resource.Timeout = TimeSpan.FromMilliseconds(300); // how long the gateway waits for the answer that never comes
            await using var server = new InstrumentServer(set.Instruments, new InstrumentServerOptions { SocketPort = 0 });
            server.Start();
            var port = int.Parse(server.Endpoints[0].ResourceName.Split("::")[2], System.Globalization.CultureInfo.InvariantCulture);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
            client.Connect(new IPEndPoint(IPAddress.Loopback, port));

            client.Send("FOO?\n"u8);
            client.Send("*IDN?\n"u8);
            Assert.Equal("ACME,Meter,1,0.1", ReadLine(client));
            client.Send("*OPT?\n*IDN?\n"u8);
            Assert.Equal("ACME,Meter,1,0.1", ReadLine(client));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_command_the_simulator_answers_is_answered_at_once_so_the_next_query_gets_its_own_reply()
    {
        // pyvisa-sim's default signal generator answers its setters with OK (or FREQ_ERROR out of range). Before, the gateway
        // left that answer queued and the next query got it: "?IDN" answered "OK".
        using var set = InstrumentSet.FromSimulator("bundled:default.yaml@sim");
        await using var server = new InstrumentServer(set.Instruments, new InstrumentServerOptions { SocketPort = 0 });
        server.Start();
        var port = int.Parse(server.Endpoints.First(e => e.Instrument == "ASRL1::INSTR").ResourceName.Split("::")[2], System.Globalization.CultureInfo.InvariantCulture);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        client.Connect(new IPEndPoint(IPAddress.Loopback, port));

        client.Send("!FREQ 10\n"u8);
        Assert.Equal("OK", ReadLine(client));
        client.Send("!FREQ 1000000\n?IDN\n"u8);
        Assert.Equal("FREQ_ERROR", ReadLine(client));
        Assert.Equal("LSG Serial #1234", ReadLine(client));
        client.Send("?FREQ\n"u8);
        Assert.Equal("10.00", ReadLine(client));
    }

    private static string ReadLine(Socket socket)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (socket.Receive(one) == 1 && one[0] != (byte)'\n')
            line.Add(one[0]);
        return Encoding.ASCII.GetString([.. line]);
    }
}
