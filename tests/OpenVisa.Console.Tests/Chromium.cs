namespace OpenVisa.Console.Tests;

/// <summary>
/// Debian's headless Chromium, the one browser these tests drive. When it is missing the tests are skipped with a
/// message naming the Debian package, except in CI (<c>CI=true</c>), where they run and fail with that message.
/// </summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>True on CI, where a missing peer fails its tests instead of skipping them.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the browser is here; otherwise why not, naming the packages to install.</summary>
    public static string? Missing => File.Exists(Executable)
        ? null
        : $"Debian's Chromium is not installed ({Executable}); install the Debian packages chromium and chromium-driver";

    /// <summary>
    /// The switches for a quiet, offline, headless run: no GPU, no QUIC, and nothing the browser would fetch by
    /// itself (component updates, sync, background services), so it talks only to the test's server.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];
}

/// <summary>A fact that needs Debian's Chromium: skipped when it is missing, except on CI, where it fails naming the package.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.InCi && Chromium.Missing is { } reason)
            Skip = reason;
    }
}
