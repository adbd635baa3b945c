
namespace OpenVisa.Tests.Cli;

/// <summary>The CLI's answers to mistakes on the command line (issue 21, section 3): a sentence and exit 2.</summary>
public class CliEdgeTests
{
    private const string Socket = ScriptedLibrary.SocketName;

    [Fact]
    public void Timeout_that_is_not_a_number_is_refused_with_a_sentence()
    {
        var run = CliRun.Of("write", "-b", "cli@scripted", Socket, "SET 3", "--timeout", "abc");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --timeout takes a whole number of milliseconds (0 or more, or -1 to wait forever), not 'abc'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-2")]
    public void Negative_timeout_is_refused_with_a_sentence(string value)
    {
        var run = CliRun.Of("write", "-b", "cli@scripted", Socket, "SET 3", "--timeout", value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --timeout cannot be negative ({value}); give milliseconds, 0 or more, or -1 to wait forever", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("500")]
    public void Timeout_of_minus_one_zero_or_more_is_taken(string value)
    {
        var run = CliRun.Of("write", "-b", "cli@scripted", Socket, "SET 3", "--timeout", value);
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("scripted", "@scripted")]
    [InlineData("Scripted", "@scripted")]
    public void Backend_name_without_at_asks_did_you_mean(string given, string meant)
    {
        var run = CliRun.Of("list", "-b", given);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --backend '{given}': did you mean {meant}?", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Backend_path_that_names_no_backend_is_left_to_the_ivi_backend()
    {
        // Not a backend name: still read as a native library path, so the failure is the library's, not the hint.
        var run = CliRun.Of("list", "-b", "/nonexistent/libvisa.so");
        Assert.DoesNotContain("did you mean", run.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public void Bare_ovisa_prints_the_help_and_exits_0()
    {
        var run = CliRun.Of();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("ovisa: talk to instruments", run.Out, StringComparison.Ordinal);
        Assert.Contains("list", run.Out, StringComparison.Ordinal);
        Assert.Equal(CliRun.Of("--help").Out, run.Out);
    }

    [Fact]
    public void List_with_nothing_found_says_where_it_looked()
    {
        var run = CliRun.Of("list", "GPIB?*", "-b", "cli@scripted");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("no resources found (looked in: @scripted (cli@scripted), query 'GPIB?*'); try another query, e.g. 'ovisa list \"?*\"', or another backend with -b", run.Error.TrimEnd());
    }

    [Fact]
    public void List_with_nothing_found_in_json_is_a_document_with_an_empty_list()
    {
        var run = CliRun.Of("list", "GPIB?*", "-b", "cli@scripted", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal("@scripted", json.GetProperty("backend").GetString());
        Assert.Equal("GPIB?*", json.GetProperty("query").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, json.GetProperty("resources").ValueKind);
        Assert.Equal(0, json.GetProperty("resources").GetArrayLength());
    }

    [Theory]
    [InlineData("TCPIP::h::5025::SOCKT", "Did you mean SOCKET (TCPIP::h::5025::SOCKET)?")]
    [InlineData("TCPIP0::h::inst0::INTSR", "Did you mean INSTR (TCPIP0::h::inst0::INSTR)?")]
    [InlineData("GPIB::5::INSTRR", "Did you mean INSTR (GPIB::5::INSTR)?")]
    public void Misspelled_resource_class_suggests_the_class(string name, string hint)
    {
        var run = CliRun.Of("parse", name);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("VI_ERROR_INV_RSRC_NAME", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(hint, run.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("GPIB::99::INSTR")]
    [InlineData("FOO::1::INSTR")]
    [InlineData("TCPIP::h::x::y::zzzzzz")]
    public void Bad_name_without_a_class_typo_gets_no_suggestion(string name)
    {
        var run = CliRun.Of("parse", name);
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("Did you mean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_not_found_suggests_the_nearest_known_name()
    {
        var run = CliRun.Of("query", "-b", "cli@scripted", "TCPIP0::127.0.0.1::absent0::INSTR", "*IDN?");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"Did you mean {ScriptedLibrary.InstrName}?", run.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_not_found_far_from_every_known_name_gets_no_suggestion()
    {
        var run = CliRun.Of("query", "-b", "cli@scripted", "TCPIP0::absent.example.org::hislip7::INSTR", "*IDN?");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_failure_prints_an_error_document_on_stdout_as_well_as_the_stderr_line()
    {
        var run = CliRun.Of("read", "-b", "cli@scripted", Socket, "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("VI_ERROR_TMO", run.Error, StringComparison.Ordinal);
        var json = run.Json;
        Assert.Equal("VI_ERROR_TMO", json.GetProperty("status").GetString());
        Assert.Equal(run.Error.TrimEnd(), json.GetProperty("message").GetString());
        Assert.Equal(1, json.GetProperty("exitCode").GetInt32());
        Assert.False(json.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Json_usage_failure_prints_an_error_document_with_exit_2()
    {
        var parse = CliRun.Of("write", "-b", "cli@scripted", Socket, "SET 3", "--timeout", "abc", "--json");
        Assert.Equal(2, parse.ExitCode);
        Assert.Equal("usage", parse.Json.GetProperty("status").GetString());
        Assert.Contains("--timeout takes a whole number", parse.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, parse.Json.GetProperty("exitCode").GetInt32());

        var name = CliRun.Of("parse", "GPIB::99::INSTR", "--json");
        Assert.Equal(2, name.ExitCode);
        Assert.Equal("VI_ERROR_INV_RSRC_NAME", name.Json.GetProperty("status").GetString());
        Assert.Equal(2, name.Json.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void Failure_without_json_prints_nothing_on_stdout()
    {
        var run = CliRun.Of("read", "-b", "cli@scripted", Socket);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Query_reply_with_high_bytes_warns_and_suggests_binary()
    {
        // ECHO returns its argument; written as Latin-1, 'é' and 'ÿ' are the bytes 0xE9 and 0xFF.
        var run = CliRun.Of("query", "-b", "cli@scripted", Socket, "ECHO caf\u00e9\u00ff");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("caf\u00e9\u00ff\n", run.Out);
        Assert.StartsWith("warning: the reply has 2 byte(s) of 0x80 or above", run.Error, StringComparison.Ordinal);
        Assert.Contains("use --binary", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_reply_in_ascii_gives_no_warning()
    {
        var run = CliRun.Of("query", "-b", "cli@scripted", Socket, "ECHO plain");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }
}
