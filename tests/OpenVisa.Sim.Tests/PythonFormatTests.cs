using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Tests;

// Expected texts were produced by CPython 3.11's str.format.
public class PythonFormatTests
{
    private static string F(string template, PyValue value) => PyFormatTemplate.Parse(template).Format(value);

    [Theory]
    [InlineData("{:.3}", 100.0, "1e+02")]
    [InlineData("{:.3}", 1234.5, "1.23e+03")]
    [InlineData("{:.3}", 1.0, "1.0")]
    [InlineData("{:.3}", 0.5, "0.5")]
    [InlineData("{:.4}", 123.0, "123.0")]
    [InlineData("{}", 1e16, "1e+16")]
    [InlineData("{}", 1e15, "1000000000000000.0")]
    [InlineData("{}", 1e-5, "1e-05")]
    [InlineData("{}", 0.0001, "0.0001")]
    [InlineData("{}", -0.0, "-0.0")]
    [InlineData("{}", 0.1, "0.1")]
    [InlineData("{:10}", 1.0, "       1.0")]
    [InlineData("{:+.8E}", 1.0, "+1.00000000E+00")]
    [InlineData("{:+.8E}", 2.0, "+2.00000000E+00")]
    [InlineData("{:g}", 1e-5, "1e-05")]
    [InlineData("{:g}", 123456789.0, "1.23457e+08")]
    [InlineData("{:g}", 0.0001, "0.0001")]
    [InlineData("{:g}", -0.0, "-0")]
    [InlineData("{:.2g}", 0.000123456, "0.00012")]
    [InlineData("{:#g}", 1.0, "1.00000")]
    [InlineData("{:.3g}", 100.0, "100")]
    [InlineData("{:#.3g}", 100.0, "100.")]
    [InlineData("{:.17g}", 0.1, "0.10000000000000001")]
    [InlineData("{:G}", 1e20, "1E+20")]
    [InlineData("{:.0f}", 0.5, "0")]
    [InlineData("{:.2f}", 2.675, "2.67")]
    [InlineData("{:.2f}", 0.125, "0.12")]
    [InlineData("{:.0e}", 12345.0, "1e+04")]
    [InlineData("{:.0}", 1.5, "2e+00")]
    [InlineData("{:.0}", 2.5, "2e+00")]
    [InlineData("{:#.0f}", 3.0, "3.")]
    [InlineData("{:#.0e}", 3.0, "3.e+00")]
    [InlineData("{:,.2f}", 1234567.891, "1,234,567.89")]
    [InlineData("{:_}", 1234567.125, "1_234_567.125")]
    [InlineData("{:z.1f}", -0.01, "0.0")]
    [InlineData("{:.1f}", -0.01, "-0.0")]
    [InlineData("{:%}", 0.25, "25.000000%")]
    [InlineData("{:.1%}", 0.125, "12.5%")]
    [InlineData("{:=+8.2f}", 3.14159, "+   3.14")]
    [InlineData("{:08.3f}", 3.14159, "0003.142")]
    [InlineData("{:F}", double.PositiveInfinity, "INF")]
    [InlineData("{:+}", double.NaN, "+nan")]
    [InlineData("{:010}", double.NegativeInfinity, "-000000inf")]
    [InlineData("{:.3e}", double.NaN, "nan")]
    [InlineData("V={:.3f} V", 1.5, "V=1.500 V")]
    [InlineData("{0:.1f}/{0:.2f}", 1.25, "1.2/1.25")]
    public void Floats(string template, double value, string expected) => Assert.Equal(expected, F(template, PyValue.Float(value)));

