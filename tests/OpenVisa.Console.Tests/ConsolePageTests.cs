using System.Buffers;
using System.Text;
using Microsoft.Playwright;

namespace OpenVisa.Console.Tests;

/// <summary>The per-instrument console in headless Chromium, against a served demo instrument.</summary>
public sealed class ConsolePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task<IPage> OpenConsoleAsync(BrowserFixture browser, ServedInstruments served, int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(served.Url + "/#/instrument/" + Uri.EscapeDataString("DEMO0::INSTR"));
        await Assertions.Expect(page.Locator("#traffic").Locator("xpath=..").GetByText("(live)")).ToBeVisibleAsync();
        return page;
    }

    [BrowserFact]
    public async Task A_query_typed_in_the_command_line_shows_the_reply_with_its_timing()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served);
        await page.GetByLabel("Command to send").FillAsync("*IDN?");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        var entry = page.Locator("#log li").Last;
        await Assertions.Expect(entry.Locator(".reply")).ToHaveTextAsync(((DemoInstrument)served.Instruments[0].Device).Identity);
        await Assertions.Expect(entry.Locator(".timing")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+ ms$"));
        // The same exchange appears in the live traffic pane, both ways, as an HTTP client's (the server's own *IDN?,
        // asked when the page loads, may appear too, marked "server", when the stream opened first).
        var overHttp = page.Locator("#traffic li[data-transport=HTTP]");
        await Assertions.Expect(overHttp).ToHaveCountAsync(2);
        await Assertions.Expect(overHttp.Last).ToContainTextAsync("OpenVisa,Demo Instrument,SN0");
        await Assertions.Expect(overHttp.Last.Locator(".who")).ToHaveTextAsync("HTTP 127.0.0.1");
        await Screenshots.TakeAsync(page, "console-query");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Write_then_read_and_the_history_walks_back_with_the_arrow_keys()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served);
        var command = page.GetByLabel("Command to send");
        await command.FillAsync("ECHO? hello console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#log li").Last).ToContainTextAsync("written; its reply waits for Read");
        await page.GetByRole(AriaRole.Button, new() { Name = "Read", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#log li").Last.Locator(".reply")).ToHaveTextAsync("hello console");
        await command.FillAsync("*OPC?");
        await command.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#log li").Last.Locator(".reply")).ToHaveTextAsync("1");
        await command.PressAsync("ArrowUp");
        await Assertions.Expect(command).ToHaveValueAsync("*OPC?");
        await command.PressAsync("ArrowUp");
        await Assertions.Expect(command).ToHaveValueAsync("ECHO? hello console");
        await command.PressAsync("ArrowDown");
        await Assertions.Expect(command).ToHaveValueAsync("*OPC?");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_read_with_nothing_waiting_and_a_bad_command_show_their_errors()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#log li").Last.Locator(".error")).ToContainTextAsync("VI_ERROR_TMO: DEMO0::INSTR has no reply waiting for this client");
        await page.GetByLabel("Command to send").FillAsync("BOGUS:CMD");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Error queue (SYST:ERR?)" }).ClickAsync();
        var errors = page.Locator("#log li").Last;
        await Assertions.Expect(errors.Locator(".error")).ToContainTextAsync("-113,\"Undefined header;BOGUS:CMD\"");
        await Assertions.Expect(errors.Locator(".reply")).ToContainTextAsync("0,\"No error\"");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_binary_block_is_summarised_and_plots_as_uint8_on_the_canvas()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served);
        await page.GetByLabel("Command to send").FillAsync("DATA? 1000");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        var entry = page.Locator("#log li").Last;
        await Assertions.Expect(entry.Locator(".reply")).ToContainTextAsync("binary reply, 1006 bytes: 23 34 31 30 30 30");
        await Assertions.Expect(entry.Locator(".reply")).ToContainTextAsync("(IEEE block of 1000 data bytes)");
        await entry.Locator("[data-plot=uint8]").ClickAsync();
        var canvas = page.Locator("#plot-panel canvas");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plot-panel")).ToContainTextAsync("1000 points");
        Assert.True(await TracePixelsAsync(page) > 200, "the trace region of the canvas has (almost) no trace pixels");
        await Screenshots.TakeAsync(page, "console-binary-plot");

        // Zoom by dragging across the middle tenth, then autoscale back.
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.45f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.55f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var zoomed = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.x0, v.x1]; }");
        Assert.InRange(zoomed[1] - zoomed[0], 20, 200);
        await page.GetByRole(AriaRole.Button, new() { Name = "Autoscale" }).ClickAsync();
        var full = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.x0, v.x1]; }");
        Assert.Equal([0, 999], full);

        // The keyboard does the same: + halves the range around the centre, → pans, A autoscales.
        await canvas.FocusAsync();
        await page.Keyboard.PressAsync("+");
        var halved = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.x0, v.x1]; }");
        Assert.Equal([249.75, 749.25], halved);
        await page.Keyboard.PressAsync("ArrowRight");
        var panned = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.x0, v.x1]; }");
        Assert.Equal([374.625, 874.125], panned);
        await page.Keyboard.PressAsync("a");
        full = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.x0, v.x1]; }");
        Assert.Equal([0, 999], full);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Int16_samples_plot_in_the_byte_order_chosen_and_the_instruments_own_is_asked_for()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served);
        await page.GetByLabel("Command to send").FillAsync("DATA? 1000");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        var entry = page.Locator("#log li").Last;
        await Assertions.Expect(entry.Locator(".reply")).ToContainTextAsync("(IEEE block of 1000 data bytes)");
        const string yRange = "() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.y0, v.y1]; }";

        // The demo's bytes count 0, 1, 2, …: little-endian int16 samples are 0x0100, 0x0302, …; big-endian 0x0001, 0x0203, ….
        await entry.Locator("[data-plot=int16]").ClickAsync();
        await Assertions.Expect(page.Locator("#plot-panel")).ToContainTextAsync("as int16, little-endian");
        var little = await page.EvaluateAsync<double[]>(yRange);
        await entry.GetByLabel("Byte order").SelectOptionAsync("big");
        await entry.Locator("[data-plot=int16]").ClickAsync();
        await Assertions.Expect(page.Locator("#plot-panel")).ToContainTextAsync("as int16, big-endian");
        var big = await page.EvaluateAsync<double[]>(yRange);
        // Extremes: little-endian -32384 (0x8180) to 32638 (0x7F7E); big-endian -32639 (0x8081) to 32383 (0x7E7F).
        Assert.True(big[0] < little[0] && big[1] < little[1], $"big-endian range [{big[0]}, {big[1]}] should sit below little-endian [{little[0]}, {little[1]}]");
        Assert.True(await TracePixelsAsync(page) > 200, "the big-endian trace was not drawn");

        // The demo does not know FORM:BORD?, so asking for the instrument's order says so, with what to do instead.
        await entry.GetByLabel("Byte order").SelectOptionAsync("instrument");
        await page.Locator("#timeout").FillAsync("1000");
        await entry.Locator("[data-plot=float32]").ClickAsync();
        await Assertions.Expect(entry.Locator(".inline-error")).ToContainTextAsync("Could not ask the byte order", new() { Timeout = 30_000 });
        await Assertions.Expect(entry.Locator(".inline-error")).ToContainTextAsync("Choose little- or big-endian.");
        await page.Context.CloseAsync();
    }

    /// <summary>Sends big-endian int16 samples (SCPI's FORM:BORD NORM), and says so when asked.</summary>
    private sealed class BigEndianDevice : OpenVisa.Managed.Server.IMessageDevice
    {
        public static readonly short[] Samples = [1000, -1000, 2000, -2000, 0];

        public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
        {
            var text = Encoding.ASCII.GetString(message.Span);
            if (text == "FORM:BORD?")
            {
                reply.Write("NORM"u8);
                return ValueTask.FromResult(true);
            }
            if (text == "CURV?")
            {
                reply.Write(Encoding.ASCII.GetBytes($"#2{Samples.Length * 2}"));
                foreach (var sample in Samples)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(reply.GetSpan(2), sample);
                    reply.Advance(2);
                }
                return ValueTask.FromResult(true);
            }
            return ValueTask.FromResult(false);
        }
    }

    [BrowserFact]
    public async Task The_instruments_own_byte_order_comes_from_FORM_BORD_and_decodes_its_samples()
    {
        await using var served = await ServedInstruments.StartAsync([new ServedInstrument("DEMO0::INSTR", new BigEndianDevice())]);
        var page = await OpenConsoleAsync(browser, served);
        await page.GetByLabel("Command to send").FillAsync("CURV?");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        var entry = page.Locator("#log li").Last;
        await Assertions.Expect(entry.Locator(".reply")).ToContainTextAsync("(IEEE block of 10 data bytes)");
        await entry.GetByLabel("Byte order").SelectOptionAsync("instrument");
        await entry.Locator("[data-plot=int16]").ClickAsync();
        await Assertions.Expect(page.Locator("#plot-panel")).ToContainTextAsync("as int16, big-endian");
        // Read as big-endian the samples span -2000 to 2000; read the other way 1000 (03 E8) would be -6141 (E8 03).
        var range = await page.EvaluateAsync<double[]>("() => { const v = document.querySelector('#plot-panel canvas').plotView; return [v.y0, v.y1]; }");
        Assert.InRange(range[0], -2500, -2000);
        Assert.InRange(range[1], 2000, 2500);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Traffic_of_another_client_on_this_instrument_appears_live()
    {
        await using var served = await ServedInstruments.StartAsync(count: 2);
        var page = await OpenConsoleAsync(browser, served);
        using var other = await served.Client.PostAsync("/api/v1/instruments/DEMO0::INSTR/query", new StringContent("MEAS:VOLT?", Encoding.Latin1));
        other.EnsureSuccessStatusCode();
        using var elsewhere = await served.Client.PostAsync("/api/v1/instruments/DEMO1::INSTR/query", new StringContent("*OPC?", Encoding.Latin1));
        elsewhere.EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#traffic li[data-transport=HTTP]").First).ToContainTextAsync("MEAS:VOLT?");
        // Only this instrument's traffic: the other instrument's *OPC? is not shown.
        await Assertions.Expect(page.Locator("#traffic li[data-transport=HTTP]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#traffic")).Not.ToContainTextAsync("*OPC?");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_sized_screen_the_console_fits_the_width()
    {
        await using var served = await ServedInstruments.StartAsync();
        var page = await OpenConsoleAsync(browser, served, 390, 844);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page is {scrollWidth} px wide on a 390 px screen: it scrolls sideways");
        await page.GetByLabel("Command to send").FillAsync("*IDN?");
        await page.GetByLabel("Command to send").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#log li").Last.Locator(".reply")).ToContainTextAsync("Demo Instrument");
        await Screenshots.TakeAsync(page, "console-phone");
        await page.Context.CloseAsync();
    }

    /// <summary>Pixels of the trace colour inside the console's plot area.</summary>
    private static Task<int> TracePixelsAsync(IPage page) => page.EvaluateAsync<int>(BenchPageTests.TracePixels, "#plot-panel canvas");
}
