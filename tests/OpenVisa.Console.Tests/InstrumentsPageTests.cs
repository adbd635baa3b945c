using Microsoft.Playwright;
using OpenVisa.Server.Http;

namespace OpenVisa.Console.Tests;

/// <summary>The instruments page in headless Chromium: what is served, health, and the page-wide problems.</summary>
public sealed class InstrumentsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Shows_each_served_instrument_with_its_IDN_and_a_green_health_dot()
    {
        await using var served = await ServedInstruments.StartAsync(count: 2);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/");
        var rows = page.Locator("#instruments tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var first = page.Locator("tr[data-name='DEMO0::INSTR']");
        await Assertions.Expect(first.Locator(".idn")).ToHaveTextAsync(((DemoInstrument)served.Instruments[0].Device).Identity);
        await Assertions.Expect(first.Locator(".dot")).ToHaveClassAsync("dot ok");
        await Assertions.Expect(page.Locator("tr[data-name='DEMO1::INSTR'] .dot")).ToHaveClassAsync("dot ok");
        await Assertions.Expect(page.GetByText("2 instruments served.")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "console-instruments");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_reserved_instrument_shows_its_reservation_and_a_red_dot_saying_why()
    {
        await using var served = await ServedInstruments.StartAsync(count: 2);
        using var reserve = await served.Client.PostAsync("/api/v1/instruments/DEMO1::INSTR/reservation", new StringContent("{\"lease_seconds\": 600}"));
        reserve.EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/");
        var row = page.Locator("tr[data-name='DEMO1::INSTR']");
        await Assertions.Expect(row.Locator(".tag.locked")).ToContainTextAsync("reserved");
        await Assertions.Expect(row.Locator(".dot")).ToHaveClassAsync("dot bad");
        Assert.Contains("is reserved by another client", await row.Locator(".dot").GetAttributeAsync("title"));
        await Assertions.Expect(page.Locator("tr[data-name='DEMO0::INSTR'] .tag.locked")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Twenty_instruments_are_counted_and_the_filter_finds_one()
    {
        await using var served = await ServedInstruments.StartAsync(count: 20);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/");
        await Assertions.Expect(page.Locator("#instruments tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(page.GetByText("20 instruments served; type in the filter to find one.")).ToBeVisibleAsync();
        await page.GetByLabel("Filter instruments").FillAsync("SN17");
        await Assertions.Expect(page.Locator("#instruments tbody tr:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#instruments tbody tr:visible")).ToHaveAttributeAsync("data-name", "DEMO17::INSTR");
        await Assertions.Expect(page.GetByText("20 instruments served, 1 shown.")).ToBeVisibleAsync();
        // Every health check ends, none left grey: 4 at a time, all answer.
        await Assertions.Expect(page.Locator("#instruments .dot.ok")).ToHaveCountAsync(20, new() { Timeout = 60_000 });
        await Screenshots.TakeAsync(page, "console-twenty-instruments");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task When_the_server_goes_away_the_page_says_so()
    {
        var served = await ServedInstruments.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/");
        await Assertions.Expect(page.Locator("#instruments tbody tr")).ToHaveCountAsync(1);
        await served.DisposeAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        var banner = page.Locator("#banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("does not answer: it may have stopped");
        await Assertions.Expect(banner).ToContainTextAsync("Start it again (ovisa serve … --http PORT)");
        // No stale row keeps a green dot for an instrument nobody can reach now.
        await Assertions.Expect(page.Locator("#instruments tbody tr")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Could not list the instruments (see the message above).")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "console-server-gone");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task With_a_token_required_the_page_asks_for_it_and_then_lists_the_instruments()
    {
        await using var served = await ServedInstruments.StartAsync(options: new HttpServerOptions { BearerToken = "s3cret-token" });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(served.Url + "/");
        var banner = page.Locator("#banner");
        await Assertions.Expect(banner).ToContainTextAsync("A token is required");
        await Assertions.Expect(banner).ToContainTextAsync("--http-token-file");
        await Assertions.Expect(page.Locator("#token-form")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "console-token");

        await page.GetByLabel("Token").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        await Assertions.Expect(banner).ToContainTextAsync("The token is wrong");

        await page.GetByLabel("Token").FillAsync("s3cret-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#instruments tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".dot.ok")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
