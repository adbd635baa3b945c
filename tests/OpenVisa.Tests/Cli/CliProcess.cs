using System.Diagnostics;
using OpenVisa.Cli;

namespace OpenVisa.Tests.Cli;

/// <summary>
/// Runs <c>ovisa</c> in a process of its own, for inputs that once overflowed the stack: in process, such a failure
/// would end the whole test run instead of failing one test. The process is killed when it outlives its time.
/// </summary>
internal sealed record CliProcess(int ExitCode, string Out, string Error)
{
    public static CliProcess Run(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var argument in args)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CliProcess(-1, output.Result, $"ovisa {string.Join(' ', args)} did not end within {timeout.TotalSeconds} s and was killed. " + error.Result);
        }
        process.WaitForExit();
        return new CliProcess(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}; stdout: {Out[..Math.Min(Out.Length, 500)]}; stderr: {Error[..Math.Min(Error.Length, 1500)]}";
}
