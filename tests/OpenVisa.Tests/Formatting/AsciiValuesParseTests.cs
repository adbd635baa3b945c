namespace OpenVisa.Tests.Formatting;

public class AsciiValuesParseTests
{
    private static AsciiValueFormatException ItemError<T>(string text, AsciiConverter converter = AsciiConverter.Default) =>
        Assert.Throws<AsciiValueFormatException>(() => AsciiValues.Parse<T>(text, converter));

    [Theory]
    [InlineData("1,2,3", 3)]
    [InlineData("1,2,3,", 3)]
    [InlineData("1,2,3,\n", 3)]
    [InlineData("1,2,3\r\n", 3)]
    [InlineData("", 0)]
    [InlineData(" \n", 0)]
    [InlineData("7", 1)]
    [InlineData(",", 1)]
    public void Count_drops_one_trailing_empty_item(string text, int count)
    {
        Assert.Equal(count, AsciiValues.Count(text));
    }

    [Fact]
    public void Reals_accept_scpi_forms_and_surrounding_whitespace()
    {
        Assert.Equal([1.5, -0.002, 1234, 9.9e37, 31, 0.5], AsciiValues.Parse<double>(" 1.5, -2E-3 ,+1.234E+03,9.9E37,#H1F,.5\n"));
        Assert.Equal([1.0, 2.0, 3.0], AsciiValues.Parse<double>("1,2,3,"));
        Assert.Empty(AsciiValues.Parse<double>(""));
    }

