using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using OpenVisa.Server.Http;
using OpenVisa.Server.Http.BenchApi;
using OpenVisa.TestSupport;

namespace OpenVisa.Console.Tests;

/// <summary>The bench view in headless Chromium against a simulated bench, as <c>ovisa serve --bench FILE --simulate --http</c> serves it.</summary>
public sealed class BenchPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed class ServedTestBench : IAsyncDisposable
    {
        public required ServedBench Bench { get; init; }
        public required HttpInstrumentServer Server { get; init; }

        public static async Task<ServedTestBench> StartAsync()
        {
            var bench = TestBench.Open();
            var server = new HttpInstrumentServer(bench.Instruments, IPAddress.Loopback, new HttpServerOptions { Bench = bench });
            await server.StartAsync();
            return new ServedTestBench { Bench = bench, Server = server };
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Bench.Dispose();
        }
    }

    private async Task<IPage> OpenBenchAsync(ServedTestBench served)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Server.Url + "/#/bench");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bench: Console test bench");
        return page;
    }

    [BrowserFact]
    public async Task Setting_a_parameter_shows_the_new_value_and_a_bad_one_an_inline_error()
    {
        await using var served = await ServedTestBench.StartAsync();
        var page = await OpenBenchAsync(served);
        var row = page.Locator("tr[data-parameter='psu_ch1_voltage']");
        await Assertions.Expect(row.Locator(".validator")).ToContainTextAsync("a number between 0 and 6 inclusive");
        await Assertions.Expect(row.Locator(".validator")).ToContainTextAsync("v <= 5.5");
        var input = row.GetByLabel("New value of psu_ch1_voltage");

        await input.FillAsync("3.3");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Assertions.Expect(row.Locator(".value")).ToHaveTextAsync("3.3 V");
        await Assertions.Expect(row.Locator(".inline-ok")).ToHaveTextAsync("set");
        Assert.Equal(3.3, (double)served.Bench.Bench["psu"].AllParameters().Single(p => p.FullName == "psu_ch1_voltage").CachedValue!);

        await input.FillAsync("5.8");
        await input.PressAsync("Enter");
        var error = row.GetByRole(AriaRole.Alert);
        await Assertions.Expect(error).ToContainTextAsync("above the safety limit: at most 5.5 V is allowed");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(row.Locator(".value")).ToHaveTextAsync("3.3 V");
        await Screenshots.TakeAsync(page, "console-bench");

        await input.FillAsync("lots");
        await input.PressAsync("Enter");
        await Assertions.Expect(error).ToHaveTextAsync("psu_ch1_voltage takes a number (e.g. 1.5 or 2e-3), not \"lots\".");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Refresh_reads_the_parameters_and_resets_their_age()
    {
        await using var served = await ServedTestBench.StartAsync();
        var page = await OpenBenchAsync(served);
        // Opening the bench does not read the measurements: the row starts empty, the refresh fills it.
        var measured = page.Locator("tr[data-parameter='psu_ch1_measured_voltage']");
        await Assertions.Expect(measured.Locator(".value")).ToHaveTextAsync("—");
        await Assertions.Expect(measured.Locator(".age")).ToHaveTextAsync("—");
        await page.Locator("#bench-psu").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bench-psu")).ToContainTextAsync("read in");
        await Assertions.Expect(measured.Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[-\d.e]+ V$"));
        await Assertions.Expect(measured.Locator(".age")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ s$"));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_scope_waveform_is_drawn_in_volts_against_seconds_and_repeats_when_asked()
    {
        await using var served = await ServedTestBench.StartAsync();
        var page = await OpenBenchAsync(served);
        var scope = page.Locator("#bench-scope");
        await scope.GetByRole(AriaRole.Button, new() { Name = "Fetch waveform" }).ClickAsync();
        await Assertions.Expect(scope.Locator(".waveform")).ToContainTextAsync("points");
        await scope.Locator("canvas").ScrollIntoViewIfNeededAsync();
        var pixels = await page.EvaluateAsync<int>(TracePixels, "#bench-scope canvas");
        Assert.True(pixels > 200, $"only {pixels} trace pixels in the plot area: the waveform was not drawn");
        var view = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#bench-scope canvas').plotView; return [v.x0, v.x1, v.y0, v.y1]; }");
        Assert.True(view[0] < 0 && view[1] > 0, $"the time axis runs from {view[0]} to {view[1]} s; the trigger (0 s) should be inside");
        Assert.True(view[3] - view[2] < 20, "the voltage axis is autoscaled to the trace");
        await Screenshots.TakeAsync(page, "console-waveform");

        // Repeat every 200 ms: count the waveform requests the page makes for a while, then stop.
        await page.EvaluateAsync("() => { window.waveformCalls = 0; const f = window.fetch; window.fetch = (u, o) => { if (String(u).includes('/waveform')) window.waveformCalls++; return f(u, o); }; }");
        await scope.GetByLabel("Repeat interval in milliseconds").FillAsync("200");
        await scope.GetByLabel("Repeat interval in milliseconds").DispatchEventAsync("change");
        await scope.GetByLabel("Repeat every").CheckAsync();
        await page.WaitForFunctionAsync("() => window.waveformCalls >= 3", null, new() { Timeout = 30_000 });
        await scope.GetByLabel("Repeat every").UncheckAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_snapshot_downloads_as_JSON()
    {
        await using var served = await ServedTestBench.StartAsync();
        var page = await OpenBenchAsync(served);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download snapshot (JSON)" }).ClickAsync());
        Assert.Equal("bench-snapshot.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.True(snapshot.RootElement.GetProperty("instruments").TryGetProperty("scope", out _));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_server_without_a_bench_says_so_on_the_bench_page()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/#/bench");
        await Assertions.Expect(page.Locator("main .inline-error")).ToHaveTextAsync(
            "This server serves no bench, only instruments (see /api/v1/instruments); start it with ovisa serve --bench FILE to see a bench's parameters.");
        await page.Context.CloseAsync();
    }

    /// <summary>Pixels of the trace colour (blue well above red) inside the plot area of the canvas <c>selector</c> names.</summary>
    internal const string TracePixels = @"selector => {
        const c = document.querySelector(selector);
        const g = c.getContext('2d');
        const r = window.devicePixelRatio || 1;
        const x0 = Math.round(70 * r), y0 = Math.round(12 * r);
        const w = c.width - x0 - Math.round(14 * r), h = c.height - y0 - Math.round(38 * r);
        const d = g.getImageData(x0, y0, w, h).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 2] - d[i] > 60 && d[i + 3] > 0) n++;
        return n;
    }";
}
