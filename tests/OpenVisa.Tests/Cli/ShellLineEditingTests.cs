using OpenVisa.Cli.Shell;

namespace OpenVisa.Tests.Cli;

/// <summary>The shell's editing keys and Tab completion, as rules; ShellTerminalTests press the same keys on a terminal.</summary>
public class ShellLineEditingTests
{
    private static LineBuffer Typed(string text)
    {
        var line = new LineBuffer();
        foreach (var c in text)
            line.Insert(c);
        return line;
    }

    [Fact]
    public void Home_and_end_move_the_cursor_so_typing_lands_there()
    {
        var line = Typed("IDN?");
        line.Home();
        line.Insert('*');
        Assert.Equal("*IDN?", line.Text);
        Assert.Equal(1, line.Cursor);
        line.End();
        line.Insert(' ');
        Assert.Equal("*IDN? ", line.Text);
    }

    [Fact]
    public void Erase_to_start_keeps_what_follows_the_cursor()
    {
        var line = Typed("junk*IDN?");
        for (var i = 0; i < 5; i++)
            line.Left();
        line.EraseToStart();
        Assert.Equal("*IDN?", line.Text);
        Assert.Equal(0, line.Cursor);
    }

    [Theory]
    [InlineData("write VOLT 5", "write VOLT ")]
    [InlineData("write VOLT   ", "write ")]
    [InlineData("*RST", "")]
    [InlineData("", "")]
    public void Erase_word_removes_the_word_before_the_cursor_and_the_spaces_after_it(string typed, string left)
    {
        var line = Typed(typed);
        line.EraseWordBefore();
        Assert.Equal(left, line.Text);
        Assert.Equal(left.Length, line.Cursor);
    }

    [Fact]
    public void Backspace_and_delete_at_the_ends_of_the_line_change_nothing()
    {
        var line = Typed("ab");
        line.Delete();
        Assert.Equal("ab", line.Text);
        line.Home();
        line.Backspace();
        Assert.Equal("ab", line.Text);
        line.Delete();
        Assert.Equal("b", line.Text);
    }

    [Fact]
    public void One_match_completes_the_line_in_the_candidate_s_spelling()
    {
        var (line, matches) = LineCompletion.Complete("*id", [".help ", "*IDN?", "MEAS:VOLT?"]);
        Assert.Equal("*IDN?", line);
        Assert.Empty(matches);
    }

    [Fact]
    public void Several_matches_extend_the_line_to_what_they_share()
    {
        var (line, matches) = LineCompletion.Complete("MEAS", ["MEAS:VOLT:DC?", "MEAS:VOLT:AC?"]);
        Assert.Equal("MEAS:VOLT:", line);
        Assert.Empty(matches);
    }

    [Fact]
    public void Several_matches_that_share_nothing_more_are_listed_and_the_line_kept()
    {
        var (line, matches) = LineCompletion.Complete(".re", [".read ", ".record ", ".read "]);
        Assert.Equal(".re", line);
        Assert.Equal([".read ", ".record "], matches);
    }

    [Fact]
    public void No_match_leaves_the_line_as_typed()
    {
        var (line, matches) = LineCompletion.Complete("SYST", ["*IDN?"]);
        Assert.Equal("SYST", line);
        Assert.Empty(matches);
    }

    [Fact]
    public void Every_shell_command_is_offered_with_its_dot_and_named_in_help()
    {
        Assert.Contains(".clear", ShellCommandNames.All);
        Assert.Contains(".open", ShellCommandNames.All);
        Assert.All(ShellCommandNames.All, name => Assert.Contains(name, ShellCommandNames.Help, StringComparison.Ordinal));
    }
}
