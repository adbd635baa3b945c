using System.Diagnostics;
using OpenVisa.Cli;

namespace OpenVisa.Lamb.Tests;

/// <summary><c>ovisa query -b http://127.0.0.1:PORT@lamb NAME '*IDN?'</c>, as users run it, against the in-process server.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Ovisa_queries_through_the_lamb_backend()
    {
        await using var server = await LambTestServer.StartAsync();
        // A generous timeout: the first request of a fresh server and a cold ovisa process can take seconds on a loaded machine.
        var ok = await RunAsync("query", "-b", server.Url + "@lamb", "DEMO0::INSTR", "*IDN?", "--timeout", "30000");
        Assert.True(ok.Code == 0, ok.Error);
        Assert.Equal(server.Demo.Identity, ok.Out.Trim());
        var missing = await RunAsync("query", "-b", server.Url + "@lamb", "GPIB0::3::INSTR", "*IDN?");
        Assert.Equal(1, missing.Code);
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND", missing.Error);
        Assert.Contains("serves no GPIB0::3::INSTR", missing.Error);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}
