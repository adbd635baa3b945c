namespace OpenVisa.Tests.Formatting;

public class AsciiValuesFormatTests
{
    [Fact]
    public void Reals_use_the_shortest_round_trip_form_in_the_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("0.1,1E+20,-2.5,0.3333333333333333,0", AsciiValues.Format<double>([0.1, 1e20, -2.5, 1 / 3.0, 0]));
            Assert.Equal("0.1,3.4028235E+38", AsciiValues.Format<float>([0.1f, float.MaxValue]));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Random_doubles_and_floats_round_trip_exactly()
    {
        var random = new Random(42);
        var doubles = Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())).Where(double.IsFinite).ToArray();
        var floats = Enumerable.Range(0, 2000).Select(_ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next() << 1))).Where(float.IsFinite).ToArray();
        Assert.Equal(doubles, AsciiValues.Parse<double>(AsciiValues.Format<double>(doubles)));
        Assert.Equal(floats, AsciiValues.Parse<float>(AsciiValues.Format<float>(floats)));
    }

    [Fact]
    public void Non_finite_values_use_scpi_mnemonics_and_read_back()
    {
        var text = AsciiValues.Format<double>([double.NaN, double.PositiveInfinity, double.NegativeInfinity]);
        Assert.Equal("NAN,INF,-INF", text);
        var back = AsciiValues.Parse<double>(text);
        Assert.True(double.IsNaN(back[0]));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], back[1..]);
        Assert.Equal("NAN", AsciiValues.Format<double>([double.NaN], ",", "F3"));
    }

    [Fact]
    public void Integers_booleans_and_strings_have_plain_forms()
    {
        Assert.Equal("-42,0,7", AsciiValues.Format<int>([-42, 0, 7]));
        Assert.Equal("18446744073709551615", AsciiValues.Format<ulong>([ulong.MaxValue]));
        Assert.Equal("1,0", AsciiValues.Format<bool>([true, false]));
        Assert.Equal("VOLT,CURR", AsciiValues.Format<string>(["VOLT", "CURR"]));
        Assert.Equal("", AsciiValues.Format<double>([]));
    }

    [Fact]
    public void A_dotnet_format_string_and_separator_apply_to_each_value()
    {
        Assert.Equal("1.500; -2.000", AsciiValues.Format<double>([1.5, -2], "; ", "F3"));
        Assert.Equal("0010 0255", AsciiValues.Format<int>([10, 255], " ", "D4"));
    }

    [Fact]
    public void PyVisa_converters_match_printf_output()
    {
        Assert.Equal("1.000000,-2.500000", AsciiValues.Format<double>([1, -2.5], AsciiConverter.Fixed));
        Assert.Equal("3.000000", AsciiValues.Format<int>([3], AsciiConverter.Fixed));
        Assert.Equal("1.234500e+03,-1.000000e-05", AsciiValues.Format<double>([1234.5, -1e-5], AsciiConverter.Exponential));
        Assert.Equal("1.23457e+06,0.0001,1e-05,100000,1.5", AsciiValues.Format<double>([1234567.0, 0.0001, 1e-5, 100000, 1.5], AsciiConverter.General));
        Assert.Equal("2,0,-2,100000000000000000000", AsciiValues.Format<double>([2.7, -0.5, -2.7, 1e20], AsciiConverter.Integer));
        Assert.Equal("42", AsciiValues.Format<long>([42], AsciiConverter.Integer));
        Assert.Equal("ff,-ff,0", AsciiValues.Format<int>([255, -255, 0], AsciiConverter.Hexadecimal));
        Assert.Equal("ffffffffffffffff", AsciiValues.Format<ulong>([ulong.MaxValue], AsciiConverter.Hexadecimal));
        Assert.Equal("10,-17", AsciiValues.Format<short>([8, -15], AsciiConverter.Octal));
        Assert.Equal("101,-10000000", AsciiValues.Format<sbyte>([5, sbyte.MinValue], AsciiConverter.Binary));
        Assert.Equal("1,0", AsciiValues.Format<bool>([true, false], AsciiConverter.Integer));
        Assert.Equal("a,b", AsciiValues.Format<string>(["a", "b"], AsciiConverter.String));
    }

    [Fact]
    public void Converter_output_reads_back_with_the_same_converter()
    {
        int[] values = [0, 1, -1, 255, int.MinValue, int.MaxValue];
        foreach (var converter in new[] { AsciiConverter.Integer, AsciiConverter.Hexadecimal, AsciiConverter.Octal, AsciiConverter.Binary })
        {
            Assert.Equal(values, AsciiValues.Parse<int>(AsciiValues.Format<int>(values, converter), converter));
        }
    }

    [Fact]
    public void Mismatched_converters_and_values_are_argument_errors()
    {
        Assert.Contains("The Hexadecimal converter does not apply to values of type Double",
            Assert.Throws<ArgumentException>(() => AsciiValues.Format<double>([1.5], AsciiConverter.Hexadecimal)).Message);
        Assert.Contains("Value 1 (NaN) has no integer form",
            Assert.Throws<ArgumentException>(() => AsciiValues.Format<double>([1, double.NaN], AsciiConverter.Integer)).Message);
        Assert.Throws<ArgumentException>(() => AsciiValues.Format<decimal>([1m]));
        Assert.Throws<FormatException>(() => AsciiValues.Format<double>([1.5], ",", "Q"));
    }

    [Fact]
    public void Long_output_grows_past_the_stack_buffer()
    {
        var values = Enumerable.Repeat(1e300, 10).ToArray();
        var text = AsciiValues.Format<double>(values, ",", "F0");
        Assert.Equal(10 * 301 + 9, text.Length);
        var piece = 1e300.ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(string.Join(",", Enumerable.Repeat(piece, 10)), text);
        Assert.Equal(values, AsciiValues.Parse<double>(text));
    }

    [Fact]
    public void TryFormat_reports_whether_it_fits()
    {
        Span<char> small = stackalloc char[4];
        Assert.False(AsciiValues.TryFormat<double>([1.5, 2.5], small, out var none));
        Assert.Equal(0, none);
        Span<char> exact = stackalloc char[7];
        Assert.True(AsciiValues.TryFormat<double>([1.5, 2.5], exact, out var written));
        Assert.Equal("1.5,2.5", exact[..written].ToString());
        Span<char> hex = stackalloc char[8];
        Assert.True(AsciiValues.TryFormat<int>([255, 16], hex, out written, AsciiConverter.Hexadecimal, " "));
        Assert.Equal("ff 10", hex[..written].ToString());
    }
}
