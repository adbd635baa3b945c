
namespace OpenVisa.Tests.Recording;

public class ReplayMismatchTests
{
    private static string RecordIdnSetGet(TempFiles files, string test) =>
        ReplayRoundTripTests.Record(files, test, rm =>
        {
            var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.Query("*IDN?");
            res.Write("SET 5");
            return res.Query("GET?");
        });

    private static (ResourceManager Manager, MessageBasedResource Resource) Replay(string path, ReplayOptions? options = null)
    {
        var rm = new ResourceManager(new ReplayLibrary(path, options ?? ReplayOptions.Default));
        return (rm, rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName));
    }

    [Fact]
    public void Different_data_names_the_index_the_expected_and_actual_writes_and_shows_the_neighbours()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(Different_data_names_the_index_the_expected_and_actual_writes_and_shows_the_neighbours));
        var (rm, res) = Replay(path);
        using (rm)
        {
            res.Query("*IDN?");
            var e = Assert.Throws<ReplayMismatchException>(() => res.Write("SET 6"));
            Assert.Equal(ReplayMismatchKind.Data, e.Kind);
            var expected = SessionLog.Load(path).Operations.Single(o => o.Op == "write" && o.Data is { } d && System.Text.Encoding.ASCII.GetString(d) == "SET 5\n");
            Assert.Equal(expected.Index, e.Index);
            Assert.Contains($"diverged at operation #{expected.Index}", e.Message);
            Assert.Contains("expected write TCPIP0::127.0.0.1::5025::SOCKET 'SET 5\\n'", e.Message);
            Assert.Contains("the program did write TCPIP0::127.0.0.1::5025::SOCKET 'SET 6\\n'", e.Message);
            Assert.Contains("(the data differs)", e.Message);
            Assert.Contains(">> #" + expected.Index + " write", e.Message);
            Assert.Contains("'Scripted,Device,0,1.0\\n'", e.Message);
            Assert.Contains("'GET?\\n'", e.Message);
            Assert.Equal(7, e.Context.Count);
        }
    }

    [Fact]
    public void A_different_operation_says_which_was_recorded()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(A_different_operation_says_which_was_recorded));
        var (rm, res) = Replay(path);
        using (rm)
        {
            var e = Assert.Throws<ReplayMismatchException>(() => res.Read());
            Assert.Equal(ReplayMismatchKind.Operation, e.Kind);
            Assert.Contains("a read instead of a write", e.Message);
            Assert.Contains("expected write", e.Message);
        }
    }

    [Fact]
    public void The_right_operation_on_another_resource_is_a_resource_mismatch()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(The_right_operation_on_another_resource_is_a_resource_mismatch));
        using var rm = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default));
        var e = Assert.Throws<ReplayMismatchException>(() => rm.Open(ScriptedLibrary.InstrName));
        Assert.Equal(ReplayMismatchKind.Resource, e.Kind);
        Assert.Contains("expected open TCPIP0::127.0.0.1::5025::SOCKET", e.Message);
        Assert.Contains("the program did open TCPIP0::127.0.0.1::inst0::INSTR", e.Message);
    }

    [Fact]
    public void A_different_argument_is_named()
    {
        using var files = new TempFiles();
        var path = ReplayRoundTripTests.Record(files, nameof(A_different_argument_is_named), rm =>
        {
            var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.Timeout = TimeSpan.FromMilliseconds(1000);
            return null;
        });
        var (rm, res) = Replay(path);
        using (rm)
        {
            var e = Assert.Throws<ReplayMismatchException>(() => res.Timeout = TimeSpan.FromMilliseconds(2500));
            Assert.Equal(ReplayMismatchKind.Arguments, e.Kind);
            Assert.Contains("value differs", e.Message);
            Assert.Contains("VI_ATTR_TMO_VALUE := 1000", e.Message);
            Assert.Contains("VI_ATTR_TMO_VALUE := 2500", e.Message);
        }
    }

    [Fact]
    public void Doing_more_than_was_recorded_exhausts_the_log()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(Doing_more_than_was_recorded_exhausts_the_log));
        var replay = new ReplayLibrary(path, ReplayOptions.Default);
        using var rm = new ResourceManager(replay);
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        res.Query("*IDN?");
        res.Write("SET 5");
        res.Query("GET?");
        res.Close();
        rm.Close();
        using var more = new ResourceManager(replay.Log.Source + "@replay");
        var again = more.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        again.Query("*IDN?");
        again.Write("SET 5");
        again.Query("GET?");
        var e = Assert.Throws<ReplayMismatchException>(() => again.Query("GET?"));
        Assert.Equal(ReplayMismatchKind.Exhausted, e.Kind);
        Assert.Equal("close", e.Expected!.Op);
        Assert.Contains("the program did write TCPIP0::127.0.0.1::5025::SOCKET 'GET?\\n'", e.Message);
        Assert.Contains("the recording closed TCPIP0::127.0.0.1::5025::SOCKET at #", e.Message);
        Assert.Contains("nothing more was recorded for it", e.Message);
    }

    [Fact]
    public void Running_past_the_end_of_the_file_exhausts_the_log()
    {
        using var files = new TempFiles();
        var path = files.File("short.jsonl");
        File.WriteAllText(path, """
            {"format":"openvisa-session","version":1}
            {"i":0,"t":0,"dur":0,"op":"openRM","rm":1}
            {"i":1,"t":0,"dur":0,"op":"open","rm":1,"resource":"TCPIP0::10.0.0.1::5025::SOCKET","mode":"None","openTimeoutMs":2000,"session":2}
            {"i":2,"t":0,"dur":0,"op":"write","session":2,"text":"*RST\n","count":5}
            """);
        var library = new ReplayLibrary(path, ReplayOptions.Default with { MatchAttributes = false });
        var rm = new ResourceManager(library);
        var session = library.Open(rm.Session, "TCPIP0::10.0.0.1::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(2));
        library.Write(session, "*RST\n"u8);
        var e = Assert.Throws<ReplayMismatchException>(() => library.Write(session, "*CLS\n"u8));
        Assert.Equal(ReplayMismatchKind.Exhausted, e.Kind);
        Assert.Equal(-1, e.Index);
        Assert.Null(e.Expected);
        Assert.Contains("the program did write TCPIP0::10.0.0.1::5025::SOCKET '*CLS\\n', but all 3 recorded operations have been replayed", e.Message);
        Assert.Contains("#2 write session 2 '*RST\\n'", e.Message);
    }

    [Fact]
    public void Closing_with_operations_left_over_is_an_error_that_lists_them()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(Closing_with_operations_left_over_is_an_error_that_lists_them));
        var (rm, res) = Replay(path);
        res.Query("*IDN?");
        var e = Assert.Throws<ReplayMismatchException>(res.Close);
        Assert.Equal(ReplayMismatchKind.Leftover, e.Kind);
        Assert.Contains("TCPIP0::127.0.0.1::5025::SOCKET was closed with 3 recorded operations on it not replayed", e.Message);
        Assert.Contains("Not replayed:", e.Message);
        Assert.Contains("'SET 5\\n'", e.Message);
        Assert.Contains("'GET?\\n'", e.Message);
        Assert.Equal("write", e.Expected!.Op);
        rm.Close();
    }

    [Fact]
    public void Closing_the_manager_with_operations_left_over_is_an_error_too()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(Closing_the_manager_with_operations_left_over_is_an_error_too));
        var library = new ReplayLibrary(path, ReplayOptions.Default);
        var rm = new ResourceManager(library);
        var e = Assert.Throws<ReplayMismatchException>(() => library.Close(rm.Session));
        Assert.Equal(ReplayMismatchKind.Leftover, e.Kind);
        Assert.Contains("the resource manager was closed with", e.Message);
        Assert.Contains("open TCPIP0::127.0.0.1::5025::SOCKET", e.Message);
    }

    [Fact]
    public void After_a_mismatch_disposing_does_not_hide_it_behind_a_leftover_error()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(After_a_mismatch_disposing_does_not_hide_it_behind_a_leftover_error));
        var e = Assert.Throws<ReplayMismatchException>(() =>
        {
            var (rm, res) = Replay(path);
            using (rm)
            using (res)
                res.Query("*RST");
        });
        Assert.Equal(ReplayMismatchKind.Data, e.Kind);
    }

    [Fact]
    public void Writing_before_the_recorded_reply_was_read_is_a_mismatch()
    {
        using var files = new TempFiles();
        var path = RecordIdnSetGet(files, nameof(Writing_before_the_recorded_reply_was_read_is_a_mismatch));
        var (rm, res) = Replay(path);
        using (rm)
        {
            res.Write("*IDN?");
            res.ReadBytes(4);
            var e = Assert.Throws<ReplayMismatchException>(() => res.Write("SET 5"));
            Assert.Equal(ReplayMismatchKind.Operation, e.Kind);
            Assert.Contains("18 bytes of the recorded reply were not read yet", e.Message);
        }
    }

    [Fact]
    public void Relaxed_matching_accepts_case_whitespace_long_forms_and_number_spellings()
    {
        using var files = new TempFiles();
        var path = ReplayRoundTripTests.Record(files, nameof(Relaxed_matching_accepts_case_whitespace_long_forms_and_number_spellings), rm =>
        {
            var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.Write(":SOURce:VOLTage:LEVel 5.0;:OUTPut1 ON");
            return null;
        });
        var (strictRm, strict) = Replay(path);
        using (strictRm)
            Assert.Equal(ReplayMismatchKind.Data, Assert.Throws<ReplayMismatchException>(() => strict.Write("sour:volt:lev  +5E0 ; outp on")).Kind);
        var (rm, res) = Replay(path, ReplayOptions.Default with { Matching = ReplayMatching.Relaxed });
        using (rm)
            res.Write("sour:volt:lev  +5E0 ; outp on");
        var (otherRm, other) = Replay(path, ReplayOptions.Default with { Matching = ReplayMatching.Relaxed });
        using (otherRm)
        {
            var e = Assert.Throws<ReplayMismatchException>(() => other.Write("sour:volt:lev 6;outp on"));
            Assert.Contains("the data differs, even as SCPI", e.Message);
        }
    }

    [Fact]
    public void Bad_replay_options_in_a_spec_list_the_good_ones()
    {
        var e = Assert.Throws<VisaException>(() => new ResourceManager("x.jsonl|timing=slow@replay"));
        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("Unknown replay option 'timing=slow'", e.Message);
        Assert.Contains("timing=ignore|recorded", e.Message);
    }

    [Fact]
    public void A_missing_session_file_is_named()
    {
        var e = Assert.Throws<VisaException>(() => new ResourceManager("/nonexistent/openvisa/none.jsonl@replay"));
        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("Cannot read the session file '/nonexistent/openvisa/none.jsonl'", e.Message);
    }
}
