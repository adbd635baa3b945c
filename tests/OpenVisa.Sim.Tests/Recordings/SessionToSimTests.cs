using System.Text;

namespace OpenVisa.Sim.Tests.Recordings;

public class SessionToSimTests
{
    /// <summary>A session file with one SOCKET resource and the given (write, reply) pairs; a null reply is a command, "TMO" a timeout.</summary>
    internal static SessionLog Log(params (string Write, string? Reply)[] exchanges)
    {
        var lines = new List<string>
        {
            """{"format":"openvisa-session","version":1}""",
            """{"i":0,"op":"openRM","rm":1}""",
            """{"i":1,"op":"parse","rm":1,"resource":"TCPIP::10.0.0.5::5025::SOCKET","info":{"interface":"Tcpip","board":0,"class":"SOCKET","name":"TCPIP0::10.0.0.5::5025::SOCKET"}}""",
            """{"i":2,"op":"open","rm":1,"resource":"TCPIP::10.0.0.5::5025::SOCKET","mode":"None","openTimeoutMs":2000,"session":7}""",
        };
        var i = 3;
        foreach (var (write, reply) in exchanges)
        {
            lines.Add($$"""{"i":{{i++}},"op":"write","session":7,"base64":"{{Convert.ToBase64String(Encoding.Latin1.GetBytes(write + "\n"))}}"}""");
            if (reply == "TMO")
                lines.Add($$$"""{"i":{{{i++}}},"op":"read","session":7,"max":20480,"error":{"status":"VI_ERROR_TMO"}}""");
            else if (reply is not null)
                lines.Add($$"""{"i":{{i++}},"op":"read","session":7,"max":20480,"base64":"{{Convert.ToBase64String(Encoding.Latin1.GetBytes(reply + "\n"))}}","status":"VI_SUCCESS_TERM_CHAR"}""");
        }
        lines.Add($$"""{"i":{{i}},"op":"close","session":7}""");
        return SessionLog.Parse(string.Join('\n', lines) + "\n", "bench.jsonl");
    }

    [Fact]
    public void Queries_become_dialogues_and_commands_dialogues_without_reply()
    {
        var sim = SessionToSim.Convert(Log(("*IDN?", "ACME,X1,42,1.0"), ("*RST", null), ("MEAS?", "TMO")));
        Assert.Contains("spec: \"1.1\"", sim.Yaml);
        Assert.Contains("    eom:\n      TCPIP SOCKET:\n        q: \"\\n\"\n        r: \"\\n\"\n", sim.Yaml);
        Assert.Contains("      - q: \"*IDN?\"\n        r: \"ACME,X1,42,1.0\"\n", sim.Yaml);
        Assert.Contains("      - q: \"*RST\"\n      - q: \"MEAS?\"\n", sim.Yaml);
        Assert.Contains("resources:\n  \"TCPIP0::10.0.0.5::5025::SOCKET\":\n    device: device1\n", sim.Yaml);
        Assert.Empty(sim.Notes);
    }

    [Fact]
    public void A_setting_and_its_query_become_a_property_printed_as_the_instrument_did()
    {
        var sim = SessionToSim.Convert(Log(("VOLT 5", null), ("VOLT?", "+5.00000000E+00"), ("VOLT 2.5", null), ("VOLT?", "+2.50000000E+00")));
        Assert.Contains("""
                  volt:
                    default: "5"
                    getter:
                      q: "VOLT?"
                      r: "{:+.8E}"
                    setter:
                      q: "VOLT {}"
                    specs:
                      type: float
            """.Replace("\r\n", "\n"), sim.Yaml);
        Assert.DoesNotContain("dialogues", sim.Yaml);
    }

    [Fact]
    public void A_text_setting_becomes_a_property_without_specs_and_a_query_before_any_setting_gives_the_default()
    {
        var sim = SessionToSim.Convert(Log(("FUNC?", "SQU"), ("FUNC SIN", null), ("FUNC?", "SIN")));
        Assert.Contains("      func:\n        default: \"SQU\"\n        getter:\n          q: \"FUNC?\"\n          r: \"{}\"\n        setter:\n          q: \"FUNC {}\"\n", sim.Yaml);
        Assert.DoesNotContain("specs", sim.Yaml);
    }

