using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Tests;

public class StringParserTests
{
    private static PyValue? Parse(string pattern, string text)
    {
        var parser = StringParserPattern.Parse(pattern);
        Span<Range> captures = stackalloc Range[4];
        return parser.TryMatch(text, captures) ? parser.Convert(0, text.AsSpan()[captures[0]]) : null;
    }

    [Theory]
    [InlineData("!FREQ 10.3", 10.3)]
    [InlineData("!FREQ 50", 50.0)]
    [InlineData("!FREQ 5.0", 5.0)]
    [InlineData("!FREQ -5.0", -5.0)]
    public void FloatFieldsTakeWhatStringparserTakes(string text, double expected)
    {
        var value = Parse("!FREQ {:.2f}", text);
        Assert.NotNull(value);
        Assert.Equal(PyKind.Float, value.Value.Kind);
        Assert.Equal(expected, value.Value.Real);
    }

    [Theory]
    [InlineData("!FREQ {:.2f}", "!FREQ 5")]
    [InlineData("!FREQ {:.2f}", "!FREQ 1e3")]
    [InlineData("!FREQ {:.2f}", "!FREQ .5")]
    [InlineData("!FREQ {:.2f}", "!FREQ 5.")]
    [InlineData("!WVF {:d}", "!WVF 1.0")]
    [InlineData("!E {:e}", "!E 1.5E3")]
    [InlineData("!S {:+.2f}", "!S 5.00")]
    [InlineData("!FREQ {:.2f}", "!freq 10.0")]
    [InlineData("!FREQ {:.2f}", "!FREQ  10.0")]
    public void QuirksAreKept(string pattern, string text) => Assert.Null(Parse(pattern, text));

    [Theory]
    [InlineData("!WVF {:d}", "!WVF 23", "int", "23")]
    [InlineData("!WVF {:d}", "!WVF -2", "int", "-2")]
    [InlineData("!X {:x}", "!X ff", "int", "255")]
    [InlineData("!X {:#x}", "!X 0x1f", "int", "31")]
    [InlineData("!B {:b}", "!B 101", "int", "5")]
    [InlineData("!E {:e}", "!E 15e3", "float", "15000.0")]
    [InlineData("!G {:g}", "!G 1.5E-3", "float", "0.0015")]
    [InlineData("!P {:%}", "!P 12.5%", "float", "0.125")]
    [InlineData("!S {:+.2f}", "!S +5.00", "float", "5.0")]
    [InlineData("!T {}", "!T anything at all", "str", "anything at all")]
    [InlineData("!T {:s}", "!T ", "str", "")]
    [InlineData("INST {:s}", "INST P25V", "str", "P25V")]
    [InlineData("!U {}", "!U µs", "str", "µs")]
    public void FieldsConvertByType(string pattern, string text, string kind, string shown)
    {
        var latin1 = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(text));
        var value = Parse(pattern, latin1);
        Assert.NotNull(value);
        Assert.Equal(kind, value.Value.TypeName);
        Assert.Equal(shown, value.Value.ToString());
    }

    [Fact]
    public void NamedChannelFieldAndValue()
    {
        var parser = StringParserPattern.Parse("CH {ch_id}:VOLT {:.3f}");
        Assert.Equal(["ch_id", "0"], parser.FieldNames);
        Span<Range> captures = stackalloc Range[2];
        const string text = "CH 2:VOLT 2.0";
        Assert.True(parser.TryMatch(text, captures));
        Assert.Equal("2", text[captures[0]]);
        Assert.Equal(2.0, parser.Convert(1, text.AsSpan()[captures[1]]).Real);
    }

    [Fact]
    public void ATrailingLineFeedIsAllowedAsPythonsDollarAllows()
    {
        Assert.NotNull(Parse("!FREQ {:.2f}", "!FREQ 10.5\n"));
    }

    [Fact]
    public void AnUnknownTypeLetterReadsAsTextAsInStringparserWithANote()
    {
        var parser = StringParserPattern.Parse("RANG {:q}");
        Span<Range> captures = stackalloc Range[1];
        Assert.True(parser.TryMatch("RANG anything", captures));
        Assert.Contains(parser.Notes, n => n.Contains("'q'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("RANG {:ff}", "ff is not an valid type")]
    [InlineData("RANG {:#d}", "Alternate form (#) not allowed in d type")]
    [InlineData("RANG {", "expected '}' before end of string")]
    [InlineData("RANG }", "Single '}'")]
    public void BadPatternsSayWhy(string pattern, string message)
    {
        var error = Assert.Throws<FormatException>(() => StringParserPattern.Parse(pattern));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
