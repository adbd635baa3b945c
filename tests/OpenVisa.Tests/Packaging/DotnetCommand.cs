using System.Diagnostics;
using System.Reflection;

namespace OpenVisa.Tests.Packaging;

/// <summary>
/// Runs the .NET SDK (or a program it installed) as a user would, with the repository as the working directory, and
/// kills it when it outlives its time so a hung restore fails the test instead of the run.
/// </summary>
internal sealed record DotnetCommand(int ExitCode, string Out, string Error)
{
    /// <summary>The checkout this test assembly was built from: the folder holding OpenVisa.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Debug or Release: the configuration the test run built, so packing with --no-build finds its output.</summary>
    public static string Configuration { get; } =
        typeof(DotnetCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static DotnetCommand Run(string program, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in args)
            info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new DotnetCommand(-1, output.Result, $"{program} {string.Join(' ', args)} did not end within {timeout.TotalSeconds} s and was killed. " + error.Result);
        }
        process.WaitForExit();
        return new DotnetCommand(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}; stdout: {Tail(Out, 3000)}; stderr: {Tail(Error, 3000)}";

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpenVisa.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No OpenVisa.slnx above {AppContext.BaseDirectory}: the packaging tests run from a checkout.");
    }
}
