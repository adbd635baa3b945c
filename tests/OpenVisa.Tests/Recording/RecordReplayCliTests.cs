using OpenVisa.Cli;

namespace OpenVisa.Tests.Recording;

public class RecordReplayCliTests
{
    private static (int Exit, string Out, string Error) Cli(params string[] args)
    {
        ScriptedLibrary.EnsureRegistered();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Record_then_replay_a_query_gives_the_same_output()
    {
        using var files = new TempFiles();
        var session = files.File("cli.jsonl");
        var live = Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-record@scripted");
        Assert.Equal(0, live.Exit);
        Assert.Equal("Scripted,Device,0,1.0" + Environment.NewLine, live.Out);
        Assert.Contains("recorded to " + session, live.Error);
        var log = SessionLog.Load(session);
        Assert.Contains(log.Operations, o => o.Op == "write" && o.Data is { } d && System.Text.Encoding.ASCII.GetString(d) == "*IDN?\n");
        Assert.EndsWith("cli-record@scripted", log.Backend);

        var replay = Cli("replay", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?");
        Assert.Equal(0, replay.Exit);
        Assert.Equal(live.Out, replay.Out);
    }

    [Fact]
    public void The_backend_given_before_record_is_the_one_recorded()
    {
        using var files = new TempFiles();
        var session = files.File("outer.jsonl");
        var live = Cli("-b", "cli-outer@scripted", "record", "--to", session, "--", "query", ScriptedLibrary.InstrName, "ECHO hi");
        Assert.Equal(0, live.Exit);
        Assert.Equal("hi" + Environment.NewLine, live.Out);
        Assert.EndsWith("cli-outer@scripted", SessionLog.Load(session).Backend);
    }

    [Fact]
    public void A_replayed_command_that_diverges_prints_the_mismatch_and_exits_1()
    {
        using var files = new TempFiles();
        var session = files.File("cli.jsonl");
        Assert.Equal(0, Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-diverge@scripted").Exit);
        var replay = Cli("replay", session, "--", "query", ScriptedLibrary.SocketName, "*RST?");
        Assert.Equal(1, replay.Exit);
        Assert.StartsWith("error: Replay of " + session + " diverged at operation #", replay.Error);
        Assert.Contains("expected write TCPIP0::127.0.0.1::5025::SOCKET '*IDN?\\n'", replay.Error);
        Assert.Contains("'*RST?\\n'", replay.Error);
        Assert.Contains(">> #", replay.Error);
    }

    [Fact]
    public void Relaxed_replay_is_chosen_on_the_command_line()
    {
        using var files = new TempFiles();
        var session = files.File("cli.jsonl");
        Assert.Equal(0, Cli("record", "--to", session, "--", "write", ScriptedLibrary.SocketName, ":SYSTem:BEEPer", "-b", "cli-relaxed@scripted").Exit);
        Assert.Equal(1, Cli("replay", session, "--", "write", ScriptedLibrary.SocketName, "syst:beep").Exit);
        Assert.Equal(0, Cli("replay", session, "--match", "relaxed", "--", "write", ScriptedLibrary.SocketName, "syst:beep").Exit);
    }

    [Fact]
    public void Record_show_lists_operations_with_durations_and_errors()
    {
        using var files = new TempFiles();
        var session = files.File("show.jsonl");
        Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-show@scripted");
        Cli("record", "--to", files.File("err.jsonl"), "--", "read", ScriptedLibrary.SocketName, "-b", "cli-show-err@scripted");
        var show = Cli("record", "show", session);
        Assert.Equal(0, show.Exit);
        var lines = show.Out.Split(Environment.NewLine);
        Assert.Contains("operations, 0 errors, recorded from", lines[0]);
        Assert.Contains("dur ms", lines[1]);
        Assert.Contains(lines, l => l.Contains("write") && l.Contains("TCPIP0::127.0.0.1::5025::SOCKET") && l.Contains("'*IDN?\\n'"));
        Assert.Contains(lines, l => l.Contains("read") && l.Contains("'Scripted,Device,0,1.0\\n' (VI_SUCCESS_TERM_CHAR)"));
        Assert.DoesNotContain(lines, l => l.Contains(" parse "));
        Assert.Contains(Cli("record", "show", "--all", session).Out.Split(Environment.NewLine), l => l.Contains(" parse "));
        var errors = Cli("record", "show", files.File("err.jsonl"));
        Assert.Contains("1 error", errors.Out);
        Assert.Contains("! VI_ERROR_TMO: No reply is pending.", errors.Out);
    }

    [Fact]
    public void Record_show_json_gives_one_document()
    {
        using var files = new TempFiles();
        var session = files.File("show.jsonl");
        Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-json@scripted");
        var show = Cli("record", "show", session, "--json");
        using var document = System.Text.Json.JsonDocument.Parse(show.Out);
        var ops = document.RootElement.GetProperty("operations");
        Assert.Contains(ops.EnumerateArray(), o => o.GetProperty("op").GetString() == "read" && o.GetProperty("details").GetString()!.Contains("Scripted"));
        Assert.False(document.RootElement.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void Usage_errors_say_what_is_missing()
    {
        var noFile = Cli("record", "--", "query", ScriptedLibrary.SocketName, "*IDN?");
        Assert.Equal(2, noFile.Exit);
        Assert.Contains("record needs --to FILE", noFile.Error);
        using var files = new TempFiles();
        var noCommand = Cli("record", "--to", files.File("x.jsonl"));
        Assert.Equal(2, noCommand.Exit);
        Assert.Contains("no command to run; put an ovisa command after '--'", noCommand.Error);
        var nested = Cli("record", "--to", files.File("x.jsonl"), "--", "replay", "y.jsonl");
        Assert.Equal(2, nested.Exit);
        Assert.Contains("'replay' cannot run inside record or replay", nested.Error);
    }

    [Fact]
    public void A_bad_session_file_is_bad_input_named_by_line()
    {
        using var files = new TempFiles();
        var bad = files.File("bad.jsonl");
        File.WriteAllText(bad, "{\"format\":\"openvisa-session\",\"version\":1}\n{\"i\":0,\"op\":\"write\"\nnot json\n{\"i\":1,\"op\":\"read\"}\n");
        var replay = Cli("replay", bad, "--", "query", ScriptedLibrary.SocketName, "*IDN?");
        Assert.Equal(2, replay.Exit);
        Assert.Contains("bad.jsonl line 2: not a JSON object", replay.Error);
        var show = Cli("record", "show", files.File("none.jsonl"));
        Assert.Equal(2, show.Exit);
        Assert.Contains("Cannot read the session file", show.Error);
    }

    [Fact]
    public void Replay_refuses_a_backend_in_the_inner_command()
    {
        using var files = new TempFiles();
        var session = files.File("cli.jsonl");
        Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-refuse@scripted");
        var replay = Cli("replay", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "@sim");
        Assert.Equal(2, replay.Exit);
        Assert.Contains("remove '--backend @sim'", replay.Error);
    }

    [Fact]
    public void To_sim_writes_the_file_and_reports_notes()
    {
        using var files = new TempFiles();
        var session = files.File("sim.jsonl");
        Cli("record", "--to", session, "--", "query", ScriptedLibrary.SocketName, "*IDN?", "-b", "cli-sim@scripted");
        var output = files.File("sim.yaml");
        var result = Cli("record", "to-sim", session, "--out", output);
        Assert.Equal(0, result.Exit);
        Assert.Contains("wrote " + output, result.Out);
        var yaml = File.ReadAllText(output);
        Assert.Contains("spec: \"1.1\"", yaml);
        Assert.Contains("q: \"*IDN?\"", yaml);
        Assert.Contains("r: \"Scripted,Device,0,1.0\"", yaml);
        Assert.Contains("\"TCPIP0::127.0.0.1::5025::SOCKET\":\n    device: device1", yaml);
    }

    [Fact]
    public void The_shell_records_between_record_FILE_and_record_stop()
    {
        ScriptedLibrary.EnsureRegistered();
        using var files = new TempFiles();
        var session = files.File("shell.jsonl");
        var script = string.Join('\n', "*IDN?", "timeout 1234", $"record {session}", "record", "query ECHO inside", "timeout", "record stop", "query ECHO outside", "record stop", "exit") + "\n";
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Run(["-b", "shell-record@scripted", "shell", ScriptedLibrary.SocketName], new CliContext(output, error, new StringReader(script)));
        Assert.Equal(1, exit);
        Assert.Contains("error: not recording; start with 'record FILE'", error.ToString());
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("Scripted,Device,0,1.0", lines[0]);
        Assert.Equal($"recording to {session}", lines[1]);
        Assert.Equal($"recording to {session}", lines[2]);
        Assert.Equal("inside", lines[3]);
        Assert.Equal("1234 ms", lines[4]);
        Assert.Equal($"recorded to {session}", lines[5]);
        Assert.Equal("outside", lines[6]);
        var writes = SessionLog.Load(session).Operations.Where(o => o.Op == "write").Select(o => System.Text.Encoding.ASCII.GetString(o.Data!)).ToList();
        Assert.Equal(["ECHO inside\n"], writes);
    }
}
