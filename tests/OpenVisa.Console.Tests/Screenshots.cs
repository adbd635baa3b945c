using Microsoft.Playwright;

namespace OpenVisa.Console.Tests;

/// <summary>
/// Where the tests' screenshots go: the test output's <c>screenshots/</c>, or the repository's <c>docs/images/</c>
/// (shown in the guide) when <c>OPENVISA_UPDATE_SCREENSHOTS=1</c>, so a test run never changes the source tree by itself.
/// </summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("OPENVISA_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        Assert.True(new FileInfo(path).Length > 1000, $"the screenshot {path} is empty");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVisa.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No OpenVisa.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
