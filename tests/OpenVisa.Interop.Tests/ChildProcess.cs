using System.Diagnostics;

namespace OpenVisa.Interop.Tests;

/// <summary>Runs a program to completion with a timeout, collecting its output.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s; stderr: {Tail(error)}");
        }
        process.WaitForExit(); // let the output readers reach the end
        return new Result(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string Tail(Task<string> error) => error.IsCompleted ? error.Result : "(still being written)";

    /// <summary>Runs the ovisa built with these tests, as the real command line does: <c>dotnet ovisa.dll …</c>.</summary>
    public static Result Ovisa(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ovisa.dll");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return Run(host, [dll, .. arguments], timeout);
    }
}