    [Fact]
    public void Reals_accept_nan_and_infinity_mnemonics_in_any_case()
    {
        var values = AsciiValues.Parse<double>("NAN,nan,INF,+INF,-INF,NINF,Infinity,-infinity");
        Assert.True(double.IsNaN(values[0]) && double.IsNaN(values[1]));
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity,
            double.PositiveInfinity, double.NegativeInfinity], values[2..]);
        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity], AsciiValues.Parse<float>("INF,-INF"));
    }

    [Fact]
    public void Floats_parse_directly_to_the_nearest_float()
    {
        Assert.Equal([0.1f, 3.4028235E+38f, -1.17549435E-38f, 9.9E37f], AsciiValues.Parse<float>("0.1,3.4028235E+38,-1.17549435E-38,9.9E37"));
    }

    [Fact]
    public void Integers_accept_decimal_scpi_prefixes_and_whole_reals()
    {
        Assert.Equal([31, 15, 5, -42, 7, 100, 255], AsciiValues.Parse<int>("#H1F,#q17,#B101,-42,+7,+1.00000000E+02,#hff"));
        Assert.Equal([long.MaxValue, long.MinValue], AsciiValues.Parse<long>("9223372036854775807,-9223372036854775808"));
        Assert.Equal([ulong.MaxValue], AsciiValues.Parse<ulong>("18446744073709551615"));
        Assert.Equal([ulong.MaxValue], AsciiValues.Parse<ulong>("#HFFFFFFFFFFFFFFFF"));
        Assert.Equal([(byte)0, (byte)255], AsciiValues.Parse<byte>("0,255"));
        Assert.Equal([(sbyte)-128, (sbyte)127], AsciiValues.Parse<sbyte>("-128,127"));
        Assert.Equal([(short)-32768, (short)0x0102], AsciiValues.Parse<short>("-32768,258"));
        Assert.Equal([(ushort)65535], AsciiValues.Parse<ushort>("65535"));
        Assert.Equal([uint.MaxValue], AsciiValues.Parse<uint>("4294967295"));
    }

    [Fact]
    public void A_bad_item_names_the_item_its_index_and_the_type()
    {
        var error = ItemError<int>("1,2,abc,4");
        Assert.Equal("Item 2 'abc' of the ASCII values cannot be read as Int32: expected an integer such as 42, -7, +1.0E+02, #H2A, #Q52 or #B101010.", error.Message);
        Assert.Equal((2, "abc", typeof(int)), (error.Index, error.Item, error.TargetType));
        Assert.IsAssignableFrom<FormatException>(error);

        var real = ItemError<double>("1.5, 2.5x");
        Assert.Contains("Item 1 '2.5x' of the ASCII values cannot be read as Double: expected a number such as 1.5", real.Message);
    }

    [Fact]
    public void Out_of_range_items_give_the_type_range()
    {
        Assert.Contains("Item 1 '300' of the ASCII values is outside the range of Byte (0 to 255).", ItemError<byte>("1,300").Message);
        Assert.Contains("outside the range of UInt32 (0 to 4294967295)", ItemError<uint>("-1").Message);
        Assert.Contains("outside the range of UInt64", ItemError<ulong>("18446744073709551616").Message);
        Assert.Contains("outside the range of Int64", ItemError<long>("99999999999999999999999999").Message);
        Assert.Contains("outside the range of Int16", ItemError<short>("1E+10").Message);
        Assert.Contains("outside the range of Double (integer forms reach at most", ItemError<double>("#H1FFFFFFFFFFFFFFFF").Message);
    }

    [Fact]
    public void Fractional_items_are_not_integers()
    {
        var error = ItemError<int>("1.5");
        Assert.Contains("Item 0 '1.5' of the ASCII values is not a whole number, so it cannot be read as Int32", error.Message);
        Assert.Contains("not a whole number", ItemError<int>("NAN").Message);
    }

    [Fact]
    public void Empty_items_inside_the_list_are_errors_except_for_strings()
    {
        var error = ItemError<double>("1,,2");
        Assert.Equal("Item 1 of the ASCII values is empty (two separators in a row?); expected a number such as 1.5, -2E-3, +1.234E+03, NAN, INF or #H2A.", error.Message);
        Assert.Equal(["a", "", "b"], AsciiValues.Parse<string>("a,,b"));
    }

    [Fact]
    public void Long_or_control_character_items_are_quoted_safely()
    {
        var error = ItemError<int>("1,\u0001" + new string('x', 60));
        Assert.Contains(@"Item 1 '\x01xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… of", error.Message);
    }

    [Fact]
    public void Booleans_accept_on_off_true_false_one_zero()
    {
        Assert.Equal([true, false, true, false, true, false, true], AsciiValues.Parse<bool>("ON,OFF,1,0,true,False,+1"));
        var error = ItemError<bool>("ON,2");
        Assert.Contains("Item 1 '2' of the ASCII values cannot be read as Boolean: expected ON, OFF, TRUE, FALSE, 1 or 0.", error.Message);
    }

    [Fact]
    public void Strings_are_the_trimmed_items()
    {
        Assert.Equal(["VOLT", "CURR", "\"a b\""], AsciiValues.Parse<string>(" VOLT , CURR,\"a b\"\n"));
        Assert.Equal(["x"], AsciiValues.Parse<string>("x", AsciiConverter.String));
    }

    [Fact]
    public void Other_separators_work()
    {
        Assert.Equal([1.0, 2.0, 3.0], AsciiValues.Parse<double>("1;2;3;", ';'));
        Assert.Equal([1, 2, 3], AsciiValues.Parse<int>("1 2 3\n", ' '));
        Assert.Equal([1, 2], AsciiValues.Parse<int>("1\t2", AsciiConverter.Integer, '\t'));
    }

    [Fact]
    public void Hex_octal_and_binary_converters_read_python_style_integers()
    {
        Assert.Equal([255, 31, -10, 31], AsciiValues.Parse<int>("ff,0x1F,-a,#H1f", AsciiConverter.Hexadecimal));
        Assert.Equal([177], AsciiValues.Parse<int>("0B1", AsciiConverter.Hexadecimal));
        Assert.Equal([15, 15, 15], AsciiValues.Parse<int>("17,0o17,#Q17", AsciiConverter.Octal));
        Assert.Equal([5, 3, -3], AsciiValues.Parse<int>("101,0b11,-11", AsciiConverter.Binary));
        Assert.Equal([255.0], AsciiValues.Parse<double>("ff", AsciiConverter.Hexadecimal));
        Assert.Contains("expected a binary integer such as 101010", ItemError<int>("102", AsciiConverter.Binary).Message);
        Assert.Contains("expected an octal integer", ItemError<int>("8", AsciiConverter.Octal).Message);
        Assert.Contains("expected a hexadecimal integer", ItemError<int>("0x", AsciiConverter.Hexadecimal).Message);
    }

    [Fact]
    public void Integer_converter_is_strict_decimal_and_real_converters_read_whole_reals()
    {
        Assert.Equal([42, -7], AsciiValues.Parse<int>("42,-7", AsciiConverter.Integer));
        Assert.Contains("expected a decimal integer such as 42 or -7", ItemError<int>("1.0", AsciiConverter.Integer).Message);
        Assert.Contains("expected a decimal integer", ItemError<int>("#H1F", AsciiConverter.Integer).Message);
        Assert.Equal([100, -2], AsciiValues.Parse<int>("1E2,-2.0", AsciiConverter.Fixed));
        Assert.Equal([1.5], AsciiValues.Parse<double>("1.5", AsciiConverter.Exponential));
        Assert.Contains("expected a number such as 1.5, -2E-3, +1.234E+03, NAN or INF.", ItemError<double>("#H1F", AsciiConverter.General).Message);
    }

    [Fact]
    public void Parse_into_a_span_returns_the_count()
    {
        Span<double> destination = stackalloc double[4];
        Assert.Equal(3, AsciiValues.Parse<double>("1,2,3,", destination));
        Assert.Equal([1.0, 2.0, 3.0, 0.0], destination.ToArray());
        var error = Assert.Throws<ArgumentException>(() => AsciiValues.Parse<double>("1,2,3", new double[2]));
        Assert.Contains("holds 3 values, but the destination has room for 2", error.Message);
    }

    [Fact]
    public void Unsupported_types_and_mismatched_converters_are_argument_errors()
    {
        Assert.Contains("ASCII values of type Decimal are not supported", Assert.Throws<ArgumentException>(() => AsciiValues.Parse<decimal>("1")).Message);
        Assert.Contains("The String converter does not apply to values of type Int32", Assert.Throws<ArgumentException>(() => AsciiValues.Parse<int>("1", AsciiConverter.String)).Message);
        Assert.Throws<ArgumentException>(() => AsciiValues.Parse<string>("1", AsciiConverter.Hexadecimal));
        Assert.Throws<ArgumentException>(() => AsciiValues.Parse<bool>("1", AsciiConverter.Fixed));
        Assert.Throws<ArgumentOutOfRangeException>(() => AsciiValues.Parse<int>("1", (AsciiConverter)99));
    }

    [Theory]
    [InlineData('d', AsciiConverter.Integer)]
    [InlineData('f', AsciiConverter.Fixed)]
    [InlineData('F', AsciiConverter.Fixed)]
    [InlineData('e', AsciiConverter.Exponential)]
    [InlineData('E', AsciiConverter.Exponential)]
    [InlineData('g', AsciiConverter.General)]
    [InlineData('G', AsciiConverter.General)]
    [InlineData('x', AsciiConverter.Hexadecimal)]
    [InlineData('X', AsciiConverter.Hexadecimal)]
    [InlineData('h', AsciiConverter.Hexadecimal)]
    [InlineData('H', AsciiConverter.Hexadecimal)]
    [InlineData('o', AsciiConverter.Octal)]
    [InlineData('b', AsciiConverter.Binary)]
    [InlineData('s', AsciiConverter.String)]
    public void PyVisa_codes_map_to_converters(char code, AsciiConverter converter)
    {
        Assert.Equal(converter, AsciiConverters.FromCode(code));
    }

    [Fact]
    public void Unknown_pyvisa_codes_are_rejected_listing_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => AsciiConverters.FromCode('c'));
        Assert.Contains("'c' is not an ASCII converter code; use one of d, f, F, e, E, g, G, x, X, h, H, o, b, s.", error.Message);
    }
}
