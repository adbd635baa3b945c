using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using OpenVisa.Cli;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// Ctrl-C stops <c>ovisa perf</c> with a summary of what was measured and exit 130, and its peer clients end quietly:
/// the signal goes to the whole process group, as a terminal sends it, and no Python traceback may appear.
/// </summary>
public sealed class PerfInterruptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // DllImport, not LibraryImport: two ints need no marshalling, and the project does not allow unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private const int SigInt = 2;

    [PeerFact(Peer.PyvisaPy)]
    public async Task Ctrl_C_stops_perf_with_a_summary_exit_130_and_no_python_traceback()
    {
        Peers.Require(Peer.PyvisaPy);
        Assert.True(File.Exists("/usr/bin/setsid"), "setsid (util-linux) is needed to give ovisa perf a process group of its own");
        // A process group of its own (setsid runs the program in place), so the signal reaches ovisa and nothing else here.
        var info = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "dotnet", typeof(CliApp).Assembly.Location, "perf", "--transports", "socket", "--seconds", "0.5", "--rounds", "50", "--block-bytes", "4096", "--no-pin" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Into the measured rounds, with the pyvisa-py client running.
            var waited = Stopwatch.StartNew();
            while (!Text(error).Contains("perf: round 2 of 50", StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"ovisa perf ended (exit {(process.HasExited ? process.ExitCode : 0)}) before its second round: {Text(error)}");
                Assert.True(waited.Elapsed < Patience, $"ovisa perf did not reach its second round within {Patience}: {Text(error)}");
                await Task.Delay(100);
            }
            var pid = process.Id;
            Assert.Equal(0, Kill(-pid, SigInt));

            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);
            process.WaitForExit();
            var (stdout, stderr) = (Text(output), Text(error));
            Assert.True(process.ExitCode == CliApp.Interrupted, $"exit {process.ExitCode}; stderr: {stderr}");
            Assert.Contains("transport  client", stdout, StringComparison.Ordinal);
            Assert.Contains("pyvisa-py", stdout, StringComparison.Ordinal);
            Assert.Matches(@"note: stopped by Ctrl-C after \d+ of 50 rounds", stdout);
            Assert.Matches(@"perf: stopped by Ctrl-C; \d+ figures measured before it are shown above", stderr);
            Assert.DoesNotContain("Traceback", stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("KeyboardInterrupt", stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("dropped", stdout, StringComparison.Ordinal);
            // The Python clients' script is named after the ovisa process; none of them outlives it.
            Assert.Empty(ProcessesMentioning($"ovisa-perf-{pid}-"));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder)
            return builder.ToString();
    }

    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                    found.Add(commandLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended while the list was read.
            }
        }
        return found;
    }
}
