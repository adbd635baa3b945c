using Microsoft.Playwright;

namespace OpenVisa.Console.Tests;

/// <summary>
/// One headless Chromium per test class (a launch costs seconds on a loaded machine); each test gets its own page in
/// a fresh context, so cookies and session storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser; throws naming the Debian package when Chromium is missing (reached only on CI).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Chromium.Missing ?? "The browser did not start.");

    public async Task InitializeAsync()
    {
        if (Chromium.Missing is not null)
            return;
        // Playwright must never download a browser: it drives Debian's, at the path given.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Expect() waits 5 s by default; a loaded CI machine (2 cores, every test project at once) needs more.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable,
            Headless = true,
            Args = Chromium.Arguments,
            Timeout = 120_000,
        });
    }

    /// <summary>A new page of <paramref name="width"/>×<paramref name="height"/> CSS pixels in a fresh context.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        if (Chromium.Missing is { } reason)
            Assert.Fail(reason);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
