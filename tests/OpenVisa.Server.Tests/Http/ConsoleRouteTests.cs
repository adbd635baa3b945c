using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OpenVisa.Server.Http;
using OpenVisa.Server.Http.WebConsole;
using OpenVisa.TestSupport;

namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// The web console's files as the server hands them out (no browser): content types, caching, the token exemption,
/// and that every <c>/api/v1/</c> call the page's scripts make reaches a route of the server.
/// </summary>
[Collection(InProcessBenchCollection.Name)]
public sealed partial class ConsoleRouteTests
{
    [Fact]
    public async Task The_page_is_served_at_the_root_as_HTML_that_loads_only_its_own_files()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/console/app.js\"></script>", html);
        // Offline: no file comes from another host.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("/console/app.js", "text/javascript")]
    [InlineData("/console/api.js", "text/javascript")]
    [InlineData("/console/console.js", "text/javascript")]
    [InlineData("/console/instruments.js", "text/javascript")]
    [InlineData("/console/plot.js", "text/javascript")]
    [InlineData("/console/binary.js", "text/javascript")]
    [InlineData("/console/dom.js", "text/javascript")]
    [InlineData("/console/bench.js", "text/javascript")]
    [InlineData("/console/console.css", "text/css")]
    [InlineData("/console/favicon.svg", "image/svg+xml")]
    public async Task Each_file_has_its_content_type_and_is_revalidated_with_its_ETag(string path, string mediaType)
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache, "every file must be revalidated, so a new server never runs an old script");
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(ConsoleAssets.Find(path)!.Content.Length, (await response.Content.ReadAsByteArrayAsync()).Length);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000000000000000\""));
        using var full = await http.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public void Every_embedded_file_is_listed_with_a_distinct_ETag()
    {
        var assets = ConsoleAssets.All.Values.ToArray();
        Assert.Contains(assets, a => a.Path == "/");
        Assert.Equal(assets.Length, assets.Select(a => a.ETag).Distinct().Count());
        Assert.All(assets, a => Assert.True(a.Content.Length > 0, a.Path));
    }

    [Fact]
    public async Task A_missing_file_is_a_404_that_lists_the_files()
    {
        await using var http = await HttpTestServer.StartAsync();
        using var response = await http.Client.GetAsync("/console/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND: The console has no file /console/nope.js; its files are: /, /console/api.js", text);
    }

    [Fact]
    public void An_unknown_extension_is_refused_naming_the_file()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ConsoleAssets.ContentTypeOf("logo.webp"));
        Assert.Contains("logo.webp has the extension '.webp'", e.Message);
    }

    [Fact]
    public async Task With_a_token_the_files_are_served_without_it_but_the_API_still_needs_it()
    {
        await using var http = await HttpTestServer.StartAsync(new HttpServerOptions { BearerToken = "s3cret" });
        using var page = await http.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var script = await http.Client.GetAsync("/console/api.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using var list = await http.Client.GetAsync("/api/v1/instruments");
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Contains("needs a bearer token", await list.Content.ReadAsStringAsync());
        // The exemption is for the console's own paths only, not for anything that starts alike.
        using var lookalike = await http.Client.GetAsync("/consolex");
        Assert.Equal(HttpStatusCode.Unauthorized, lookalike.StatusCode);
    }

    /// <summary>
    /// Reads the scripts for the API calls they make (<c>request('/api/v1/…')</c>, <c>path + '/query'</c>,
    /// <c>post('/read', …)</c>) and checks each reaches a route: ASP.NET's "no route" 404 has an empty body, while
    /// every answer of ours, errors included, has one.
    /// </summary>
    [Fact]
    public async Task Every_API_call_the_scripts_make_reaches_a_route()
    {
        var scripts = string.Join("\n", ConsoleAssets.All.Values.Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal))
            .Select(a => System.Text.Encoding.UTF8.GetString(a.Content.Span)));
        var absolute = AbsoluteCall().Matches(scripts).Select(m => m.Groups[1].Value).Distinct().ToArray();
        // Sorted so "/write" (which leaves a reply waiting) runs before "/read" (which takes it).
        var perInstrument = InstrumentCall().Matches(scripts).Select(m => m.Groups[1].Value).Distinct().OrderBy(s => s == "/read").ToArray();
        Assert.Contains("/api/v1/instruments", absolute);
        Assert.Contains("/api/v1/server", absolute);
        Assert.Contains("/api/v1/events", absolute);
        Assert.Superset(new HashSet<string> { "/query", "/query_binary", "/write", "/read", "/stb", "/clear", "/trigger" }, perInstrument.ToHashSet());
        var perBenchInstrument = BenchInstrumentCall().Matches(scripts).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToArray();
        Assert.Equal(["?refresh=true", "/parameters/", "/waveform"], perBenchInstrument);

        // A demo instrument and a simulated bench, so every page of the console has its routes.
        using var bench = TestBench.Open();
        await using var server = new HttpInstrumentServer([new("DEMO0::INSTR", new DemoInstrument()), .. bench.Instruments], IPAddress.Loopback, new HttpServerOptions { Bench = bench });
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in absolute.Where(p => p != "/api/v1/events"))
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var (method, path, body) in new[]
        {
            ("GET", "/api/v1/bench/psu?refresh=true", (string?)null),
            ("POST", "/api/v1/bench/psu/parameters/psu_ch1_voltage", "{\"value\": \"1\"}"),
            ("GET", "/api/v1/bench/scope/waveform?channel=1", null),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : new StringContent(body) };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        using (var events = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        foreach (var suffix in perInstrument)
        {
            var method = suffix == "/stb" ? HttpMethod.Get : HttpMethod.Post;
            using var request = new HttpRequestMessage(method, "/api/v1/instruments/DEMO0::INSTR" + suffix);
            if (method == HttpMethod.Post)
                request.Content = new StringContent(suffix == "/write" ? "*IDN?" : suffix.StartsWith("/query", StringComparison.Ordinal) ? "*IDN?" : "");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(response.StatusCode == HttpStatusCode.NotFound && body.Length == 0, $"{method} …{suffix} has no route");
            Assert.True((int)response.StatusCode < 400, $"{method} …{suffix} answered {(int)response.StatusCode}: {body}");
        }
    }

    [GeneratedRegex(@"(?:request|fetch)\(\s*'(/api/v1/[a-z_/]+)'")]
    private static partial Regex AbsoluteCall();

    [GeneratedRegex(@"(?:path \+ |post\()'(/[a-z_]+)'")]
    private static partial Regex InstrumentCall();

    [GeneratedRegex(@"base \+ '([^']+)'|\$\{base\}(/[a-z]+)")]
    private static partial Regex BenchInstrumentCall();
}
