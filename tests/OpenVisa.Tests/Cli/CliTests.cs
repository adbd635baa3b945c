using OpenVisa.Tests.Support;

namespace OpenVisa.Tests.Cli;

public class CliTests
{
    private const string Socket = ScriptedLibrary.SocketName;

    [Fact]
    public void Info_shows_version_runtime_and_backends()
    {
        var run = CliRun.Of("info");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("OpenVisa ", run.Out, StringComparison.Ordinal);
        Assert.Contains("Runtime: .NET", run.Out, StringComparison.Ordinal);
        Assert.Contains("Backends:", run.Out, StringComparison.Ordinal);
        Assert.Contains("@scripted", run.Out, StringComparison.Ordinal);
        var json = CliRun.Of("info", "--json").Json;
        Assert.Equal(System.Text.Json.JsonValueKind.String, json.GetProperty("version").ValueKind);
        Assert.Contains(json.GetProperty("backends").EnumerateArray(), b => b.GetProperty("name").GetString() == "scripted");
    }

    [Fact]
    public void Parse_prints_every_field_in_json()
    {
        var run = CliRun.Of("parse", "tcpip::192.168.1.5::hislip0,4881::instr", "--json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal("TCPIP", json.GetProperty("interfaceType").GetString());
        Assert.Equal(0, json.GetProperty("board").GetInt32());
        Assert.Equal("INSTR", json.GetProperty("resourceClass").GetString());
        Assert.Equal("TCPIP0::192.168.1.5::hislip0,4881::INSTR", json.GetProperty("canonical").GetString());
        Assert.Equal("192.168.1.5", json.GetProperty("hostAddress").GetString());
        Assert.Equal("hislip0,4881", json.GetProperty("lanDeviceName").GetString());

        var usb = CliRun.Of("parse", "USB::0x1234::125::A22-5::INSTR", "--json").Json;
        Assert.Equal("0x1234", usb.GetProperty("manufacturerId").GetString());
        Assert.Equal("A22-5", usb.GetProperty("serialNumber").GetString());
        Assert.Equal("0", usb.GetProperty("usbInterfaceNumber").GetString());
    }

    [Fact]
    public void Parse_prints_a_readable_table_without_json()
    {
        var run = CliRun.Of("parse", "GPIB::5::INSTR");
        Assert.Contains("canonical:", run.Out, StringComparison.Ordinal);
        Assert.Contains("GPIB0::5::INSTR", run.Out, StringComparison.Ordinal);
        Assert.Contains("primaryAddress:", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parse", "GPIB::99::INSTR", "VI_ERROR_INV_RSRC_NAME")]
    [InlineData("parse", "FOO::1::INSTR", "VI_ERROR_INV_RSRC_NAME")]
    [InlineData("list", "?*[", "VI_ERROR_INV_EXPR")]
    public void Bad_input_exits_2_with_a_one_line_reason(string command, string argument, string status)
    {
        var run = command == "list" ? CliRun.Of(command, argument, "-b", "cli@scripted") : CliRun.Of(command, argument);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(status, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        var run = CliRun.Of("query", "only-a-name");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRun.Of("query", "-b", "cli@scripted", Socket, "*IDN?", "--binary", "--datatype", "u12").ExitCode);
        Assert.Equal(2, CliRun.Of("query", "-b", "cli@scripted", Socket, "*IDN?", "--read-termination", "\\q").ExitCode);
    }

    [Fact]
    public void A_visa_error_exits_1_and_stderr_starts_with_the_status()
    {
        var run = CliRun.Of("list", "-b", "@nosuchbackend");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("VI_ERROR_LIBRARY_NFOUND", run.Error, StringComparison.Ordinal);
        var read = CliRun.Of("read", "-b", "cli@scripted", Socket);
        Assert.Equal(1, read.ExitCode);
        Assert.StartsWith("VI_ERROR_TMO", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_prints_the_matching_resources()
    {
        var run = CliRun.Of("list", "-b", "cli@scripted");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(ScriptedLibrary.InstrName, run.Out.Trim());
        var json = CliRun.Of("list", "?*", "-b", "cli@scripted", "--json").Json;
        Assert.Equal("@scripted", json.GetProperty("backend").GetString());
        Assert.Equal(2, json.GetProperty("resources").GetArrayLength());
        Assert.Equal("TCPIP", json.GetProperty("resources")[1].GetProperty("interfaceType").GetString());
        Assert.Equal(CliRun.Of("parse", Socket, "--json").Json.GetProperty("interfaceType").GetString(), json.GetProperty("resources")[1].GetProperty("interfaceType").GetString());
    }

    [Fact]
    public void Query_write_and_read_talk_to_the_resource()
    {
        Assert.Equal("Scripted,Device,0,1.0\n", CliRun.Of("query", "-b", "cli@scripted", Socket, "*IDN?").Out);
        var json = CliRun.Of("query", "-b", "cli@scripted", Socket, "ECHO hi", "--json").Json;
        Assert.Equal("hi", json.GetProperty("reply").GetString());
        Assert.Equal(0, CliRun.Of("write", "-b", "cli@scripted", Socket, "SET 3", "--timeout", "500").ExitCode);
        Assert.Equal("value\n", CliRun.Of("query", "-b", "cli@scripted", Socket, "CRLF?", "--read-termination", "\\r\\n").Out);
    }

    [Fact]
    public void A_reply_on_an_end_based_resource_prints_as_one_line_without_the_instruments_newline()
    {
        // INSTR resources have no read termination, so the reply keeps the instrument's "\n"; printing it as is left an empty line.
        Assert.Equal("Scripted,Device,0,1.0\n", CliRun.Of("query", "-b", "cli@scripted", ScriptedLibrary.InstrName, "*IDN?").Out);
        var json = CliRun.Of("query", "-b", "cli@scripted", ScriptedLibrary.InstrName, "*IDN?", "--json").Json;
        Assert.Equal("Scripted,Device,0,1.0\n", json.GetProperty("reply").GetString());
        var shell = CliRun.WithInput("*IDN?\n", "shell", "-b", "cli@scripted", ScriptedLibrary.InstrName);
        Assert.Equal("Scripted,Device,0,1.0\n", shell.Out);
    }

    [Fact]
    public void A_binary_query_writes_the_block_to_a_file_byte_exact()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ovisa-{Guid.NewGuid():N}.bin");
        try
        {
            var run = CliRun.Of("query", "-b", "cli@scripted", Socket, "DATA? 70000", "--binary", "--datatype", "u8", "--out", file);
            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith("70000 bytes (70000 values of u8) written to ", run.Out, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(70000, bytes.Length);
            Assert.All(Enumerable.Range(0, bytes.Length), i => Assert.Equal((byte)i, bytes[i]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_binary_query_without_a_file_prints_the_values()
    {
        var run = CliRun.Of("query", "-b", "cli@scripted", Socket, "DATA? 4", "--binary", "--datatype", "i16", "--big-endian");
        Assert.Equal("1,515\n", run.Out);
        var json = CliRun.Of("query", "-b", "cli@scripted", Socket, "DATA? 4", "--binary", "--datatype", "u16", "--json").Json;
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(256, json.GetProperty("values")[0].GetInt32());
    }

    [Fact]
    public void A_piped_shell_runs_each_line_and_reports_failures_in_the_exit_code()
    {
        const string script = "*IDN?\nSET 42\nGET?\nquery ECHO a?b\nwrite SET 7\nquery GET?\ntimeout 750\ntimeout\ntermchar\n";
        var run = CliRun.WithInput(script, "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Scripted,Device,0,1.0", "42", "a?b", "7", "750 ms", "read: '\\n' write: '\\n'"], run.Out.TrimEnd().Split('\n'));
        Assert.Equal("", run.Error);

        var failing = CliRun.WithInput("read\n*IDN?\n", "shell", "-b", "cli@scripted", Socket);
        Assert.Equal(1, failing.ExitCode);
        Assert.StartsWith("VI_ERROR_TMO", failing.Error, StringComparison.Ordinal);
        Assert.Equal("Scripted,Device,0,1.0", failing.Out.Trim());
    }

    [Fact]
    public void The_shell_opens_lists_and_explains_a_missing_resource()
    {
        var script = $"*IDN?\nlist ?*\nopen {Socket}\nattr VI_ATTR_TMO_VALUE\nattr VI_ATTR_TMO_VALUE 1500\nattr VI_ATTR_TMO_VALUE\nclose\nexit\n*IDN?\n";
        var run = CliRun.WithInput(script, "shell", "-b", "cli@scripted");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no resource is open; use '.open NAME' first", run.Error, StringComparison.Ordinal);
        Assert.Contains(Socket, run.Out, StringComparison.Ordinal);
        Assert.Contains("2000", run.Out, StringComparison.Ordinal);
        Assert.Contains("1500", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Scripted,Device", run.Out, StringComparison.Ordinal);
    }
}
