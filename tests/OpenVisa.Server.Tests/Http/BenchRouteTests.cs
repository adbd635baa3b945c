using System.Net;
using System.Text;
using System.Text.Json;
using OpenVisa.Server.Http;
using OpenVisa.Server.Http.BenchApi;
using OpenVisa.TestSupport;

namespace OpenVisa.Server.Tests.Http;

/// <summary><c>/api/v1/bench</c> over real HTTP on 127.0.0.1, against a simulated bench opened through its drivers.</summary>
[Collection(InProcessBenchCollection.Name)]
public sealed class BenchRouteTests
{
    private sealed class BenchServer : IAsyncDisposable
    {
        public required ServedBench Bench { get; init; }
        public required HttpInstrumentServer Server { get; init; }
        public required HttpClient Client { get; init; }

        public static async Task<BenchServer> StartAsync()
        {
            var bench = TestBench.Open();
            var server = new HttpInstrumentServer(bench.Instruments, IPAddress.Loopback, new HttpServerOptions { Bench = bench });
            await server.StartAsync();
            return new BenchServer { Bench = bench, Server = server, Client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) } };
        }

        public Task<HttpResponseMessage> SetAsync(string alias, string parameter, string json) =>
            Client.PostAsync($"/api/v1/bench/{alias}/parameters/{parameter}", new StringContent(json, Encoding.UTF8, "application/json"));

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
            Bench.Dispose();
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response) =>
        (response.StatusCode, Json(await response.Content.ReadAsStringAsync()));

    [Fact]
    public async Task The_bench_lists_each_instrument_with_its_parameters_validators_limits_and_ages()
    {
        await using var http = await BenchServer.StartAsync();
        var bench = Json(await http.Client.GetStringAsync("/api/v1/bench"));
        Assert.Equal("Console test bench", bench.GetProperty("name").GetString());
        Assert.Equal("Web console", bench.GetProperty("experiment").GetString());
        var instruments = bench.GetProperty("instruments").EnumerateArray().ToArray();
        Assert.Equal(["psu", "scope", "dmm"], instruments.Select(i => i.GetProperty("alias").GetString()));
        Assert.Equal(4, instruments[1].GetProperty("oscilloscope").GetProperty("channels").GetInt32());
        Assert.Equal(JsonValueKind.Null, instruments[0].GetProperty("oscilloscope").ValueKind);
        var voltage = instruments[0].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "psu_ch1_voltage");
        Assert.Equal("V", voltage.GetProperty("unit").GetString());
        Assert.Equal("number", voltage.GetProperty("kind").GetString());
        Assert.Equal("a number between 0 and 6 inclusive", voltage.GetProperty("validator").GetString());
        Assert.StartsWith("v <= 5.5 (", voltage.GetProperty("safetyLimits").GetString());
        Assert.True(voltage.GetProperty("settable").GetBoolean());
        // Opening the bench read the present values, so the cache has one with an age.
        Assert.True(voltage.GetProperty("ageSeconds").GetDouble() >= 0);
        var idn = instruments[0].GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "psu_IDN");
        Assert.False(idn.GetProperty("settable").GetBoolean());
        // The same instruments are served under their aliases for the console.
        var served = Json(await http.Client.GetStringAsync("/api/v1/instruments"));
        Assert.Equal(["psu", "scope", "dmm"], served.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_set_goes_through_the_driver_and_a_refresh_reads_it_back()
    {
        await using var http = await BenchServer.StartAsync();
        var (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"value\": \"3.3\"}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3.3", body.GetProperty("value").GetString());
        // A JSON number is accepted as well as text; names are case-insensitive.
        (status, body) = await ReadAsync(await http.SetAsync("PSU", "PSU_CH2_VOLTAGE", "{\"value\": 7.5}"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("7.5", body.GetProperty("value").GetString());
        http.Bench.Bench["psu"].InvalidateCache();
        var psu = Json(await http.Client.GetStringAsync("/api/v1/bench/psu?refresh=true"));
        var voltage = psu.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "psu_ch1_voltage");
        Assert.Equal("3.3", voltage.GetProperty("value").GetString());
        Assert.InRange(voltage.GetProperty("ageSeconds").GetDouble(), 0, 30);
    }

    [Fact]
    public async Task A_value_outside_the_validator_or_the_safety_limit_is_refused_with_its_reason()
    {
        await using var http = await BenchServer.StartAsync();
        var (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"value\": \"9\"}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("VI_ERROR_INV_PARAMETER", body.GetProperty("status").GetString());
        Assert.Contains("must be a number between 0 and 6 inclusive", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"value\": \"5.8\"}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("above the safety limit: at most 5.5 V is allowed", body.GetProperty("message").GetString());
        Assert.Equal(0.0, (double)http.Bench.Bench["psu"].AllParameters().Single(p => p.FullName == "psu_ch1_voltage").CachedValue!);

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"value\": \"abc\"}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("psu_ch1_voltage takes a number (e.g. 1.5 or 2e-3), not \"abc\".", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_output", "{\"value\": \"maybe\"}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("psu_ch1_output takes true or false, not \"maybe\".", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"volts\": 1}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("a parameter set needs \"value\" as a string, but it is missing.", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "not json"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not valid JSON", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_instruments_and_parameters_and_read_only_ones_say_what_there_is()
    {
        await using var http = await BenchServer.StartAsync();
        var (status, body) = await ReadAsync(await http.Client.GetAsync("/api/v1/bench/nope"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("The bench Console test bench has no instrument 'nope'; it has: psu, scope, dmm.", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch9_voltage", "{\"value\": \"1\"}"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("psu has no parameter 'psu_ch9_voltage'; GET /api/v1/bench/psu lists its parameters", body.GetProperty("message").GetString());

        (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_measured_voltage", "{\"value\": \"1\"}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("psu_ch1_measured_voltage can only be read, not set.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_scope_channel_waveform_comes_in_volts_with_its_time_axis()
    {
        await using var http = await BenchServer.StartAsync();
        var waveform = Json(await http.Client.GetStringAsync("/api/v1/bench/scope/waveform?channel=1"));
        Assert.Equal(1, waveform.GetProperty("channel").GetInt32());
        Assert.Equal("s", waveform.GetProperty("xUnit").GetString());
        Assert.Equal("V", waveform.GetProperty("yUnit").GetString());
        Assert.True(waveform.GetProperty("xIncrement").GetDouble() > 0);
        var volts = waveform.GetProperty("voltages").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.True(volts.Length >= 100, $"only {volts.Length} samples");
        Assert.True(volts.Max() - volts.Min() > 0.1, "the simulated channel 1 is a wave, not a flat line");

        var (status, body) = await ReadAsync(await http.Client.GetAsync("/api/v1/bench/scope/waveform?channel=5"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Give the channel as ?channel=N with N from 1 to 4, not \"5\".", body.GetProperty("message").GetString());
        (status, body) = await ReadAsync(await http.Client.GetAsync("/api/v1/bench/psu/waveform?channel=1"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.EndsWith("not an oscilloscope, so it has no waveform to fetch.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_snapshot_downloads_as_JSON_with_every_instrument()
    {
        await using var http = await BenchServer.StartAsync();
        using var response = await http.Client.GetAsync("/api/v1/bench/snapshot");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"bench-snapshot.json\"", response.Content.Headers.ContentDisposition?.ToString());
        var snapshot = Json(await response.Content.ReadAsStringAsync());
        var instruments = snapshot.GetProperty("instruments");
        Assert.True(instruments.TryGetProperty("psu", out _));
        Assert.True(instruments.TryGetProperty("scope", out _));
    }

    [Fact]
    public async Task A_reserved_bench_instrument_cannot_be_set_by_another_client()
    {
        await using var http = await BenchServer.StartAsync();
        using var reserve = await http.Client.PostAsync("/api/v1/instruments/psu/reservation", new StringContent(""));
        reserve.EnsureSuccessStatusCode();
        var (status, body) = await ReadAsync(await http.SetAsync("psu", "psu_ch1_voltage", "{\"value\": \"1\"}"));
        Assert.Equal((HttpStatusCode)423, status);
        Assert.StartsWith("psu is reserved by another client", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Without_a_bench_the_routes_say_how_to_serve_one()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.Client.GetAsync("/api/v1/bench");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = Json(await response.Content.ReadAsStringAsync());
        Assert.Equal("This server serves no bench, only instruments (see /api/v1/instruments); start it with ovisa serve --bench FILE to see a bench's parameters.", body.GetProperty("message").GetString());
    }
}
