using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>OpenVisa's own <c>/api/v1/</c> routes, with their JSON errors, over real HTTP on 127.0.0.1.</summary>
public sealed class ApiRouteTests
{
    [Fact]
    public async Task The_server_says_it_is_OpenVisa_and_lists_instruments_with_IDN_and_reservation()
    {
        await using var http = await HttpTestServer.StartAsync();
        var server = LambRouteTests.Json(await http.Client.GetStringAsync("/api/v1/server"));
        Assert.Equal("OpenVisa", server.GetProperty("server").GetString());
        var list = LambRouteTests.Json(await http.Client.GetStringAsync("/api/v1/instruments"));
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("DEMO0::INSTR", list[0].GetProperty("name").GetString());
        Assert.Equal(http.Demo.Identity, list[0].GetProperty("idn").GetString());
        Assert.False(list[0].GetProperty("reserved").GetBoolean());
    }

    [Fact]
    public async Task Write_then_read_query_stb_clear_and_trigger()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var write = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/write", "ECHO? hello\n", r => r.Headers.Add("X-Client-Id", "a"));
        Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        using var otherClient = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/read", "", r => r.Headers.Add("X-Client-Id", "b"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, otherClient.StatusCode);
        var error = LambRouteTests.Json(await otherClient.Content.ReadAsStringAsync());
        Assert.Equal("VI_ERROR_TMO", error.GetProperty("status").GetString());
        Assert.Contains("has no reply waiting for this client (X-Client-Id b)", error.GetProperty("message").GetString());
        using var read = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/read", "", r => r.Headers.Add("X-Client-Id", "a"));
        Assert.Equal("hello", await read.Content.ReadAsStringAsync());

