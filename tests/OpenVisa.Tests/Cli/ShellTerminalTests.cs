using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Tests.Cli;

/// <summary>
/// <c>ovisa shell</c> on a terminal: the editing keys, Tab completion, Ctrl-C on a line and on a pending read, and a
/// mistyped start resource, each pressed through a pseudo-terminal and judged by what the instrument was sent.
/// </summary>
public sealed class ShellTerminalTests : IDisposable
{
    private const string Psu = "TCPIP0::sim-psu.local::inst0::INSTR";
    private const string PsuIdentity = "OpenVisa,SIM-PSU3,SIM0002,1.0";
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("ovisa-shell-home-");

    public void Dispose() => _home.Delete(recursive: true);

    [TerminalFact]
    public async Task Editing_keys_and_tab_completion_build_the_line_the_instrument_gets()
    {
        // A line from an earlier session, for Tab to complete from.
        await File.WriteAllTextAsync(Path.Combine(_home.FullName, ".ovisa_history"), "*IDN?\n");
        using var shell = ShellTerminal.Start(_home.FullName, "-b", "@sim", Psu);
        await shell.WaitForAsync($"({Psu}) ");

        shell.Type("IDN?\x01*\r");                  // Ctrl-A: type at the start
        await shell.WaitForAsync(PsuIdentity, 1);
        shell.Type("junk\x15*id\t\r");              // Ctrl-U erases, Tab completes "*id" from history, whatever its case
        await shell.WaitForAsync(PsuIdentity, 2);
        shell.Type("IDN\x01*\x05?\r");              // Ctrl-A, then Ctrl-E back to the end
        await shell.WaitForAsync(PsuIdentity, 3);
        shell.Type("*IDN? VOLT\x17\r");             // Ctrl-W erases the last word
        await shell.WaitForAsync(PsuIdentity, 4);
        shell.Type(".he\t\r");                      // Tab completes a shell command
        await shell.WaitForAsync("Shell commands start with '.'");
        shell.Type("xyz\x03");                      // Ctrl-C abandons the line, and the shell stays
        await shell.WaitForAsync("^C");
        shell.Type(".exit\r");

        Assert.Equal(0, await shell.ExitCodeAsync());
        Assert.DoesNotContain("error", shell.Screen, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("VI_ERROR", shell.Screen, StringComparison.Ordinal);
    }

    [TerminalFact]
    public async Task Ctrl_C_cancels_a_pending_read_and_the_shell_stays()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        var resource = $"TCPIP0::127.0.0.1::{port}::SOCKET";
        // A VISA timeout far beyond the test's patience: only Ctrl-C can end this read in time.
        using var shell = ShellTerminal.Start(_home.FullName, "-b", "@managed", resource, "--timeout", "600000");
        await shell.WaitForAsync($"({resource}) ");
        using var instrument = await accepted.WaitAsync(ShellTerminal.Patience);

        shell.Type("*IDN?\r");
        // The query reached the instrument, which never answers: the shell is now in its read.
        var received = new byte[6];
        var stream = instrument.GetStream();
        for (var got = 0; got < received.Length;)
            got += await stream.ReadAsync(received.AsMemory(got)).AsTask().WaitAsync(ShellTerminal.Patience);
        Assert.Equal("*IDN?\n", Encoding.ASCII.GetString(received));

        var pressed = Stopwatch.StartNew();
        shell.Type("\x03");
        await shell.WaitForAsync("cancelled: '*IDN?' was abandoned (Ctrl-C)");
        Assert.True(pressed.Elapsed < ShellTerminal.Patience, $"the read ended {pressed.Elapsed} after Ctrl-C");
        // Still the same session, at its prompt.
        await shell.WaitForAsync($"({resource}) ", 2);
        shell.Type(".exit\r");
        Assert.Equal(0, await shell.ExitCodeAsync());
    }

    [TerminalFact]
    public async Task A_mistyped_start_resource_leaves_the_user_at_the_prompt_with_the_error()
    {
        using var shell = ShellTerminal.Start(_home.FullName, "-b", "@sim", "TCPIP0::sim-psuu.local::inst0::INSTR");
        await shell.WaitForAsync("(no resource) ");
        Assert.Contains("VI_ERROR_RSRC_NFOUND", shell.Screen, StringComparison.Ordinal);
        Assert.Contains($"Did you mean {Psu}?", shell.Screen, StringComparison.Ordinal);

        shell.Type($".open {Psu}\r");
        await shell.WaitForAsync($"({Psu}) ");
        shell.Type("*IDN?\r");
        await shell.WaitForAsync(PsuIdentity);
        shell.Type(".exit\r");
        // The start resource's failure counts, as any failed line does.
        Assert.Equal(1, await shell.ExitCodeAsync());
    }

    [TerminalFact]
    public async Task Under_record_Ctrl_C_on_a_pending_read_stays_in_the_shell_and_the_recording_goes_on()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        var resource = $"TCPIP0::127.0.0.1::{((IPEndPoint)listener.LocalEndpoint).Port}::SOCKET";
        var session = Path.Combine(_home.FullName, "run.jsonl");
        using var shell = ShellTerminal.Run(_home.FullName, "record", "--to", session, "--", "shell", "-b", "@managed", resource, "--timeout", "600000");
        await shell.WaitForAsync($"({resource}) ");
        using var instrument = await accepted.WaitAsync(ShellTerminal.Patience);
        shell.Type("*IDN?\r");
        var received = new byte[6];
        var stream = instrument.GetStream();
        for (var got = 0; got < received.Length;)
            got += await stream.ReadAsync(received.AsMemory(got)).AsTask().WaitAsync(ShellTerminal.Patience);

        // SIGINT reaches the recorder's handler as well as the shell's: the shell stays, so the recording must too.
        shell.Type("\x03");
        await shell.WaitForAsync("cancelled: '*IDN?' was abandoned (Ctrl-C)");
        await shell.WaitForAsync($"({resource}) ", 2);
        shell.Type(".exit\r");
        Assert.Equal(0, await shell.ExitCodeAsync());

        // The file ends as a finished recording does (the resource and the manager closed), not cut off at the Ctrl-C.
        var log = SessionLog.Load(session);
        Assert.False(log.Truncated);
        Assert.Equal(1, log.Operations.Count(o => o.Op == SessionOps.Write));
        Assert.Contains(log.Operations, o => o.Op == SessionOps.CloseResourceManager);
    }
}
