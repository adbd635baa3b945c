using System.Numerics;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Validators;

/// <summary>The validators QCoDeS has beyond the basic ones, with its reprs and edge cases.</summary>
public class MoreValidatorTests
{
    [Fact]
    public void ComplexNumbers_accepts_complex_and_refuses_reals_as_QCoDeS_does()
    {
        var v = new ComplexNumbers();
        v.Validate(new Complex(1, 1));
        var e = Assert.Throws<ValidationException>(() => v.Validate(1.0, "Parameter: lockin_z"));
        Assert.Equal("1 is invalid: must be a complex number (System.Numerics.Complex), not a real number; Parameter: lockin_z.", e.Message);
        Assert.Equal("<Complex Number>", v.Repr);
        Assert.False(v.IsNumeric);
    }

    [Theory]
    [InlineData(3.0, true)]
    [InlineData(2.999999, true)]
    [InlineData(3.00001, false)]
    [InlineData(2.5, false)]
    [InlineData(7, true)]
    [InlineData(11.0, false)]
    public void PermissiveInts_accepts_reals_within_1e_5_of_an_integer_in_range(object value, bool valid) =>
        Assert.Equal(valid, new PermissiveInts(0, 10).IsValid(value));

    [Fact]
    public void PermissiveInts_says_how_far_the_value_is_from_a_whole_number()
    {
        var v = new PermissiveInts(0, 10);
        var e = Assert.Throws<ValidationException>(() => v.Validate(2.5));
        Assert.Contains("must be an integer or a number within 1e-05 of one between 0 and 10 inclusive; it is 0.5 away from 2", e.Message);
        Assert.Contains("between 0 and 10", Assert.Throws<ValidationException>(() => v.Validate(11.0)).Message);
        Assert.Contains("not a string", Assert.Throws<ValidationException>(() => v.Validate("3")).Message);
        Assert.False(v.IsValid(double.NaN));
        Assert.Equal("<Ints 0<=v<=10>", v.Repr);
    }

    [Fact]
    public void Sequence_checks_length_order_and_elements_with_QCoDeS_repr()
    {
        var v = new Sequence(new Numbers(0, 10), length: 3, requireSorted: true);
        Assert.Equal("<Sequence : len: 3 sorted: True <Numbers 0<=v<=10>>", v.Repr);
        Assert.Equal("<Sequence : len: None sorted: False <Anything>>", new Sequence().Repr);
        v.Validate(new[] { 1.0, 2.0, 3.0 });
        v.Validate(new List<int> { 1, 1, 2 });
        Assert.Contains("must have 3 elements, not 2", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1.0, 2.0 })).Message);
        Assert.Contains("must be sorted ascending, but element 2 (1) is below element 1 (3)", Assert.Throws<ValidationException>(() => v.Validate(new[] { 2, 3, 1 })).Message);
        Assert.Contains("element 1 (11) must be a number between 0 and 10", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1, 11, 12 })).Message);
        Assert.Contains("not a string", Assert.Throws<ValidationException>(() => v.Validate("abc")).Message);
        Assert.Contains("not a real number", Assert.Throws<ValidationException>(() => v.Validate(1.0)).Message);
    }

    [Fact]
    public void Sequence_length_zero_means_any_length_and_mixed_types_cannot_be_sorted()
    {
        new Sequence(length: 0).Validate(new[] { 1, 2, 3, 4 });
        var e = Assert.Throws<ValidationException>(() => new Sequence(requireSorted: true).Validate(new object[] { 1, "a" }));
        Assert.Contains("cannot be compared", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequence(length: -1));
    }

    [Fact]
    public void Callable_accepts_delegates_only()
    {
        var v = new Callable();
        v.Validate((Func<int>)(() => 0));
        v.Validate((Action)(() => { }));
        Assert.Contains("must be a callable (a delegate), not an integer", Assert.Throws<ValidationException>(() => v.Validate(3)).Message);
        Assert.Equal("<Callable>", v.Repr);
    }

    [Fact]
    public void Dict_checks_keys_against_the_allowed_ones()
    {
        var any = new Dict();
        any.Validate(new Dictionary<string, int> { ["x"] = 1 });
        Assert.Equal("<Dict>", any.Repr);
        var v = new Dict("gain", "offset");
        Assert.Equal("<Dict ['gain', 'offset']>", v.Repr);
        v.Validate(new Dictionary<string, double> { ["gain"] = 1 });
        var e = Assert.Throws<ValidationException>(() => v.Validate(new Dictionary<string, double> { ["gain"] = 1, ["phase"] = 2 }));
        Assert.Contains("has keys ['phase'] that are not among the allowed keys ['gain', 'offset']", e.Message);
        Assert.Contains("must be a dictionary with keys from", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1 })).Message);
    }

    [Fact]
    public void Literal_lists_its_members_as_QCoDeS_does()
    {
        var v = new Literal(1, 2, 3);
        Assert.Equal("<Literal[1, 2, 3]>", v.Repr);
        v.Validate(2);
        v.Validate(2.0);
        var e = Assert.Throws<ValidationException>(() => v.Validate(5, "Parameter: x"));
        Assert.Equal("5 is invalid: is not a member of [1, 2, 3]; Parameter: x.", e.Message);
        Assert.Equal("<Literal['Positive', 'Negative']>", Literal.Of<OpenVisa.Instruments.Drivers.Keysight.TriggerSlope>().Repr);
        Assert.Throws<ArgumentException>(() => new Literal());
    }

    [Fact]
    public void OnOff_accepts_exactly_on_and_off()
    {
        var v = new OnOff();
        v.Validate("on");
        v.Validate("off");
        Assert.Contains("must be 'on' or 'off', not 'ON'", Assert.Throws<ValidationException>(() => v.Validate("ON")).Message);
        Assert.Equal("<OnOff>", v.Repr);
    }

    [Fact]
    public void A_parameter_writes_the_new_validators_into_its_snapshot()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<double[]>("points", inst) { Validator = new Sequence(new Numbers(), length: 2) };
        Assert.Equal("<Sequence : len: 2 sorted: False <Numbers>>", (string?)p.BuildSnapshot()["vals"]);
        Assert.Throws<ValidationException>(() => p.Set([1.0]));
    }
}
