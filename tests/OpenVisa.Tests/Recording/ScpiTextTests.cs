using System.Text;

namespace OpenVisa.Tests.Recording;

public class ScpiTextTests
{
    [Theory]
    [InlineData("VOLTage", "VOLT")]
    [InlineData("MEASure", "MEAS")]
    [InlineData("IMMediate", "IMM")]
    [InlineData("ERRor", "ERR")]
    [InlineData("OUTPut1", "OUTP")]
    [InlineData("OUTPut2", "OUTP2")]
    [InlineData("CHANnel10", "CHAN10")]
    [InlineData("volt", "VOLT")]
    [InlineData("ERR", "ERR")]
    [InlineData("1.5", "1.5")]
    public void Short_forms_follow_the_SCPI_rule(string mnemonic, string expected) => Assert.Equal(expected, ScpiText.ShortForm(mnemonic));

    [Theory]
    [InlineData(":SOURce:VOLTage:LEVel:IMMediate:AMPLitude 5.0", "sour:volt:lev:imm:ampl +5E0")]
    [InlineData("*IDN?", "*idn?")]
    [InlineData("SYST:ERR?", ":SYSTem:ERRor?\r\n")]
    [InlineData("TRIG:SOUR IMMediate", "trig:sour imm")]
    [InlineData("DISP:TEXT \"Hello World\"", "display:text   \"Hello World\"")]
    [InlineData("VOLT 5;CURR 0.1", "volt 5 ; curr 1e-1")]
    [InlineData("MEAS:VOLT? (@1)", "meas:volt?   (@1)")]
    public void Relaxed_matching_treats_these_as_the_same_message(string recorded, string actual) =>
        Assert.True(ScpiText.SameMessage(Encoding.ASCII.GetBytes(recorded + "\n"), Encoding.ASCII.GetBytes(actual), ReplayMatching.Relaxed));

    [Theory]
    [InlineData("VOLT 5", "VOLT 6")]
    [InlineData("DISP:TEXT \"Hello\"", "DISP:TEXT \"hello\"")]
    [InlineData("OUTP1 ON", "OUTP2 ON")]
    [InlineData("VOLT 5", "CURR 5")]
    [InlineData("MEAS:VOLT?", "MEAS:CURR?")]
    public void Relaxed_matching_still_tells_these_apart(string recorded, string actual) =>
        Assert.False(ScpiText.SameMessage(Encoding.ASCII.GetBytes(recorded), Encoding.ASCII.GetBytes(actual), ReplayMatching.Relaxed));

    [Fact]
    public void Strict_matching_compares_bytes_and_binary_payloads_stay_bytes_under_relaxed()
    {
        Assert.False(ScpiText.SameMessage("volt 5\n"u8, "VOLT 5\n"u8, ReplayMatching.Strict));
        Assert.True(ScpiText.SameMessage("VOLT 5\n"u8, "VOLT 5\n"u8, ReplayMatching.Strict));
        Assert.True(ScpiText.SameMessage("VOLT 5\n"u8, "VOLT 5\r\n"u8, ReplayMatching.Strict, ignoreTermination: true));
        Assert.True(ScpiText.SameMessage([0x23, 0x31, 0x32, 0xFF, 0x0A], [0x23, 0x31, 0x32, 0xFF], ReplayMatching.Relaxed));
        Assert.False(ScpiText.SameMessage([0x23, 0x31, 0x32, 0xFF], [0x23, 0x31, 0x32, 0xFE], ReplayMatching.Relaxed));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("timing=recorded", "timing=recorded")]
    [InlineData("match=relaxed, order=per-resource", "match=relaxed,order=per-resource")]
    [InlineData("attributes=ignore,context=5,timing=ignore", "attributes=ignore,context=5")]
    public void Replay_options_read_and_write_the_spec_form(string text, string canonical)
    {
        var options = ReplayOptions.Parse(text);
        Assert.Equal(canonical, options.ToString());
        Assert.Equal(options, ReplayOptions.Parse(options.ToString()));
    }

    [Fact]
    public void A_replay_spec_carries_its_options()
    {
        Assert.Equal("s.jsonl@replay", RecordReplaySpec.Replay("s.jsonl"));
        Assert.Equal("s.jsonl|match=relaxed@replay", RecordReplaySpec.Replay("s.jsonl", ReplayOptions.Default with { Matching = ReplayMatching.Relaxed }));
        Assert.Equal("s.jsonl|@record", RecordReplaySpec.Record("s.jsonl"));
    }
}
