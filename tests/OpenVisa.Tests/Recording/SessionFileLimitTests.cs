using OpenVisa.Tests.Cli;

namespace OpenVisa.Tests.Recording;

/// <summary>Issue 18, item 21: times and durations a replay cannot use are reported with the file and line.</summary>
public sealed class SessionFileLimitTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Header = "{\"format\":\"openvisa-session\",\"version\":1}\n";

    [Theory]
    [InlineData("1e9", "\"dur\" is 1000000000; it must be a number of seconds from 0 to 1000000")]
    [InlineData("-1", "\"dur\" is -1; it must be a number of seconds from 0 to 1000000")]
    [InlineData("1e400", "\"dur\" is ")]
    public void A_duration_a_replay_cannot_wait_names_its_line(string duration, string message)
    {
        var file = _files.File("dur.jsonl");
        File.WriteAllText(file, Header + "{\"i\":0,\"t\":0,\"dur\":0,\"op\":\"openRM\",\"rm\":1}\n{\"i\":1,\"t\":0,\"dur\":" + duration + ",\"op\":\"openRM\",\"rm\":1}\n");
        var error = Assert.Throws<InvalidDataException>(() => SessionLog.Load(file));
        Assert.Contains("dur.jsonl line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    // Found by the session-file fuzz target: a version or an operation number of another JSON type threw
    // InvalidOperationException out of the parser instead of a located error.
    [Theory]
    [InlineData("{\"format\":\"openvisa-session\",\"version\":\"2026-12-06\"}\n", "x.jsonl line 1: the header's version is \"2026-12-06\", not a whole number.")]
    [InlineData("{\"format\":\"openvisa-session\",\"version\":1.5}\n", "x.jsonl line 1: the header's version is 1.5, not a whole number.")]
    [InlineData(Header + "{\"i\":\"zero\",\"t\":0,\"dur\":0,\"op\":\"openRM\",\"rm\":1}\n", "x.jsonl line 2: the operation's number \"i\" is \"zero\", not a whole number.")]
    [InlineData(Header + "{\"i\":[0],\"t\":0,\"dur\":0,\"op\":\"openRM\",\"rm\":1}\n", "x.jsonl line 2: the operation's number \"i\" is [0], not a whole number.")]
    public void A_header_version_or_operation_number_that_is_not_a_whole_number_names_its_line(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => SessionLog.Parse(text, "x.jsonl"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Replay_with_recorded_timing_reports_a_huge_duration_as_bad_input()
    {
        var file = _files.File("huge.jsonl");
        File.WriteAllText(file, Header + "{\"i\":0,\"t\":0,\"dur\":1e9,\"op\":\"openRM\",\"rm\":1}\n");
        var run = CliRun.Of("replay", file, "--timing", "recorded", "--", "list");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("huge.jsonl line 2: \"dur\" is 1000000000", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("2147483647", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PyTestLab_timestamp_that_is_infinite_names_its_entry()
    {
        var file = _files.File("stamp.yaml");
        File.WriteAllText(file, "dmm:\n  profile: x.yaml\n  log:\n    - type: write\n      command: \"*RST\"\n      timestamp: 1e999999\n");
        var run = CliRun.Of("replay", file, "--", "list");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stamp.yaml: dmm log entry 1: the timestamp '1e999999' is not a number of seconds (finite, from 0).", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON", run.Error, StringComparison.Ordinal);
    }
}
