using OpenVisa.Tests.Support;

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
}
