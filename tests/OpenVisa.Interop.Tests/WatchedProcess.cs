using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// A program that runs while the test goes on (a daemon, a publisher): its stdout and stderr lines are kept so the test
/// can wait for one; stopped with SIGTERM when disposed, killed if it does not end.
/// </summary>
internal sealed class WatchedProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private WatchedProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_lines)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The command line, for failure messages.</summary>
    public string Description { get; }

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>; stdin is closed.</summary>
    public static WatchedProcess Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.StandardInput.Close();
        return new WatchedProcess(process, $"{program} {string.Join(' ', arguments)}");
    }

    /// <summary>Every line printed so far, stdout and stderr interleaved as they came.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    /// <summary>
    /// Waits until a printed line contains <paramref name="text"/> and returns it; fails, with everything the program
    /// printed, when it ends or <paramref name="timeout"/> passes first.
    /// </summary>
    public string WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (true)
            {
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                    return line;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited)
                    Assert.Fail($"{Description} did not print '{text}' within {timeout.TotalSeconds:0} s{(_process.HasExited ? $" (it exited with {_process.ExitCode})" : "")}. Output:\n{string.Join('\n', _lines)}");
                Monitor.Wait(_lines, TimeSpan.FromMilliseconds(Math.Clamp(left.TotalMilliseconds, 1, 200)));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                kill(_process.Id, 15);
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                    _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Ended meanwhile.
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
