using System.Diagnostics;

namespace OpenVisa.Tests.Recording;

public class ReplayRoundTripTests
{
    internal static string Record(TempFiles files, string test, Func<ResourceManager, object?> program, string name = "run.jsonl")
    {
        ScriptedLibrary.EnsureRegistered();
        var path = files.File(name);
        using var rm = new ResourceManager(new RecordingLibrary(new ScriptedLibrary(test), path));
        program(rm);
        rm.Close();
        ((RecordingLibrary)rm.Library).Dispose();
        return path;
    }

    [Fact]
    public void Replay_gives_the_results_the_live_run_gave()
    {
        using var files = new TempFiles();
        List<string>? live = null;
        var path = Record(files, nameof(Replay_gives_the_results_the_live_run_gave), rm => live = Scenario.Run(rm));
        var replay = new ReplayLibrary(path, ReplayOptions.Default);
        using (var rm = new ResourceManager(replay))
            Assert.Equal(live, Scenario.Run(rm));
        Assert.True(replay.IsComplete);
        Assert.Empty(replay.Remaining);
    }

    [Fact]
    public async Task Async_replay_gives_the_results_the_live_run_gave()
    {
        using var files = new TempFiles();
        ScriptedLibrary.EnsureRegistered();
        var path = files.File("async.jsonl");
        List<string> live;
        using (var rm = new ResourceManager(new RecordingLibrary(new ScriptedLibrary("async-live"), path)))
            live = await Scenario.RunAsync(rm);
        using (var rm = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default)))
            Assert.Equal(live, await Scenario.RunAsync(rm));
    }

    [Fact]
    public void The_replay_backend_is_found_by_name_and_serves_the_file_again_for_each_run()
    {
        using var files = new TempFiles();
        List<string>? live = null;
        var path = Record(files, nameof(The_replay_backend_is_found_by_name_and_serves_the_file_again_for_each_run), rm => live = Scenario.Run(rm));
        for (var run = 0; run < 2; run++)
        {
            using var rm = new ResourceManager(path + "@replay");
            Assert.IsType<ReplayLibrary>(rm.Library);
            Assert.Equal(live, Scenario.Run(rm));
        }
    }

    [Fact]
    public void Replies_are_served_whatever_chunk_size_the_replaying_program_uses()
    {
        using var files = new TempFiles();
        var path = Record(files, nameof(Replies_are_served_whatever_chunk_size_the_replaying_program_uses), rm =>
        {
            using var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.ChunkSize = 7;
            return res.Query("LONG? 50") + res.Query("LONG? 3");
        });
        Assert.Equal(9, SessionLog.Load(path).Operations.Count(o => o.Op == "read"));
        foreach (var chunk in new[] { 3, 7, 20, 1000 })
        {
            using var rm = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default));
            using var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            res.ChunkSize = chunk;
            Assert.Equal(new string('x', 50), res.Query("LONG? 50"));
            Assert.Equal("xxx", res.Query("LONG? 3"));
        }
    }

    [Fact]
    public void Recorded_errors_come_back_as_the_same_exceptions()
    {
        using var files = new TempFiles();
        VisaException? live = null;
        var path = Record(files, nameof(Recorded_errors_come_back_as_the_same_exceptions), rm =>
        {
            using var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            live = Assert.Throws<VisaException>(() => res.Read());
            return null;
        });
        using var replay = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default));
        using var again = replay.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        var replayed = Assert.Throws<VisaException>(() => again.Read());
        Assert.Equal(live!.Status, replayed.Status);
        Assert.Equal(live.Message, replayed.Message);
    }

    [Fact]
    public void Recorded_timing_is_reproduced_when_asked_and_ignored_by_default()
    {
        using var files = new TempFiles();
        var path = files.File("slow.jsonl");
        File.WriteAllText(path, """
            {"format":"openvisa-session","version":1}
            {"i":0,"t":0,"dur":0,"op":"openRM","rm":1}
            {"i":1,"t":0,"dur":0,"op":"open","rm":1,"resource":"TCPIP0::10.0.0.1::5025::SOCKET","mode":"None","openTimeoutMs":2000,"session":2}
            {"i":2,"t":0,"dur":0.3,"op":"write","session":2,"text":"MEAS?\n","count":6}
            {"i":3,"t":0,"dur":0.3,"op":"read","session":2,"max":100,"text":"1.5\n","status":"VI_SUCCESS_TERM_CHAR"}
            """);
        var library = new ReplayLibrary(path, ReplayOptions.Default with { Timing = ReplayTiming.Recorded, MatchAttributes = false });
        using (var rm = new ResourceManager(library))
        {
            var session = library.Open(rm.Session, "TCPIP0::10.0.0.1::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(2));
            var watch = Stopwatch.StartNew();
            library.Write(session, "MEAS?\n"u8);
            var buffer = new byte[100];
            var result = library.Read(session, buffer);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.55), $"took {watch.Elapsed}");
            Assert.Equal(StatusCode.SuccessTerminationCharacterRead, result.Status);
            Assert.Equal("1.5\n", System.Text.Encoding.ASCII.GetString(buffer, 0, result.Count));
        }
        var fast = new ReplayLibrary(path, ReplayOptions.Default);
        using (var rm = new ResourceManager(fast))
        {
            var session = fast.Open(rm.Session, "TCPIP0::10.0.0.1::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(2));
            var watch = Stopwatch.StartNew();
            fast.Write(session, "MEAS?\n"u8);
            fast.Read(session, new byte[100]);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(0.3), $"took {watch.Elapsed}");
        }
    }

    [Fact]
    public void Several_resources_recorded_together_replay_together()
    {
        using var files = new TempFiles();
        var path = Record(files, nameof(Several_resources_recorded_together_replay_together), rm =>
        {
            var a = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            var b = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
            a.Write("SET a");
            b.Write("SET b");
            return a.Query("GET?") + b.Query("GET?");
        });
        using var replay = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default));
        var a = replay.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        var b = replay.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        a.Write("SET a");
        b.Write("SET b");
        Assert.Equal("a", a.Query("GET?"));
        Assert.Equal("b\n", b.Query("GET?"));
    }

    [Fact]
    public void Per_resource_ordering_lets_resources_interleave_differently()
    {
        using var files = new TempFiles();
        var path = Record(files, nameof(Per_resource_ordering_lets_resources_interleave_differently), rm =>
        {
            var a = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            var b = rm.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
            return a.Query("ECHO 1") + b.Query("ECHO 2");
        });
        using (var strict = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default)))
        {
            var a = strict.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            var b = strict.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
            var e = Assert.Throws<ReplayMismatchException>(() => b.Query("ECHO 2"));
            Assert.Equal(ReplayMismatchKind.Resource, e.Kind);
        }
        using var relaxed = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default with { Ordering = ReplayOrdering.PerResource }));
        var a2 = relaxed.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        var b2 = relaxed.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        Assert.Equal("2\n", b2.Query("ECHO 2"));
        Assert.Equal("1", a2.Query("ECHO 1"));
    }

    [Fact]
    public void Attributes_can_be_served_from_the_replay_instead_of_matched()
    {
        using var files = new TempFiles();
        var path = Record(files, nameof(Attributes_can_be_served_from_the_replay_instead_of_matched), rm =>
        {
            var a = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
            return a.Query("*IDN?");
        });
        using var rm = new ResourceManager(new ReplayLibrary(path, ReplayOptions.Default with { MatchAttributes = false }));
        var res = rm.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        res.Timeout = TimeSpan.FromSeconds(9);
        Assert.Equal(TimeSpan.FromSeconds(9), res.Timeout);
        res.ReadTermination = "\n";
        Assert.Equal("Scripted,Device,0,1.0", res.Query("*IDN?"));
    }
}
