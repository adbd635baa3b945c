using System.Text.Json;

namespace OpenVisa.Tests.Cli;

/// <summary>The shell's commands with piped input: what stays the shell's, what goes to the instrument, and --json.</summary>
public class ShellCommandTests
{
    private const string Socket = ScriptedLibrary.SocketName;
    private const string Instr = ScriptedLibrary.InstrName;

    [Fact]
    public void A_failed_open_keeps_the_resource_that_was_open()
    {
        var run = CliRun.WithInput("SET 42\n.open TCPIP0::absent.example::inst0::INSTR\nGET?\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND", run.Error, StringComparison.Ordinal);
        Assert.Contains("absent.example", run.Error, StringComparison.Ordinal);
        Assert.Equal("42", run.Out.Trim());
    }

    [Fact]
    public void A_successful_open_replaces_the_resource()
    {
        // Each scripted session keeps its own value: after the open, GET? asks the new one, which was never SET.
        var run = CliRun.WithInput($"SET 42\nGET?\n.open {Instr}\nGET?\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["42", "", ""], run.Out.ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void Dotted_commands_are_the_shell_s_and_pyvisa_shell_words_still_work_bare()
    {
        var run = CliRun.WithInput(".write ECHO read\n.read\n.stb\nquery ECHO bare\n.timeout 900\ntimeout\n.exit\n*IDN?\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["read", "16", "bare", "900 ms"], run.Out.TrimEnd().Split('\n'));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void A_line_that_begins_with_a_shell_word_reaches_the_instrument_with_scpi_s_leading_colon()
    {
        // Bare, "open (@101)" (a switch unit's SCPI, ROUTe being optional) is the shell's open, and no resource has that name.
        var bare = CliRun.WithInput("open (@101)\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(1, bare.ExitCode);
        Assert.Contains("(@101)", bare.Error, StringComparison.Ordinal);
        // With the root colon it is an instrument command: written, nothing refused.
        var colon = CliRun.WithInput(":OPEN (@101)\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(0, colon.ExitCode);
        Assert.Equal("", colon.Error);
    }

    [Fact]
    public void A_dotted_word_that_names_no_command_is_refused_and_nothing_is_sent()
    {
        var run = CliRun.WithInput(".clera\n.read\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: '.clera' is not a shell command; .help lists them", run.Error, StringComparison.Ordinal);
        // Nothing was written, so there is nothing to read.
        Assert.Contains("VI_ERROR_TMO", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_word_that_only_the_dotted_form_owns_goes_to_the_instrument_with_a_note()
    {
        var run = CliRun.WithInput("clear\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("note: 'clear' goes to the instrument; the shell's own command is .clear", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_commands_and_the_rule_for_instrument_commands()
    {
        var run = CliRun.WithInput(".help\n", "shell", "-b", "cli@scripted");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(".clear", run.Out, StringComparison.Ordinal);
        Assert.Contains("leading colon (:OPEN (@101))", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_prints_one_json_line_per_reply_and_per_failure()
    {
        var run = CliRun.WithInput("*IDN?\nSET 5\nGET?\n.stb\n.read\n", "shell", "-b", "cli@scripted", Socket, "--json");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("*IDN?", lines[0].GetProperty("command").GetString());
        Assert.Equal("Scripted,Device,0,1.0", lines[0].GetProperty("reply").GetString());
        Assert.Equal("5", lines[1].GetProperty("reply").GetString());
        Assert.Equal("16", lines[2].GetProperty("lines")[0].GetString());
        Assert.False(lines[3].GetProperty("ok").GetBoolean());
        Assert.Equal("VI_ERROR_TMO", lines[3].GetProperty("status").GetString());
        Assert.Equal(".read", lines[3].GetProperty("command").GetString());
        Assert.StartsWith("VI_ERROR_TMO", run.Error, StringComparison.Ordinal);
    }
}
