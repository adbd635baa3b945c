using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>User text in SCPI commands is quoted with inner quotes doubled, so it can never become a second command.</summary>
public class ScpiStringTests
{
    [Theory]
    [InlineData("hi", "\"hi\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("a;*RST", "\"a;*RST\"")]
    public void Quote_wraps_the_text_and_doubles_inner_quotes(string text, string expected)
    {
        Assert.Equal(expected, ScpiString.Quote(text));
        Assert.Equal(text, ScpiString.Unquote(expected));
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("plain", "plain")]
    [InlineData("\"", "\"")]
    [InlineData("\"open", "\"open")]
    public void Unquote_handles_single_quotes_and_leaves_unquoted_text_alone(string reply, string expected) =>
        Assert.Equal(expected, ScpiString.Unquote(reply));

    [Fact]
    public void A_line_break_is_refused_with_a_message_that_says_why()
    {
        var e = Assert.Throws<ArgumentException>(() => ScpiString.Quote("one\ntwo"));
        Assert.Contains("line break at character 3", e.Message);
        Assert.Contains("would end the command there", e.Message);
    }

    [Fact]
    public void Display_text_with_a_quote_and_a_second_command_is_sent_as_one_string()
    {
        var device = new FakeDevice { Idn = "Keysight Technologies,34465A,MY0001,A.03" };
        using var dmm = new Keysight3446xA(TestNames.Unique("dmm"), FakeLibrary.Open(device), options: new InstrumentOptions { ReadTermination = "\n" });
        device.ClearLog();
        dmm.Display.Text.Set("hi\";*RST;DISP:TEXT \"x");
        Assert.Equal("DISP:TEXT \"hi\"\";*RST;DISP:TEXT \"\"x\"", device.Received[^1]);
    }

    [Fact]
    public void Display_text_against_the_simulator_does_not_reset_the_meter()
    {
        // The simulator splits messages on ';' outside quotes, as an instrument does: unquoted, this text was "hi",
        // then *RST (trigger count back to 1), then a second DISP:TEXT.
        using var dmm = Simulated.Open<Keysight3446xA>("keysight/34465A");
        dmm.Trigger.Count.Set(7);
        dmm.Display.Text.Set("hi\";*RST;DISP:TEXT \"x");
        dmm.Trigger.Count.InvalidateCache();
        Assert.Equal(7, dmm.Trigger.Count.Get());
        // The simulator reads IEEE 488.2 string data with doubled quotes as one value, so the text reads back whole.
        dmm.Display.Text.InvalidateCache();
        Assert.Equal("hi\";*RST;DISP:TEXT \"x", dmm.Display.Text.Get());
    }

    [Fact]
    public void A_line_break_in_display_text_fails_the_set_and_names_the_parameter()
    {
        var device = new FakeDevice();
        using var dmm = new Keysight3446xA(TestNames.Unique("dmm"), FakeLibrary.Open(device), options: new InstrumentOptions { ReadTermination = "\n" });
        var e = Assert.Throws<ParameterException>(() => dmm.Display.Text.Set("a\nb"));
        Assert.Contains("display_text", e.Message);
        Assert.Contains("line break", e.Message);
    }

    [Fact]
    public void A_quoted_reply_with_doubled_quotes_reads_back_as_the_text()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var text = new Parameter<string>("text", inst) { GetCommand = "TEXT?" };
        device.Values["TEXT"] = "\"say \"\"hi\"\"\"";
        Assert.Equal("say \"hi\"", text.Get());
    }
}
