using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Server.Http;
using OpenVisa.TestSupport.Serial;

namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// Who is attached to each instrument, over every protocol <c>ovisa serve</c> offers, as <c>GET /api/v1/instruments</c>
/// and <c>…/{name}/clients</c> report it; and every client's traffic on the event stream.
/// </summary>
public sealed class ConnectedClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static InstrumentServer Serve(params ServedInstrument[] instruments) => new(instruments, new InstrumentServerOptions
    {
        SocketPort = 0,
        Vxi11 = true,
        Portmapper = Vxi11PortmapperMode.None,
        HislipPort = 0,
        Http = new HttpServerOptions(),
    });

    private static async Task<JsonElement> ClientsAsync(HttpClient http, string instrument)
    {
        using var response = await http.GetAsync("/api/v1/instruments/" + Uri.EscapeDataString(instrument) + "/clients");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asks until <paramref name="done"/> holds (a client's end is seen by the server a moment after the client closes).</summary>
    private static async Task<JsonElement> ClientsUntilAsync(HttpClient http, string instrument, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var clients = await ClientsAsync(http, instrument);
            if (done(clients) || DateTime.UtcNow > deadline)
                return clients;
            await Task.Delay(50);
        }
    }

    private static IEnumerable<JsonElement> OfTransport(JsonElement clients, string transport) =>
        clients.EnumerateArray().Where(c => c.GetProperty("transport").GetString() == transport);

    [Fact]
    public async Task SOCKET_VXI11_and_HiSLIP_clients_are_listed_with_their_address_and_lock_until_they_go()
    {
        await using var server = Serve(new ServedInstrument("DEMO0::INSTR", new DemoInstrument("SN0")), new ServedInstrument("DEMO1::INSTR", new DemoInstrument("SN1")));
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = Patience };
        string Name(string protocol) => server.Endpoints.First(e => e.Instrument == "DEMO0::INSTR" && e.Protocol == protocol).ResourceName;

        using var socket = new TcpClient(AddressFamily.InterNetwork);
        await socket.ConnectAsync(IPAddress.Loopback, int.Parse(Name("SOCKET").Split("::")[2]));
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var vxi11 = rm.Open<MessageBasedResource>(Name("VXI-11"));
        using var hislip = rm.Open<MessageBasedResource>(Name("HiSLIP"));
        vxi11.LockExclusive(TimeSpan.FromSeconds(10));

        var clients = await ClientsUntilAsync(http, "DEMO0::INSTR", c => OfTransport(c, "SOCKET").Any());
        var overSocket = Assert.Single(OfTransport(clients, "SOCKET"));
        Assert.Equal(((IPEndPoint)socket.Client.LocalEndPoint!).ToString(), overSocket.GetProperty("address").GetString());
        Assert.False(overSocket.GetProperty("locked").GetBoolean());
        var overVxi11 = Assert.Single(OfTransport(clients, "VXI-11"));
        Assert.StartsWith("127.0.0.1:", overVxi11.GetProperty("address").GetString());
        Assert.Matches(@"^link \d+ to inst0$", overVxi11.GetProperty("session").GetString());
        Assert.True(overVxi11.GetProperty("locked").GetBoolean(), "the VXI-11 link took the lock, but the list says it does not hold it");
        var overHislip = Assert.Single(OfTransport(clients, "HiSLIP"));
        Assert.Matches(@"^session \d+ on hislip0$", overHislip.GetProperty("session").GetString());
        Assert.True(DateTimeOffset.UtcNow - overHislip.GetProperty("since").GetDateTimeOffset() < Patience);
        // The other instrument has no client: listing the clients is no call on an instrument.
        Assert.Empty((await ClientsAsync(http, "DEMO1::INSTR")).EnumerateArray());

        // The list of all instruments carries the same clients.
        using var all = JsonDocument.Parse(await http.GetStringAsync("/api/v1/instruments"));
        var first = all.RootElement.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "DEMO0::INSTR");
        Assert.Equal(["HiSLIP", "SOCKET", "VXI-11"], first.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("transport").GetString()).Where(t => t != "HTTP").Order());

        vxi11.Unlock();
        clients = await ClientsUntilAsync(http, "DEMO0::INSTR", c => !OfTransport(c, "VXI-11").Single().GetProperty("locked").GetBoolean());
        Assert.False(OfTransport(clients, "VXI-11").Single().GetProperty("locked").GetBoolean());

        socket.Close();
        vxi11.Close();
        hislip.Close();
        clients = await ClientsUntilAsync(http, "DEMO0::INSTR", c => !c.EnumerateArray().Any());
        Assert.Empty(clients.EnumerateArray());
        Assert.Equal(0, server.Clients!.Count);
    }

    [Fact]
    public async Task HTTP_callers_and_the_reservation_holder_are_listed_and_an_unknown_instrument_is_named()
    {
        await using var server = Serve(new ServedInstrument("DEMO0::INSTR", new DemoInstrument()));
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = Patience };
        using var query = new HttpRequestMessage(HttpMethod.Post, "/api/v1/instruments/DEMO0::INSTR/query") { Content = new StringContent("*OPC?") };
        query.Headers.Add("X-Client-Id", "bench-script");
        (await http.SendAsync(query)).EnsureSuccessStatusCode();
        using var reserve = new HttpRequestMessage(HttpMethod.Post, "/api/v1/instruments/DEMO0::INSTR/reservation");
        reserve.Headers.Add("X-Client-Id", "bench-script");
        (await http.SendAsync(reserve)).EnsureSuccessStatusCode();

        var caller = Assert.Single((await ClientsAsync(http, "DEMO0::INSTR")).EnumerateArray());
        Assert.Equal("HTTP", caller.GetProperty("transport").GetString());
        Assert.Equal("127.0.0.1", caller.GetProperty("address").GetString());
        Assert.Equal("bench-script", caller.GetProperty("session").GetString());
        Assert.True(caller.GetProperty("locked").GetBoolean(), "the caller holds the reservation, but the list says it does not");
        Assert.NotEqual(JsonValueKind.Null, caller.GetProperty("lastSeen").ValueKind);

        using var missing = await http.GetAsync("/api/v1/instruments/NOPE::INSTR/clients");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("VI_ERROR_RSRC_NFOUND", error.GetProperty("status").GetString());
        Assert.Contains("No instrument named 'NOPE::INSTR' is served here. Served: DEMO0::INSTR", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_SOCKET_clients_query_appears_on_the_event_stream_with_its_transport_and_address()
    {
        await using var server = Serve(new ServedInstrument("DEMO0::INSTR", new DemoInstrument("SN7")));
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await http.GetStreamAsync("/api/v1/events");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.StartsWith(": OpenVisa events", await reader.ReadLineAsync());

        using var socket = new TcpClient(AddressFamily.InterNetwork);
        await socket.ConnectAsync(IPAddress.Loopback, int.Parse(server.Endpoints.Single(e => e.Protocol == "SOCKET").ResourceName.Split("::")[2]));
        var me = ((IPEndPoint)socket.Client.LocalEndPoint!).ToString();
        await socket.GetStream().WriteAsync("*IDN?\n"u8.ToArray());
        var answer = new byte[256];
        var got = await socket.GetStream().ReadAsync(answer);
        Assert.StartsWith("OpenVisa,Demo Instrument,SN7", Encoding.ASCII.GetString(answer, 0, got));

        using var deadline = new CancellationTokenSource(Patience);
        var data = new List<JsonElement>();
        while (data.Count(d => d.TryGetProperty("direction", out _)) < 2)
        {
            var line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the event stream ended");
            if (line.StartsWith("data: ", StringComparison.Ordinal))
                data.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
        }
        var attached = data.First(d => d.TryGetProperty("attached", out _));
        Assert.Equal("SOCKET", attached.GetProperty("transport").GetString());
        Assert.True(attached.GetProperty("attached").GetBoolean());
        var traffic = data.Where(d => d.TryGetProperty("direction", out _)).ToList();
        Assert.All(traffic, t => Assert.Equal("SOCKET", t.GetProperty("transport").GetString()));
        Assert.All(traffic, t => Assert.Equal(me, t.GetProperty("client").GetString()));
        Assert.Equal("*IDN?", traffic[0].GetProperty("message").GetString());
        Assert.Equal("read", traffic[1].GetProperty("direction").GetString());
        Assert.StartsWith("OpenVisa,Demo Instrument,SN7", traffic[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_Prologix_client_is_listed_at_each_address_it_talks_to()
    {
        await using var server = new InstrumentServer([new ServedInstrument("first", new DemoInstrument("first")), new ServedInstrument("second", new DemoInstrument("second"))],
            new InstrumentServerOptions { PrologixPort = 0, Http = new HttpServerOptions() });
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = Patience };
        using var rm = new ResourceManager("@managed");
        using var intfc = rm.Open(server.Prologix!.InterfaceResourceName.Replace("PRLGX-TCPIP0", "PRLGX-TCPIP18", StringComparison.Ordinal));
        using var two = rm.Open<GpibInstrResource>("GPIB18::2::INSTR");
        two.ReadTermination = "\n";
        two.Timeout = Patience;
        Assert.StartsWith("OpenVisa,Demo Instrument,second", two.Query("*IDN?"));

        var client = Assert.Single((await ClientsAsync(http, "second")).EnumerateArray());
        Assert.Equal("Prologix", client.GetProperty("transport").GetString());
        Assert.Equal("GPIB address 2", client.GetProperty("session").GetString());
        Assert.StartsWith("127.0.0.1:", client.GetProperty("address").GetString());
        Assert.Empty((await ClientsAsync(http, "first")).EnumerateArray());
    }

    [PtyFact]
    public async Task A_served_serial_line_is_listed_as_the_instruments_client_while_it_is_served()
    {
        using var pair = PtyPair.Start();
        var server = new InstrumentServer([new ServedInstrument("demo", new DemoInstrument())], new InstrumentServerOptions { SerialDevice = pair.B, Http = new HttpServerOptions() });
        server.Start();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = Patience };
            var clients = await ClientsUntilAsync(http, "demo", c => c.GetArrayLength() > 0);
            var line = Assert.Single(clients.EnumerateArray());
            Assert.Equal(("Serial", pair.B), (line.GetProperty("transport").GetString(), line.GetProperty("address").GetString()));
        }
        finally
        {
            await server.StopAsync();
        }
        Assert.Equal(0, server.Clients!.Count);
    }
}
