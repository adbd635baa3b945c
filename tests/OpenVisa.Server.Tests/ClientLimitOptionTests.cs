using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

/// <summary>
/// Issue 18 ("no server limit hard-coded without an option"): the client limits are options of <see cref="InstrumentServer"/>
/// and of <c>ovisa serve</c> (--max-clients, --max-sessions-per-client, --max-message-bytes), and each takes effect.
/// </summary>
public sealed class ClientLimitOptionTests
{
    [Fact]
    public async Task A_SOCKET_client_beyond_max_clients_is_closed_and_the_first_one_goes_on()
    {
        await using var server = new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions
        {
            SocketPort = 0,
            Limits = new ServerClientLimits { MaxClients = 1 },
        });
        server.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var first = rm.Open<MessageBasedResource>(server.Endpoints[0].ResourceName);
        first.ReadTermination = "\n";
        Assert.StartsWith("OpenVisa,", first.Query("*IDN?"));

        using var second = new TcpClient();
        second.Connect("127.0.0.1", SocketPort(server));
        second.GetStream().Write("*IDN?\n"u8);
        second.ReceiveTimeout = 10_000;
        Assert.Equal(0, ReadUntilClosed(second));

        Assert.StartsWith("OpenVisa,", first.Query("*IDN?"));
    }

    [Fact]
    public async Task A_message_longer_than_max_message_bytes_is_refused_over_SOCKET_and_VXI11()
    {
        await using var server = new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions
        {
            SocketPort = 0,
            Vxi11 = true,
            Portmapper = Vxi11PortmapperMode.None,
            Limits = new ServerClientLimits { MaxMessageBytes = 100 },
        });
        server.Start();
        var longMessage = "*IDN?" + new string(' ', 200);

        using var socket = new TcpClient();
        socket.Connect("127.0.0.1", SocketPort(server));
        socket.GetStream().Write(Encoding.ASCII.GetBytes(longMessage));
        socket.ReceiveTimeout = 10_000;
        Assert.Equal(0, ReadUntilClosed(socket));

        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var vxi11 = rm.Open<MessageBasedResource>(server.Endpoints.Single(e => e.Protocol == "VXI-11").ResourceName);
        var e = Assert.Throws<VisaException>(() => vxi11.Write(longMessage));
        Assert.Contains("out of resources", e.Message, StringComparison.OrdinalIgnoreCase);
        vxi11.ReadTermination = "\n";
        Assert.StartsWith("OpenVisa,", vxi11.Query("*IDN?"));
    }

    [Fact]
    public async Task The_limits_reach_HiSLIP_also_when_its_own_options_are_given()
    {
        await using var server = new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions
        {
            HislipPort = 0,
            Hislip = new OpenVisa.Managed.Tcpip.Hislip.HislipServerOptions { MaxSessions = 7, HandshakeTimeout = TimeSpan.FromSeconds(3) },
            Limits = new ServerClientLimits { MaxSessionsPerClient = 1 },
        });
        server.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var first = rm.Open<MessageBasedResource>(server.Endpoints[0].ResourceName);

        var e = Assert.Throws<VisaException>(() => rm.Open<MessageBasedResource>(server.Endpoints[0].ResourceName));

        Assert.Contains("already has 1 sessions open here", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("OpenVisa,", first.Query("*IDN?"));
    }

    [Fact]
    public async Task Ovisa_serve_max_sessions_per_client_limits_HiSLIP_sessions_from_one_address()
    {
        using var serve = ServeProcess.Start("--demo", "--hislip", "0", "--max-sessions-per-client", "1", "--json");
        var json = await serve.ReadUntilAsync("\n}\n");
        var root = System.Text.Json.JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var name = root.GetProperty("instruments")[0].GetProperty("endpoints")[0].GetProperty("resourceName").GetString()!;
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var first = rm.Open<MessageBasedResource>(name);

        var e = Assert.Throws<VisaException>(() => rm.Open<MessageBasedResource>(name));

        Assert.Contains("already has 1 sessions open here, the most one client address may have", e.Message, StringComparison.Ordinal);
        Assert.Contains("--max-sessions-per-client", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("OpenVisa,", first.Query("*IDN?"));
    }

    private static int SocketPort(InstrumentServer server) =>
        int.Parse(server.Endpoints.Single(e => e.Protocol == "SOCKET").ResourceName.Split("::")[2], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads until the server closes the connection; returns the bytes received.</summary>
    private static int ReadUntilClosed(TcpClient client)
    {
        var buffer = new byte[4096];
        var total = 0;
        try
        {
            int n;
            while ((n = client.GetStream().Read(buffer)) > 0)
                total += n;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // A reset is a close too.
        }
        return total;
    }
}
