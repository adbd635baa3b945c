using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using OpenVisa.Cli;

namespace OpenVisa.Server.Tests;

/// <summary><c>ovisa serve …</c> in a process of its own, as users run it, stopped with SIGTERM.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly SemaphoreSlim _lines = new(0);

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_output)
                _output.AppendLine(e.Data);
            _lines.Release();
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                    _error.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ServeProcess Start(params string[] arguments)
    {
        var ovisa = typeof(CliApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ovisa);
        info.ArgumentList.Add("serve");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return new ServeProcess(Process.Start(info)!);
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits (at most 30 s) until the output contains <paramref name="marker"/>; returns the output so far.</summary>
    public async Task<string> ReadUntilAsync(string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Contains(marker, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail($"ovisa serve did not print \"{marker}\" (exited: {_process.HasExited}). Output:\n{Output}\nErrors:\n{ErrorOutput}");
            await _lines.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
        return Output;
    }

    public string ErrorOutput
    {
        get
        {
            lock (_error)
                return _error.ToString();
        }
    }

    /// <summary>Sends SIGTERM and waits (at most 15 s) for the exit code.</summary>
    public async Task<(int ExitCode, string Output)> TerminateAsync()
    {
        kill(_process.Id, 15);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(wait.Token);
        return (_process.ExitCode, Output + ErrorOutput);
    }

    /// <summary>Freezes the server as <c>kill -STOP</c> does: it reads, answers and accepts nothing until <see cref="Continue"/>.</summary>
    public void Stop()
    {
        Assert.Equal(0, kill(_process.Id, 19));
        // kill returns once the signal is queued; wait until every thread has really stopped.
        Assert.True(SpinWait.SpinUntil(() => State() == 'T', TimeSpan.FromSeconds(5)), $"ovisa serve did not stop (state {State()})");
    }

    /// <summary>The process state letter from /proc (R, S, T for stopped …).</summary>
    private char State()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    /// <summary>Lets a <see cref="Stop">stopped</see> server run again (<c>kill -CONT</c>).</summary>
    public void Continue() => Assert.Equal(0, kill(_process.Id, 18));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            kill(_process.Id, 18); // a stopped process cannot act on SIGKILL's cleanup until it runs again
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
