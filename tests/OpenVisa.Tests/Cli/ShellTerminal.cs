using System.Diagnostics;
using System.Text;
using OpenVisa.Cli;

namespace OpenVisa.Tests.Cli;

/// <summary>
/// Runs <c>ovisa shell</c> on a pseudo-terminal through util-linux's <c>script</c> (Debian's bsdutils, an essential
/// package), so the shell takes its interactive path: line editing, Ctrl-C as a key or a signal. Keys are typed on
/// script's standard input; everything the terminal shows is collected from its output.
/// </summary>
internal sealed class ShellTerminal : IDisposable
{
    /// <summary>Long enough for a loaded machine; a healthy shell answers in well under a second.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reader;

    private ShellTerminal(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Where script is; the tests that need it are skipped without it outside CI.</summary>
    public const string ScriptProgram = "/usr/bin/script";

    /// <summary>Starts <c>ovisa shell</c> with <paramref name="args"/> and <paramref name="home"/> as its home folder (history).</summary>
    public static ShellTerminal Start(string home, params string[] args) => Run(home, ["shell", .. args]);

    /// <summary>Starts <c>ovisa</c> with <paramref name="args"/> (a command that ends in a shell, e.g. <c>record … -- shell</c>).</summary>
    public static ShellTerminal Run(string home, params string[] args)
    {
        // exec: script runs the command through $SHELL -c, and a shell left waiting in between (dash, CI's /bin/sh)
        // dies of the Ctrl-C the test types, so script would report 130 whatever ovisa did.
        var command = new StringBuilder("exec ").Append(Quote("dotnet")).Append(' ').Append(Quote(typeof(CliApp).Assembly.Location));
        foreach (var argument in args)
            command.Append(' ').Append(Quote(argument));
        var info = new ProcessStartInfo(ScriptProgram)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // -q no banner, -f flush at once, -e script's exit code is the shell's, -c the command; no typescript file.
        foreach (var argument in new[] { "-q", "-f", "-e", "-c", command.ToString(), "/dev/null" })
            info.ArgumentList.Add(argument);
        info.Environment["HOME"] = home;
        info.Environment["TERM"] = "xterm";
        info.Environment["SHELL"] = "/bin/sh";
        return new ShellTerminal(Process.Start(info)!);
    }

    /// <summary>What the terminal has shown so far.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
                return _screen.ToString();
        }
    }

    /// <summary>Types <paramref name="keys"/> (\r is Enter, \x03 Ctrl-C, \t Tab …).</summary>
    public void Type(string keys)
    {
        _process.StandardInput.Write(keys);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until <paramref name="text"/> has been shown <paramref name="times"/> times; fails showing the screen.</summary>
    public async Task WaitForAsync(string text, int times = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (Count(Screen, text) < times)
        {
            if (deadline.Elapsed > Patience)
                Assert.Fail($"the terminal did not show '{text}' {times} time(s) within {Patience.TotalSeconds} s; it shows:\n{Screen}");
            if (_process.HasExited && _reader.IsCompleted && Count(Screen, text) < times)
                Assert.Fail($"the shell ended (exit {_process.ExitCode}) before showing '{text}' {times} time(s); it showed:\n{Screen}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the shell to end and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the shell did not end within {Patience.TotalSeconds} s; it shows:\n{Screen}");
        }
        return _process.ExitCode;
    }

    private static int Count(string screen, string text)
    {
        var count = 0;
        for (var at = screen.IndexOf(text, StringComparison.Ordinal); at >= 0; at = screen.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int n;
        while ((n = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
                _screen.Append(buffer, 0, n);
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

/// <summary>A test that needs a pseudo-terminal from <c>script</c>: skipped without it outside CI, failing in CI.</summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    public TerminalFactAttribute()
    {
        if (!File.Exists(ShellTerminal.ScriptProgram) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"{ShellTerminal.ScriptProgram} is missing; install Debian's bsdutils (util-linux's script)";
    }
}