    [Theory]
    [InlineData("FREQ 1000", "FREQ?", "1000.000000", "{:.6f}")]
    [InlineData("COUN 3", "COUN?", "+3", "{:+d}")]
    [InlineData("LEV -1.5", "LEV?", "-1.500e+00", "{:.3e}")]
    public void Number_formats_are_inferred_from_the_replies(string set, string get, string reply, string format)
    {
        var sim = SessionToSim.Convert(Log((set, null), (get, reply)));
        Assert.Contains($"r: \"{format}\"", sim.Yaml);
    }

    [Fact]
    public void A_query_that_does_not_follow_its_setting_stays_a_dialogue()
    {
        var sim = SessionToSim.Convert(Log(("OUTP ON", null), ("OUTP?", "1"), ("MEAS:VOLT 5", null), ("MEAS:VOLT?", "4.998")));
        Assert.DoesNotContain("properties", sim.Yaml);
        Assert.Contains("- q: \"OUTP ON\"", sim.Yaml);
        Assert.Contains("- q: \"OUTP?\"\n        r: \"1\"", sim.Yaml);
        Assert.Contains("- q: \"MEAS:VOLT?\"\n        r: \"4.998\"", sim.Yaml);
    }

    [Fact]
    public void Binary_replies_go_in_BYTES_segments()
    {
        var reply = "#15\x00\x01)\xff\\n";
        var sim = SessionToSim.Convert(Log(("CURV?", reply)));
        Assert.Contains("r: \"BYTES(#15\\x00\\x01))BYTES(\\xff\\\\)BYTES(n)\"", sim.Yaml);
    }

    [Fact]
    public void Queries_answered_several_ways_keep_the_first_answer_and_say_so()
    {
        var sim = SessionToSim.Convert(Log(("MEAS?", "1.01"), ("MEAS?", "1.02")));
        Assert.Contains("- q: \"MEAS?\"\n        r: \"1.01\"", sim.Yaml);
        var note = Assert.Single(sim.Notes);
        Assert.Contains("'MEAS?' was answered 2 different ways", note);
        Assert.Contains("the simulator always gives the first answer", note);
    }

    [Fact]
    public void Writes_holding_semicolons_are_matched_whole_with_a_spare_delimiter()
    {
        var sim = SessionToSim.Convert(Log(("VOLT 5;VOLT?", "5")));
        Assert.Contains("    delimiter: \"\\x1f\"\n", sim.Yaml);
        Assert.Contains("- q: \"VOLT 5;VOLT?\"\n        r: \"5\"", sim.Yaml);
        Assert.Contains(sim.Notes, n => n.Contains("writes hold ';', so each is matched whole"));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x42 })]
    [InlineData(new byte[] { 0x00, 0x29, 0x29, 0x5C, 0x6E, 0x5C, 0x72, 0xFF })]
    [InlineData(new byte[] { (byte)' ', (byte)'x', (byte)' ' })]
    [InlineData(new byte[] { (byte)'R', (byte)'A', (byte)'N', (byte)'D', (byte)'O', (byte)'M', 0x80 })]
    [InlineData(new byte[] { (byte)'B', (byte)'Y', (byte)'T', (byte)'E', (byte)'S', (byte)'(', (byte)'x', (byte)')' })]
    [InlineData(new byte[] { 0xC2, 0xB5, (byte)'V' })]
    [InlineData(new byte[] { (byte)')' })]
    [InlineData(new byte[] { })]
    public void Sim_strings_give_back_the_exact_bytes_under_pyvisa_sim_rules(byte[] data)
    {
        var text = SimYamlText.SimString(data);
        Assert.DoesNotContain("RANDOM", text);
        Assert.Equal(data, PyVisaSimBytes(text));
    }

    /// <summary>pyvisa-sim's reading of a query or reply: \r and \n escapes, BYTES(...) as Latin-1, the rest UTF-8, spaces at the ends stripped.</summary>
    private static byte[] PyVisaSimBytes(string text)
    {
        text = text.Trim(' ').Replace("\\r", "\r").Replace("\\n", "\n");
        var output = new List<byte>();
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf("BYTES(", at, StringComparison.Ordinal);
            var close = start < 0 ? -1 : text.IndexOf(')', start + 6);
            if (start < 0 || close <= start + 6)
            {
                output.AddRange(Encoding.UTF8.GetBytes(text[at..]));
                break;
            }
            output.AddRange(Encoding.UTF8.GetBytes(text[at..start]));
            output.AddRange(Encoding.Latin1.GetBytes(text[(start + 6)..close]));
            at = close + 1;
        }
        return [.. output];
    }
}
