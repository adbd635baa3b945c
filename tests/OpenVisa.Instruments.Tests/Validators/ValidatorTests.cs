using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Validators;

public class ValidatorTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(6.0)]
    [InlineData(3)]
    public void Numbers_accepts_values_in_range_of_any_numeric_type(object value) =>
        new Numbers(0, 6).Validate(value);

    [Fact]
    public void Numbers_refuses_a_value_out_of_range_naming_the_range_and_context()
    {
        var e = Assert.Throws<ValidationException>(() => new Numbers(0, 6).Validate(7.5, "Parameter: psu_ch1_voltage"));
        Assert.Equal("7.5 is invalid: must be a number between 0 and 6 inclusive; Parameter: psu_ch1_voltage.", e.Message);
        Assert.Equal(7.5, e.Value);
    }

    [Fact]
    public void Numbers_refuses_a_string_and_a_boolean_saying_what_they_are()
    {
        Assert.Contains("not a string", Assert.Throws<ValidationException>(() => new Numbers().Validate("5")).Message);
        Assert.Contains("not a boolean", Assert.Throws<ValidationException>(() => new Numbers().Validate(true)).Message);
    }

    [Fact]
    public void Numbers_refuses_NaN() => Assert.False(new Numbers().IsValid(double.NaN));

    [Theory]
    [InlineData(double.NegativeInfinity, double.PositiveInfinity, "<Numbers>", "a number")]
    [InlineData(0, double.PositiveInfinity, "<Numbers v>=0>", "a number >= 0")]
    [InlineData(double.NegativeInfinity, 10, "<Numbers v<=10>", "a number <= 10")]
    [InlineData(-800, 400, "<Numbers -800<=v<=400>", "a number between -800 and 400 inclusive")]
    [InlineData(0.002, 5e4, "<Numbers 0.002<=v<=50000>", "a number between 0.002 and 50000 inclusive")]
    public void Numbers_repr_and_description(double min, double max, string repr, string description)
    {
        var v = new Numbers(min, max);
        Assert.Equal(repr, v.Repr);
        Assert.Equal(description, v.Description);
        Assert.True(v.IsNumeric);
    }

    [Fact]
    public void Numbers_with_min_above_max_is_refused_at_construction() =>
        Assert.Contains("above the maximum", Assert.Throws<ArgumentException>(() => new Numbers(5, 1)).Message);

    [Fact]
    public void Ints_accept_integers_and_refuse_reals_even_whole_ones()
    {
        var v = new Ints(1, 10);
        v.Validate(5);
        v.Validate(5L);
        v.Validate((byte)5);
        Assert.Contains("not a real number", Assert.Throws<ValidationException>(() => v.Validate(5.0)).Message);
        Assert.Equal("11 is invalid: must be an integer between 1 and 10 inclusive.", Assert.Throws<ValidationException>(() => v.Validate(11)).Message);
        Assert.Equal("<Ints 1<=v<=10>", v.Repr);
        Assert.Equal("<Ints>", new Ints().Repr);
    }

    [Fact]
    public void Multiples_accept_multiples_within_range()
    {
        var v = new Multiples(5, min: 0);
        v.Validate(0);
        v.Validate(25);
        Assert.Equal("7 is invalid: must be an integer multiple of 5 >= 0.", Assert.Throws<ValidationException>(() => v.Validate(7)).Message);
        Assert.Contains("multiple of 5", Assert.Throws<ValidationException>(() => v.Validate(-5)).Message);
        Assert.Equal("<Ints v>=0, Multiples of 5>", v.Repr);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Multiples(0));
    }

    [Fact]
    public void PermissiveMultiples_tolerate_binary_rounding()
    {
        var v = new PermissiveMultiples(0.1);
        v.Validate(0.3);
        v.Validate(1.7);
        Assert.Contains("must be a multiple of 0.1", Assert.Throws<ValidationException>(() => v.Validate(0.35)).Message);
        Assert.Equal("<PermissiveMultiples, Multiples of 0.1>", v.Repr);
    }

    [Fact]
    public void Strings_check_type_and_length()
    {
        var v = new Strings(1, 4);
        v.Validate("abcd");
        Assert.Equal("'abcde' is invalid: must be a string of length between 1 and 4 inclusive (its length is 5).",
            Assert.Throws<ValidationException>(() => v.Validate("abcde")).Message);
        Assert.Contains("not an integer", Assert.Throws<ValidationException>(() => v.Validate(3)).Message);
        Assert.Equal("<Strings 1<=len<=4>", v.Repr);
        Assert.Equal("<Strings>", new Strings().Repr);
        Assert.Equal("<Strings len>=2>", new Strings(2).Repr);
    }

    [Fact]
    public void Bools_accept_only_booleans()
    {
        new Bools().Validate(false);
        Assert.Equal("1 is invalid: must be a boolean, not an integer.", Assert.Throws<ValidationException>(() => new Bools().Validate(1)).Message);
        Assert.Equal("<Boolean>", new Bools().Repr);
    }

    [Fact]
    public void EnumValues_compare_numbers_across_types_and_strings_exactly()
    {
        var v = new EnumValues(1, 2, "MIN");
        v.Validate(1.0);
        v.Validate(2L);
        v.Validate("MIN");
        Assert.Equal("'min' is invalid: must be one of {1, 2, 'MIN'}.", Assert.Throws<ValidationException>(() => v.Validate("min")).Message);
        Assert.Equal("<Enum: {1, 2, 'MIN'}>", v.Repr);
        EnumValues.IgnoringCase("MIN", "MAX").Validate("max");
        Assert.False(v.IsNumeric);
        Assert.True(new EnumValues(1, 2).IsNumeric);
    }

    [Fact]
    public void EnumValues_of_an_enum_accept_its_members()
    {
        var v = EnumValues.Of<DayOfWeek>();
        v.Validate(DayOfWeek.Monday);
        Assert.False(v.IsValid(1));
        Assert.Throws<ArgumentException>(() => new EnumValues());
    }

    [Fact]
    public void MultiType_accepts_any_and_MultiTypeAnd_requires_all()
    {
        var or = new MultiType(new Numbers(0, 3600), new EnumValues("MIN", "MAX", "DEF"));
        or.Validate(10.0);
        or.Validate("DEF");
        var e = Assert.Throws<ValidationException>(() => or.Validate("X"));
        Assert.Equal("'X' is invalid: must be a number between 0 and 3600 inclusive or one of {'MIN', 'MAX', 'DEF'}.", e.Message);
        Assert.Equal("<MultiType: Numbers 0<=v<=3600, Enum: {'MIN', 'MAX', 'DEF'}>", or.Repr);
        Assert.Equal("<MultiTypeOr: Strings 2<=len<=4, Ints 10<=v<=1000>", new MultiTypeOr(new Strings(2, 4), new Ints(10, 1000)).Repr);

        var and = new MultiTypeAnd(new Numbers(2e-3, 5e4), new PermissiveMultiples(1e-3));
        and.Validate(0.1);
        Assert.Contains("multiple of 0.001", Assert.Throws<ValidationException>(() => and.Validate(0.0025)).Message);
        Assert.Contains("between 0.002 and 50000", Assert.Throws<ValidationException>(() => and.Validate(50000.1)).Message);
        Assert.Equal("<MultiTypeAnd: Numbers 0.002<=v<=50000, PermissiveMultiples, Multiples of 0.001>", and.Repr);
        Assert.Throws<ArgumentException>(() => new MultiType());
    }

    [Fact]
    public void Arrays_check_element_range_and_shape()
    {
        var v = new Arrays(0, 10, [3]);
        v.Validate(new[] { 0.0, 5.0, 10.0 });
        v.Validate(new[] { 1, 2, 3 });
        Assert.Equal("[1, 2] is invalid: must have shape (3,), not (2,).", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1.0, 2.0 })).Message);
        Assert.Contains("element 1 (11) must be between 0 and 10 inclusive", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1.0, 11.0, 2.0 })).Message);
        Assert.Contains("not a string", Assert.Throws<ValidationException>(() => v.Validate("1,2,3")).Message);
        Assert.Equal("<Arrays 0<=v<=10, shape: (3,)>", v.Repr);
        Assert.Equal("<Arrays>", new Arrays().Repr);
    }

    [Fact]
    public void Arrays_with_a_dynamic_dimension_read_it_when_validating()
    {
        var points = 2;
        var v = new Arrays(shape: [ArrayDimension.Dynamic(() => points, "npts"), 2]);
        v.Validate(new double[2, 2]);
        points = 3;
        Assert.Contains("must have shape (3, 2), not (2, 2)", Assert.Throws<ValidationException>(() => v.Validate(new double[2, 2])).Message);
        Assert.Equal("<Arrays, shape: (npts, 2)>", v.Repr);
    }

    [Fact]
    public void Lists_validate_every_element()
    {
        var v = new Lists(new Ints(0, 3));
        v.Validate(new List<int> { 0, 1, 3 });
        Assert.Contains("element 2 (4) must be an integer between 0 and 3 inclusive", Assert.Throws<ValidationException>(() => v.Validate(new[] { 0, 1, 4 })).Message);
        Assert.Equal("<Lists : <Ints 0<=v<=3>>", v.Repr);
    }

    [Fact]
    public void Anything_and_Nothing()
    {
        new Anything().Validate(null);
        Assert.Equal("<Anything>", new Anything().Repr);
        var locked = new Nothing("the output is in remote-sense mode");
        Assert.Contains("no value is accepted: the output is in remote-sense mode", Assert.Throws<ValidationException>(() => locked.Validate(1)).Message);
        Assert.Equal("<Nothing(the output is in remote-sense mode)>", locked.Repr);
    }
}
