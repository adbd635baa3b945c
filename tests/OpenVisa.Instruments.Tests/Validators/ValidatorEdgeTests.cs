using System.Collections.Immutable;
using System.Numerics;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Validators;

/// <summary>Edge cases QCoDeS's validator tests (tests/validators) pin down, beyond the basic behaviour.</summary>
public class ValidatorEdgeTests
{
    [Theory]
    [InlineData(1.0000001, true)]
    [InlineData(0.9999999, true)]
    [InlineData(-0.0000001, true)]
    [InlineData(10.000001, true)]
    [InlineData(1.00001, false)]
    [InlineData(10.00002, false)]
    public void PermissiveInts_rounds_a_near_whole_real_before_the_range_check(double value, bool valid) =>
        Assert.Equal(valid, new PermissiveInts(0, 10).IsValid(value));

    [Fact]
    public void PermissiveInts_on_eleven_even_steps_from_0_to_10_accepts_only_the_ends()
    {
        // QCoDeS's test_bad_values: numpy.linspace(0, 10, 12); only 0 and 10 are whole numbers.
        var v = new PermissiveInts(0, 10);
        var accepted = Enumerable.Range(0, 12).Select(i => i * 10.0 / 11).Where(x => v.IsValid(x)).ToList();
        Assert.Equal([0.0, 10.0], accepted);
        Assert.True(v.IsValid(1.0000001f));
        Assert.True(v.IsValid(3.000000001m));
        var e = Assert.Throws<ValidationException>(() => v.Validate(10 * 3 / 11.0, "Parameter: dmm_nplc"));
        Assert.Contains("away from 3", e.Message);
        Assert.Contains("Parameter: dmm_nplc", e.Message);
    }

    [Fact]
    public void PermissiveInts_refuses_a_whole_real_beyond_the_integer_range_naming_the_value()
    {
        var e = Assert.Throws<ValidationException>(() => new PermissiveInts().Validate(1e30));
        Assert.Contains("must be an integer or a number within 1e-05 of one", e.Message);
        Assert.False(new PermissiveInts().IsValid(double.PositiveInfinity));
    }

    [Fact]
    public void ComplexNumbers_accepts_any_complex_including_non_finite_parts_and_refuses_every_other_type()
    {
        var v = new ComplexNumbers();
        v.Validate(Complex.ImaginaryOne);
        v.Validate(new Complex(double.NaN, double.PositiveInfinity));
        v.Validate(Complex.Zero);
        Assert.Contains("not an integer", Assert.Throws<ValidationException>(() => v.Validate(1)).Message);
        Assert.Contains("not a real number", Assert.Throws<ValidationException>(() => v.Validate(1.5f)).Message);
        Assert.Contains("not a string", Assert.Throws<ValidationException>(() => v.Validate("1+1j")).Message);
        Assert.Contains("not null", Assert.Throws<ValidationException>(() => v.Validate(null)).Message);
    }

    [Fact]
    public void Sequence_accepts_arrays_and_lists_of_any_kind_with_the_required_order()
    {
        var v = new Sequence(length: 3, requireSorted: true);
        v.Validate(new[] { 0, 1, 5 });
        v.Validate(new List<double> { 1, 3, 5 });
        v.Validate(ImmutableArray.Create(1L, 3L, 5L));
        Assert.Contains("must be sorted ascending, but element 2 (3) is below element 1 (5)", Assert.Throws<ValidationException>(() => v.Validate(new[] { 1, 5, 3 })).Message);
        Assert.Contains("must be sorted ascending, but element 2 (2) is below element 1 (7)", Assert.Throws<ValidationException>(() => v.Validate(new List<int> { 1, 7, 2 })).Message);
        Assert.Contains("must have 3 elements, not 4", Assert.Throws<ValidationException>(() => v.Validate(new[] { 0, 1, 3, 4 })).Message);
        new Sequence().Validate(new object[] { "a", "b", 5 });
        new Sequence(requireSorted: true).Validate(new[] { "a", "b", "c" });
    }

    [Fact]
    public void Sequence_refuses_a_set_a_dictionary_and_a_lazy_enumerable_as_QCoDeS_refuses_non_sequences()
    {
        var v = new Sequence(new Ints(max: 10), requireSorted: true);
        var set = Assert.Throws<ValidationException>(() => v.Validate(new HashSet<int> { 1, 2 }));
        Assert.Contains("must be a sequence of sorted", set.Message);
        Assert.Contains("not a HashSet", set.Message);
        Assert.Contains("not a dictionary", Assert.Throws<ValidationException>(() => v.Validate(new Dictionary<int, int> { [1] = 1 })).Message);
        var runs = new int[1];
        var lazy = Assert.Throws<ValidationException>(() => v.Validate(Counted(runs)));
        Assert.Contains("<an enumerable, not run> is invalid: must be a sequence", lazy.Message);
        Assert.Equal(0, runs[0]);
        Assert.Contains("element 2 (11) must be an integer", Assert.Throws<ValidationException>(() => v.Validate(new[] { 0, 1, 11 })).Message);
    }

    [Fact]
    public void Lists_refuse_a_set_or_a_dictionary()
    {
        var v = new Lists(new Ints());
        v.Validate(new List<int> { 1, 2 });
        v.Validate(new[] { 3 });
        Assert.Contains("must be a list of an integer", Assert.Throws<ValidationException>(() => v.Validate(new HashSet<int> { 1 })).Message);
        Assert.Contains("not a dictionary", Assert.Throws<ValidationException>(() => v.Validate(new Dictionary<string, int> { ["a"] = 1 })).Message);
    }

    [Fact]
    public void Dict_accepts_an_empty_dictionary_and_compares_numeric_keys_by_value()
    {
        new Dict().Validate(new Dictionary<string, object>());
        var v = new Dict(1, 2);
        v.Validate(new Dictionary<string, int>());
        v.Validate(new Dictionary<double, string> { [1.0] = "one" });
        v.Validate(new SortedDictionary<long, string> { [2L] = "two" });
        var e = Assert.Throws<ValidationException>(() => v.Validate(new Dictionary<int, string> { [3] = "three" }));
        Assert.Contains("has keys [3] that are not among the allowed keys [1, 2]", e.Message);
        Assert.Contains("not an integer", Assert.Throws<ValidationException>(() => new Dict().Validate(5)).Message);
    }

    private static IEnumerable<int> Counted(int[] runs)
    {
        for (var i = 0; i < 3; i++)
        {
            runs[0]++;
            yield return i;
        }
    }
}
