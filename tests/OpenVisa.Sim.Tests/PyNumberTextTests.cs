using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Tests;

/// <summary>Python's <c>float()</c> and <c>int()</c> on text, as pyvisa-sim applies them to a setter's value (component.py Specs, Property.validate_value).</summary>
public sealed class PyNumberTextTests
{
    [Theory]
    [InlineData("\uff11.\uff15", 1.5)] // full-width digits: float("１.５") == 1.5
    [InlineData("\u0661\u0662", 12.0)] // Arabic-Indic digits
    [InlineData("\U0001D7CF", 1.0)] // MATHEMATICAL BOLD DIGIT ONE, outside the BMP
    [InlineData("\u2003 2.5\u3000", 2.5)] // Unicode spaces around it are stripped
    [InlineData(" 1_000.5 ", 1000.5)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void FloatReadsWhatPythonReads(string text, double expected)
    {
        Assert.True(PyFloat.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\uff11\uff12", 12)]
    [InlineData("\u0967\u0966", 10)] // Devanagari
    [InlineData("+\uff17", 7)]
    public void IntReadsWhatPythonReads(string text, long expected)
    {
        Assert.True(PyInt.TryParse(text, 10, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\u00bd")] // ½ is numeric but not a decimal digit: float("½") raises ValueError
    [InlineData("\u2460")] // ① likewise
    [InlineData("1__0")]
    [InlineData("")]
    [InlineData("\uff11e")]
    public void FloatRefusesWhatPythonRefuses(string text) => Assert.False(PyFloat.TryParse(text, out _));

    [Fact]
    public void IntRefusesANonDecimalNumber() => Assert.False(PyInt.TryParse("\u00b2", 10, out _)); // int("²") raises: ² is category No, not Nd
}