    [Theory]
    [InlineData("{:d}", 42L, "42")]
    [InlineData("{:e}", 0L, "0.000000e+00")]
    [InlineData("{:f}", 3L, "3.000000")]
    [InlineData("{:n}", 1234567L, "1234567")]
    [InlineData("{:010,}", 1234L, "00,001,234")]
    [InlineData("{:08,}", 1234L, "0,001,234")]
    [InlineData("{:09,}", 1234L, "0,001,234")]
    [InlineData("{:,}", -1234567L, "-1,234,567")]
    [InlineData("{:#x}", 255L, "0xff")]
    [InlineData("{:#010x}", 255L, "0x000000ff")]
    [InlineData("{:#06x}", 255L, "0x00ff")]
    [InlineData("{:_b}", 255L, "1111_1111")]
    [InlineData("{:X}", 48879L, "BEEF")]
    [InlineData("{:o}", 8L, "10")]
    [InlineData("{:c}", 65L, "A")]
    [InlineData("{: d}", 5L, " 5")]
    [InlineData("{:x}", -255L, "-ff")]
    [InlineData("{:+d}", 7L, "+7")]
    [InlineData("{:^7d}", 42L, "  42   ")]
    [InlineData("{}", 12L, "12")]
    public void Integers(string template, long value, string expected) => Assert.Equal(expected, F(template, PyValue.Int(value)));

    [Theory]
    [InlineData("{:05}", "ab", "ab000")]
    [InlineData("{:*^9}", "mid", "***mid***")]
    [InlineData("{:>6.2s}", "abcdef", "    ab")]
    [InlineData("{!r}", "it's", "\"it's\"")]
    [InlineData("{!r}", "a\"b'c", "'a\"b\\'c'")]
    [InlineData("{:s}", "P6V", "P6V")]
    [InlineData("\"{}\"", "VOLT", "\"VOLT\"")]
    [InlineData("{{{}}}", "x", "{x}")]
    public void Text(string template, string value, string expected) => Assert.Equal(expected, F(template, PyValue.Str(value)));

    [Theory]
    [InlineData("{:d}", "float", "Unknown format code 'd' for object of type 'float'")]
    [InlineData("{:s}", "int", "Unknown format code 's' for object of type 'int'")]
    [InlineData("{:.2d}", "int", "Precision not allowed in integer format specifier")]
    [InlineData("{:+s}", "str", "Sign not allowed in string format specifier")]
    [InlineData("{:=5}", "str", "'=' alignment not allowed in string format specifier")]
    [InlineData("{:#s}", "str", "Alternate form (#) not allowed in string format specifier")]
    [InlineData("{:,x}", "int", "Cannot specify ',' with 'x'.")]
    [InlineData("{:z}", "int", "Negative zero coercion (z) not allowed in integer format specifier")]
    [InlineData("{:q}", "float", "Unknown format code 'q' for object of type 'float'")]
    [InlineData("{:.2f}", "str", "Unknown format code 'f' for object of type 'str'")]
    public void ValueErrorsSayWhatPythonSays(string template, string type, string message)
    {
        var value = type switch { "int" => PyValue.Int(1), "float" => PyValue.Float(1.0), _ => PyValue.Str("a") };
        var error = Assert.Throws<FormatException>(() => F(template, value));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{}}", "Single '}' encountered in format string")]
    [InlineData("{", "Single '{' encountered in format string")]
    [InlineData("{:,_}", "Cannot specify both ',' and '_'.")]
    [InlineData("{1}", "Replacement index 1 out of range")]
    [InlineData("{a}", "KeyError: 'a'")]
    [InlineData("{}{0}", "cannot switch from automatic field numbering to manual field specification")]
    [InlineData("{:.}", "Format specifier missing precision")]
    public void MalformedTemplatesAreRejectedWhenParsed(string template, string message)
    {
        var error = Assert.Throws<FormatException>(() => PyFormatTemplate.Parse(template));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100.0")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(123456789012345680.0, "1.2345678901234568e+17")]
    [InlineData(2000000000.0, "2000000000.0")]
    public void ReprIsPythons(double value, string expected) => Assert.Equal(expected, PyFloat.Repr(value));
}
