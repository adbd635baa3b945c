namespace OpenVisa.Native.Tests;

/// <summary>
/// A fact that needs Debian's PyVISA (python3-pyvisa) run by Debian's interpreter: skipped with a message naming the
/// package when it is missing, except on CI (<c>CI=true</c>), where the test runs and fails naming it.
/// </summary>
public sealed class PyvisaFactAttribute : FactAttribute
{
    public PyvisaFactAttribute()
    {
        if (!DebianPyvisa.InCi && DebianPyvisa.Missing() is { } reason)
            Skip = reason;
    }
}

/// <summary>Finds Debian's python3 with pyvisa.</summary>
public static class DebianPyvisa
{
    private static readonly Lazy<string?> Problem = new(Check);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Debian's interpreter (like <c>command -v -p python3</c>), not the python3 on PATH.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "/bin/python3";

    /// <summary>Null when PyVISA is importable; otherwise why not, naming the Debian package.</summary>
    public static string? Missing() => Problem.Value;

    /// <summary>Fails the test naming the package when PyVISA is missing.</summary>
    public static void Require()
    {
        if (Missing() is { } reason)
            Assert.Fail(reason);
    }

    private static string? Check()
    {
        if (!File.Exists(Python))
            return "Debian's /usr/bin/python3 is missing; install the Debian package python3-pyvisa";
        var result = ChildRun.Run(Python, ["-c", "import pyvisa"], new Dictionary<string, string>(), TimeSpan.FromSeconds(60));
        return result.ExitCode == 0 ? null : $"pyvisa is not importable by {Python}; install the Debian package python3-pyvisa";
    }
}