        using var query = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query", "*IDN?");
        Assert.Equal(http.Demo.Identity, await query.Content.ReadAsStringAsync());
        using var trigger = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/trigger", "");
        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        using var count = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query", "TRIG:COUN?");
        Assert.Equal("1", await count.Content.ReadAsStringAsync());
        using var srq = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/write", "SRQ");
        var stb = LambRouteTests.Json(await http.Client.GetStringAsync("/api/v1/instruments/DEMO0::INSTR/stb"));
        Assert.Equal(0x40, stb.GetProperty("stb").GetInt32());
        using var clear = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/clear", "");
        Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
    }

    [Fact]
    public async Task Binary_query_returns_the_block_or_only_its_data()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var whole = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query_binary", "DATA? 300");
        Assert.Equal(305, (await whole.Content.ReadAsByteArrayAsync()).Length);
        using var data = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query_binary?block=true", "DATA? 300");
        var bytes = await data.Content.ReadAsByteArrayAsync();
        Assert.Equal("300", data.Headers.GetValues("X-Block-Length").Single());
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)i), bytes);
        using var notBlock = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query_binary?block=true", "*IDN?");
        Assert.Equal(HttpStatusCode.BadGateway, notBlock.StatusCode);
        var error = LambRouteTests.Json(await notBlock.Content.ReadAsStringAsync());
        Assert.Equal("VI_ERROR_INV_FMT", error.GetProperty("status").GetString());
        Assert.Contains("did not answer with a binary block", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_block_of_several_megabytes_arrives_whole_and_in_order_from_the_pooled_reply_segments()
    {
        const int length = 3_000_001;
        await using var http = await HttpTestServer.StartAsync();
        using var whole = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query_binary", $"DATA? {length}");
        var block = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal("#73000001"u8.ToArray(), block[..9]);
        using var data = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query_binary?block=true", $"DATA? {length}");
        var bytes = await data.Content.ReadAsByteArrayAsync();

        Assert.Equal(length, bytes.Length);
        Assert.Equal(block[9..], bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)i)
                Assert.Fail($"byte {i} is {bytes[i]}, not {(byte)i}");
        }
    }

    [Fact]
    public async Task A_reservation_keeps_other_clients_out_until_released_on_every_route()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var reserve = await http.PostJsonAsync("/api/v1/instruments/DEMO0::INSTR/reservation", "{\"lease_seconds\": 120}");
        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        var token = LambRouteTests.Json(await reserve.Content.ReadAsStringAsync()).GetProperty("token").GetString()!;

        using var other = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query", "*IDN?");
        Assert.Equal((HttpStatusCode)423, other.StatusCode);
        var error = LambRouteTests.Json(await other.Content.ReadAsStringAsync());
        Assert.Equal("VI_ERROR_RSRC_LOCKED", error.GetProperty("status").GetString());
        Assert.Contains("DEMO0::INSTR is reserved by another client", error.GetProperty("message").GetString());
        using var lamb = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"));
        Assert.Equal((HttpStatusCode)423, lamb.StatusCode);
        Assert.StartsWith("VI_ERROR_RSRC_LOCKED: DEMO0::INSTR is reserved by another client", await lamb.Content.ReadAsStringAsync());
        using var steal = await http.PostJsonAsync("/api/v1/instruments/DEMO0::INSTR/reservation", "{}");
        Assert.Equal((HttpStatusCode)423, steal.StatusCode);

        using var owner = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query", "*IDN?", r => r.Headers.Add(ReservationTable.TokenHeader, token));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        var listed = LambRouteTests.Json(await http.Client.GetStringAsync("/api/v1/instruments"));
        Assert.True(listed[0].GetProperty("reserved").GetBoolean());

        using var wrongRelease = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/instruments/DEMO0::INSTR/reservation");
        wrongRelease.Headers.Add(ReservationTable.TokenHeader, "guess");
        Assert.Equal((HttpStatusCode)423, (await http.Client.SendAsync(wrongRelease)).StatusCode);
        using var release = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/instruments/DEMO0::INSTR/reservation");
        release.Headers.Add(ReservationTable.TokenHeader, token);
        Assert.Equal(HttpStatusCode.NoContent, (await http.Client.SendAsync(release)).StatusCode);
        using var after = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/query", "*IDN?");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_reservation_ends_when_its_lease_runs_out()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var reserve = await http.PostJsonAsync("/api/v1/instruments/SLOW0::INSTR/reservation", "{\"lease_seconds\": 0.5}");
        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        using var during = await http.PostTextAsync("/api/v1/instruments/SLOW0::INSTR/query", "ID?");
        Assert.Equal((HttpStatusCode)423, during.StatusCode);
        await Task.Delay(1500);
        using var after = await http.PostTextAsync("/api/v1/instruments/SLOW0::INSTR/query", "ID?");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var bad = await http.PostJsonAsync("/api/v1/instruments/SLOW0::INSTR/reservation", "{\"lease_seconds\": -3}");
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Contains("\"lease_seconds\" must be a number of seconds above 0", LambRouteTests.Json(await bad.Content.ReadAsStringAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_bearer_token_is_required_when_configured()
    {
        await using var http = await HttpTestServer.StartAsync(new() { BearerToken = "s3cret" });
        using var missing = await http.Client.GetAsync("/api/v1/instruments");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        var error = LambRouteTests.Json(await missing.Content.ReadAsStringAsync());
        Assert.Equal("VI_ERROR_INV_ACCESS_KEY", error.GetProperty("status").GetString());
        Assert.Contains("needs a bearer token", error.GetProperty("message").GetString());
        using var wrong = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"), r => r.Headers.Authorization = new("Bearer", "guess"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.StartsWith("VI_ERROR_INV_ACCESS_KEY: The bearer token is wrong", await wrong.Content.ReadAsStringAsync());
        using var right = await http.PostJsonAsync("/instrument/query", HttpTestServer.Command("DEMO0::INSTR", "*IDN?"), r => r.Headers.Authorization = new("Bearer", "s3cret"));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Events_stream_carries_traffic_and_service_requests()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var stream = await http.Client.GetStreamAsync("/api/v1/events");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.StartsWith(": OpenVisa events", await reader.ReadLineAsync());
        using var srq = await http.PostTextAsync("/api/v1/instruments/DEMO0::INSTR/write", "SRQ");
        var lines = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!lines.Any(l => l.StartsWith("event: srq", StringComparison.Ordinal)))
            lines.Add(await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the stream ended"));
        Assert.Contains("event: traffic", lines);
        Assert.Contains("data: {\"instrument\":\"DEMO0::INSTR\",\"direction\":\"write\",\"message\":\"SRQ\",\"length\":3,\"transport\":\"HTTP\",\"client\":\"127.0.0.1\"}", lines);
        var data = await reader.ReadLineAsync(deadline.Token);
        Assert.Equal("data: {\"instrument\":\"DEMO0::INSTR\",\"stb\":64}", data);
    }

    [Fact]
    public async Task HTTP_and_SOCKET_calls_on_one_instrument_never_overlap()
    {
        var slow = new SlowDevice("shared");
        await using var server = new InstrumentServer([new("SHARED::INSTR", slow)], new InstrumentServerOptions { SocketPort = 0, Http = new HttpServerOptions() });
        server.Start();
        using var client = new HttpClient { BaseAddress = new Uri(server.HttpUrl!), Timeout = TimeSpan.FromSeconds(120) };
        var socketName = server.Endpoints.Single(e => e.Protocol == "SOCKET").ResourceName;
        var overHttp = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                using var response = await client.PostAsync("/instrument/query", new StringContent(HttpTestServer.Command("SHARED::INSTR", "ID?")));
                Assert.Equal("shared", await response.Content.ReadAsStringAsync());
            }
        }));
        var overSocket = Task.Run(() =>
        {
            using var rm = new ResourceManager(new ManagedLibrary(""));
            using var inst = rm.Open<MessageBasedResource>(socketName);
            inst.Timeout = TimeSpan.FromSeconds(60);
            for (var i = 0; i < 100; i++)
                Assert.Equal("shared", inst.Query("ID?"));
        });
        await Task.WhenAll([.. overHttp, overSocket]);
        Assert.Equal(1, slow.MaxConcurrentCalls);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_with_the_port()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var server = new HttpInstrumentServer([new("DEMO", new DemoInstrument())], IPAddress.Loopback, new HttpServerOptions { Port = port });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
        Assert.Contains($"Could not serve HTTP on 127.0.0.1:{port}", e.Message);
        Assert.Contains("already in use", e.Message);
    }
}
