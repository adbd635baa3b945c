using System.Text.Json;

namespace OpenVisa.Tests.Recording;

public class RecordingLibraryTests
{
    private static List<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.TrimEnd('\0')).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static string? Op(JsonElement line) => line.TryGetProperty("op", out var op) ? op.GetString() : null;

    private static ResourceManager Recorder(string test, string file)
    {
        ScriptedLibrary.EnsureRegistered();
        return new ResourceManager(RecordReplaySpec.Record(file, test + "@scripted"));
    }

    [Fact]
    public void Every_operation_becomes_one_json_line_with_time_duration_and_outcome()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        using (var rm = Recorder(nameof(Every_operation_becomes_one_json_line_with_time_duration_and_outcome), path))
            Scenario.Run(rm);
        var lines = Lines(path);
        var header = lines[0];
        Assert.Equal("openvisa-session", header.GetProperty("format").GetString());
        Assert.Equal(1, header.GetProperty("version").GetInt32());
        Assert.EndsWith("@scripted", header.GetProperty("backend").GetString());
        var ops = lines.Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, ops.Count), ops.Select(o => o.GetProperty("i").GetInt32()));
        Assert.All(ops, o => Assert.True(o.GetProperty("dur").GetDouble() >= 0));
        Assert.True(ops.Zip(ops.Skip(1)).All(p => p.First.GetProperty("t").GetDouble() <= p.Second.GetProperty("t").GetDouble()));
        Assert.Equal("openRM", ops[0].GetProperty("op").GetString());

        var idn = ops.First(o => Op(o) == "write");
        Assert.Equal("*IDN?\n", idn.GetProperty("text").GetString());
        Assert.Equal(ScriptedLibrary.SocketName, idn.GetProperty("resource").GetString());
        Assert.Equal(6, idn.GetProperty("count").GetInt32());
        var reply = ops.First(o => Op(o) == "read");
        Assert.Equal("Scripted,Device,0,1.0\n", reply.GetProperty("text").GetString());
        Assert.Equal("VI_SUCCESS_TERM_CHAR", reply.GetProperty("status").GetString());
        Assert.Equal(MessageBasedResource.DefaultChunkSize, reply.GetProperty("max").GetInt32());
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_in_text_survive_the_file()
    {
        using var files = new TempFiles();
        var path = files.File("escapes.jsonl");
        const string Message = "DISP:TEXT \"a\\b\"\t'c'\r\n";
        using (var rm = Recorder(nameof(Quotes_backslashes_and_control_characters_in_text_survive_the_file), path))
            rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName).Write(Message, termination: "");
        var write = Lines(path).Single(o => Op(o) == "write");
        Assert.Equal(Message, write.GetProperty("text").GetString());
        Assert.Equal(Message, System.Text.Encoding.ASCII.GetString(SessionLog.Load(path).Operations.Single(o => o.Op == "write").Data!));
    }

    [Fact]
    public void Binary_payloads_are_base64_and_exact()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        using (var rm = Recorder(nameof(Binary_payloads_are_base64_and_exact), path))
            Scenario.Run(rm);
        var binaryWrite = Lines(path).First(o => o.TryGetProperty("base64", out _) && Op(o) == "write");
        Assert.Equal(new byte[] { (byte)'E', (byte)'C', (byte)'H', (byte)'O', (byte)' ', 0x00, 0x01, 0xFF, 0x80, 0x7F, (byte)'\n' }, binaryWrite.GetProperty("base64").GetBytesFromBase64());
        Assert.False(binaryWrite.TryGetProperty("text", out _));
        var binaryRead = Lines(path).First(o => o.TryGetProperty("base64", out _) && Op(o) == "read");
        Assert.Equal(new byte[] { 0x00, 0x01, 0xFF, 0x80, 0x7F, (byte)'\n' }, binaryRead.GetProperty("base64").GetBytesFromBase64());
    }

    [Fact]
    public void Errors_and_timeouts_are_recorded_with_status_and_detail_then_rethrown_unchanged()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        using (var rm = Recorder(nameof(Errors_and_timeouts_are_recorded_with_status_and_detail_then_rethrown_unchanged), path))
        {
            var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            var e = Assert.Throws<VisaException>(() => res.Read());
            Assert.Equal(StatusCode.ErrorTimeout, e.Status);
            Assert.Contains("No reply is pending", e.Message);
            var open = Assert.Throws<VisaException>(() => rm.Open("TCPIP0::absent.example::INSTR"));
            Assert.Equal(StatusCode.ErrorResourceNotFound, open.Status);
        }
        var lines = Lines(path);
        var read = lines.Single(o => Op(o) == "read");
        Assert.Equal("VI_ERROR_TMO", read.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal("No reply is pending.", read.GetProperty("error").GetProperty("detail").GetString());
        var failedOpen = lines.Single(o => Op(o) == "open" && o.TryGetProperty("error", out _));
        Assert.Equal("TCPIP0::absent.example::INSTR", failedOpen.GetProperty("resource").GetString());
        Assert.Equal("VI_ERROR_RSRC_NFOUND", failedOpen.GetProperty("error").GetProperty("status").GetString());
        Assert.False(failedOpen.TryGetProperty("session", out _));
    }

    [Fact]
    public void Attribute_changes_are_recorded_by_name_with_their_values()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        using (var rm = Recorder(nameof(Attribute_changes_are_recorded_by_name_with_their_values), path))
        {
            var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.Timeout = TimeSpan.FromMilliseconds(1234);
            Assert.Equal(1234, res.Timeout.TotalMilliseconds);
        }
        var lines = Lines(path);
        var set = lines.Last(o => Op(o) == "setAttr");
        Assert.Equal("VI_ATTR_TMO_VALUE", set.GetProperty("attr").GetString());
        Assert.Equal(1234, set.GetProperty("value").GetInt32());
        Assert.Equal("VI_SUCCESS", set.GetProperty("status").GetString());
        var get = lines.Last(o => Op(o) == "getAttr");
        Assert.Equal(1234, get.GetProperty("value").GetInt32());
        var termchar = lines.First(o => Op(o) == "setAttr");
        Assert.Equal("VI_ATTR_TERMCHAR", termchar.GetProperty("attr").GetString());
        Assert.Equal(10, termchar.GetProperty("value").GetInt32());
    }

    [Fact]
    public void Each_line_is_in_the_file_as_soon_as_the_operation_returns()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        using var rm = Recorder(nameof(Each_line_is_in_the_file_as_soon_as_the_operation_returns), path);
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        res.Query("*IDN?");
        // Read while the recorder still has the file open: nothing waits in a buffer.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        // The file is memory-mapped while recording: the unused rest of the mapping reads as zeros.
        var text = new StreamReader(stream).ReadToEnd().TrimEnd('\0');
        Assert.EndsWith("\n", text);
        var last = JsonDocument.Parse(text.TrimEnd('\n').Split('\n')[^1]).RootElement;
        Assert.Equal("read", last.GetProperty("op").GetString());
    }

    [Fact]
    public void Handles_are_the_inner_backends_and_close_lines_name_the_manager()
    {
        using var files = new TempFiles();
        var path = files.File("run.jsonl");
        int session, manager;
        using (var rm = Recorder(nameof(Handles_are_the_inner_backends_and_close_lines_name_the_manager), path))
        {
            var res = rm.Open(ScriptedLibrary.InstrName);
            (session, manager) = (res.Session, rm.Session);
        }
        var lines = Lines(path);
        Assert.Equal(session, lines.Single(o => Op(o) == "open").GetProperty("session").GetInt32());
        Assert.Equal(session, lines.Single(o => Op(o) == "close").GetProperty("session").GetInt32());
        Assert.Equal(manager, lines.Single(o => Op(o) == "closeRM").GetProperty("rm").GetInt32());
    }

    [Fact]
    public void The_resource_manager_option_records_and_closes_the_file_with_the_manager()
    {
        ScriptedLibrary.EnsureRegistered();
        using var files = new TempFiles();
        var path = files.File("option.jsonl");
        var rm = new ResourceManager(nameof(The_resource_manager_option_records_and_closes_the_file_with_the_manager) + "@scripted", new ResourceManagerOptions { RecordTo = path });
        var recorder = Assert.IsType<RecordingLibrary>(rm.Library);
        Assert.IsType<ScriptedLibrary>(recorder.Inner);
        Assert.Equal(Path.GetFullPath(path), recorder.SessionFile);
        rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName).Query("*IDN?");
        rm.Close();
        // The file is closed: it can be opened for exclusive writing.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }
        Assert.Contains(Lines(path), o => o.TryGetProperty("op", out var op) && op.GetString() == "closeRM");
    }

    [Fact]
    public void The_record_backend_is_found_by_name_and_wraps_the_spec_after_the_bar()
    {
        ScriptedLibrary.EnsureRegistered();
        using var files = new TempFiles();
        var path = files.File("spec.jsonl");
        var spec = path + "|" + nameof(The_record_backend_is_found_by_name_and_wraps_the_spec_after_the_bar) + "@scripted@record";
        Assert.Equal(spec, RecordReplaySpec.Record(path, nameof(The_record_backend_is_found_by_name_and_wraps_the_spec_after_the_bar) + "@scripted"));
        using var rm = new ResourceManager(spec);
        var recorder = Assert.IsType<RecordingLibrary>(rm.Library);
        Assert.Equal("record", recorder.BackendName);
        Assert.Equal(nameof(The_record_backend_is_found_by_name_and_wraps_the_spec_after_the_bar), recorder.Inner.Argument);
        Assert.Contains(BackendRegistry.FindAll(), d => d.Name == "record");
        Assert.Contains(BackendRegistry.FindAll(), d => d.Name == "replay");
    }

    [Fact]
    public void A_record_spec_without_a_file_says_how_to_write_one()
    {
        var e = Assert.Throws<VisaException>(() => new ResourceManager("|@scripted@record"));
        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("names no session file", e.Message);
        Assert.Contains("run.jsonl|@sim@record", e.Message);
        var bare = Assert.Throws<VisaException>(() => new ResourceManager("@record"));
        Assert.Contains("needs a session file and the backend to record", bare.Message);
    }

    [Fact]
    public void A_session_file_that_cannot_be_created_is_named_in_the_error()
    {
        ScriptedLibrary.EnsureRegistered();
        using var files = new TempFiles();
        var bad = Path.Combine(files.Folder, "missing-folder", "run.jsonl");
        var e = Assert.Throws<VisaException>(() => new RecordingLibrary(new ScriptedLibrary("x"), bad));
        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("Cannot create the session file", e.Message);
        Assert.Contains("missing-folder", e.Message);
    }

    [Fact]
    public void A_file_name_with_the_separator_is_refused_by_the_spec_builder()
    {
        var e = Assert.Throws<ArgumentException>(() => RecordReplaySpec.Record("a|b.jsonl", "@sim"));
        Assert.Contains("'a|b.jsonl' contains '|'", e.Message);
    }

    [Fact]
    public async Task Async_reads_and_writes_are_recorded_like_sync_ones()
    {
        using var files = new TempFiles();
        var path = files.File("async.jsonl");
        using (var rm = Recorder(nameof(Async_reads_and_writes_are_recorded_like_sync_ones), path))
            await Scenario.RunAsync(rm);
        var ops = Lines(path).Skip(1).Select(o => Op(o)).ToList();
        Assert.Contains("write", ops);
        Assert.True(ops.Count(o => o == "read") >= 4);
        Assert.Contains("readStb", ops);
    }
}
