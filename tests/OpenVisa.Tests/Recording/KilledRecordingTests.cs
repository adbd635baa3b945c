using System.Diagnostics;

namespace OpenVisa.Tests.Recording;

public class KilledRecordingTests
{
    private const string Echo = "TCPIP0::echo.invalid::1::SOCKET";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_recording_process_killed_mid_session_leaves_a_file_that_replays_up_to_the_kill()
    {
        using var files = new TempFiles();
        var session = files.File("killed.jsonl");
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(folder, "ovisa.dll"), "record", "--to", session, "--", "shell", Echo, "-b", "killed@echo" })
            start.ArgumentList.Add(arg);
        start.Environment[BackendRegistry.BackendPathVariable] = Path.Combine(folder, "plugins");
        using var process = Process.Start(start)!;
        try
        {
            for (var n = 1; n <= 5; n++)
            {
                await process.StandardInput.WriteLineAsync($"Q{n}?");
                await process.StandardInput.FlushAsync();
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Wait);
                Assert.Equal($"Q{n}?", line);
            }
        }
        finally
        {
            // The recorder gets no chance to close anything.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Wait);
        }

        var log = SessionLog.Load(session);
        Assert.False(log.Truncated);
        Assert.DoesNotContain(log.Operations, o => o.Op is SessionOps.Close or SessionOps.CloseResourceManager);
        Assert.Equal(5, log.Operations.Count(o => o.Op == SessionOps.Write));

        using var rm = new ResourceManager(new ReplayLibrary(log));
        var echo = rm.Open<MessageBasedResource>(Echo);
        for (var n = 1; n <= 5; n++)
            Assert.Equal($"Q{n}?", echo.Query($"Q{n}?"));
        var e = Assert.Throws<ReplayMismatchException>(() => echo.Query("Q6?"));
        Assert.Equal(ReplayMismatchKind.Exhausted, e.Kind);
        Assert.Contains("all", e.Message);
        Assert.Contains("recorded operations have been replayed", e.Message);
    }

    [Fact]
    public void A_line_cut_off_by_the_kill_is_dropped_and_the_rest_replays()
    {
        using var files = new TempFiles();
        var path = files.File("cut.jsonl");
        File.WriteAllText(path, """
            {"format":"openvisa-session","version":1}
            {"i":0,"t":0,"dur":0,"op":"openRM","rm":1}
            {"i":1,"t":0,"dur":0,"op":"open","rm":1,"resource":"TCPIP0::10.0.0.1::5025::SOCKET","mode":"None","openTimeoutMs":2000,"session":2}
            {"i":2,"t":0,"dur":0,"op":"write","session":2,"text":"A?\n","count":3}
            {"i":3,"t":0,"dur":0,"op":"read","session":2,"max":100,"text":"1\n","status":"VI_SUCCESS_TERM_CHAR"}
            {"i":4,"t":0,"dur":0,"op":"write","session":2,"te
            """);
        var log = SessionLog.Load(path);
        Assert.True(log.Truncated);
        Assert.Equal(4, log.Operations.Count);
        var library = new ReplayLibrary(log, ReplayOptions.Default with { MatchAttributes = false });
        var rm = new ResourceManager(library);
        var session = library.Open(rm.Session, "TCPIP0::10.0.0.1::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(1));
        library.Write(session, "A?\n"u8);
        Assert.Equal(2, library.Read(session, new byte[10]).Count);
        var e = Assert.Throws<ReplayMismatchException>(() => library.Write(session, "B?\n"u8));
        Assert.Contains("the file's last line was cut off: the recording stopped there", e.Message);
    }

    [Fact]
    public void A_broken_line_in_the_middle_is_an_error_naming_it()
    {
        var e = Assert.Throws<InvalidDataException>(() => SessionLog.Parse("{\"format\":\"openvisa-session\"}\n{\"op\":\"write\",\n{\"op\":\"read\"}\n", "mid.jsonl"));
        Assert.StartsWith("mid.jsonl line 2: not a JSON object", e.Message);
    }

    [Theory]
    [InlineData("{\"format\":\"other\"}\n", "the header says format \"other\", expected \"openvisa-session\"")]
    [InlineData("{\"format\":\"openvisa-session\",\"version\":9}\n", "version 9 of the session format; this OpenVisa reads up to version 1")]
    [InlineData("{\"i\":0,\"t\":1}\n", "the line has no \"op\" naming the operation")]
    [InlineData("[1,2]\n{\"op\":\"x\"}\n", "expected a JSON object")]
    [InlineData("{\"op\":\"read\",\"base64\":\"%%%\"}\n{\"op\":\"x\"}\n", "'base64' holds \"%%%\", which is not base64")]
    [InlineData("{\"op\":\"read\",\"error\":{\"status\":\"VI_ERROR_NOPE\"}}\n{\"op\":\"x\"}\n", "the error status 'VI_ERROR_NOPE' is not a VISA status name")]
    [InlineData("  \n", "is empty")]
    public void Bad_session_files_say_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => SessionLog.Parse(text, "bad.jsonl"));
        Assert.Contains(message, e.Message);
    }
}
