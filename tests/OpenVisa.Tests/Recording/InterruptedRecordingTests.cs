using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace OpenVisa.Tests.Recording;

/// <summary>
/// <c>ovisa record</c> stopped by Ctrl-C (SIGINT) or a kill (SIGTERM) leaves a session file every JSON-lines reader
/// takes line by line: no trailing zeros from the memory mapping (issue 21, section 3), and the signal's exit status.
/// </summary>
public class InterruptedRecordingTests
{
    private const string Psu = "TCPIP0::sim-psu.local::inst0::INSTR";
    private const int Sigint = 2;
    private const int Sigterm = 15;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(Sigint, 130)]
    [InlineData(Sigterm, 143)]
    public async Task A_recording_stopped_by_a_signal_is_cut_to_its_lines(int signal, int exitCode)
    {
        if (OperatingSystem.IsWindows())
            return;   // POSIX signals; Windows' Ctrl-C reaches the same handler through PosixSignal.SIGINT, untested here.
        using var files = new TempFiles();
        var session = files.File("interrupted.jsonl");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A read with nothing to read: the command waits (up to a minute) until the signal ends it.
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ovisa.dll"), "-b", "@sim", "record", "--to", session, "--", "read", Psu, "--timeout", "60000" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // Signal once the recorder has written the open: the command is then inside its read.
            var clock = Stopwatch.StartNew();
            while (!OpenRecorded(session))
            {
                if (process.HasExited)
                    Assert.Fail($"ovisa ended before recording the open: exit {process.ExitCode}, {await error}");
                Assert.True(clock.Elapsed < Wait, $"no open recorded in {session} within {Wait.TotalSeconds} s");
                await Task.Delay(100);
            }
            await Task.Delay(300);
            Assert.Equal(0, Kill(process.Id, signal));
            await process.WaitForExitAsync().WaitAsync(Wait);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }

        Assert.Equal(exitCode, process.ExitCode);
        var bytes = File.ReadAllBytes(session);
        Assert.DoesNotContain((byte)0, bytes);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        Assert.Equal("", lines[^1]);   // ends with a newline, nothing after it
        foreach (var line in lines[..^1])
            using (JsonDocument.Parse(line)) { }   // as json.loads takes each line
        Assert.Contains(lines, l => l.Contains("\"op\":\"open\"", StringComparison.Ordinal));
    }

    private static bool OpenRecorded(string path)
    {
        if (!File.Exists(path))
            return false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains("\"op\":\"open\"", StringComparison.Ordinal);
    }

    // DllImport, not LibraryImport: the source generator needs unsafe code, which this project does not allow.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
