using System.Text.Json.Nodes;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Snapshots;

/// <summary>Snapshot numbers as QCoDeS writes them: floats keep a decimal point, integers stay integers.</summary>
public class SnapshotNumberTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.25e20, "1.25e+20")]
    [InlineData(123456.789, "123456.789")]
    public void Floats_are_written_as_python_repr_writes_them(double value, string expected) =>
        Assert.Equal(expected, PythonFloat.Repr(value));

    [Fact]
    public void A_non_finite_value_has_no_repr_and_the_message_says_where_it_goes_instead()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PythonFloat.Repr(double.NaN));
        Assert.Contains("snapshots write them as strings", e.Message);
    }

    [Fact]
    public void A_parameter_snapshot_writes_float_values_with_a_decimal_point_and_ints_without()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var level = new Parameter<double>("level", inst) { Scale = 2 };
        level.Set(1.0);
        level.Step = 1;
        var count = new Parameter<int>("count", inst) { InitialValue = 3 };
        var json = level.BuildSnapshot().ToJsonString();
        Assert.Contains("\"value\":1.0", json);
        Assert.Contains("\"raw_value\":2.0", json);
        Assert.Contains("\"step\":1.0", json);
        Assert.Contains("\"scale\":2.0", json);
        Assert.Contains("\"value\":3,", count.BuildSnapshot().ToJsonString());
        Assert.Equal(1.0, (double?)level.BuildSnapshot()["value"]);
    }

    [Fact]
    public void Arrays_of_floats_keep_their_decimal_points()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var trace = new Parameter<double[]>("trace", inst) { InitialValue = [1, 2.5, double.NaN] };
        var value = trace.BuildSnapshot()["value"]!.ToJsonString();
        Assert.Equal("[1.0,2.5,\"NaN\"]", value);
    }

    [Fact]
    public void The_readable_snapshot_prints_whole_numbers_without_an_exponent()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        _ = new Parameter<double>("frequency", inst) { Unit = "Hz", InitialValue = 1_000_000 };
        _ = new Parameter<int>("points", inst) { InitialValue = 2_000_000 };
        _ = new Parameter<double>("level", inst) { Unit = "V", InitialValue = 1234567.891 };
        _ = new Parameter<double>("tiny", inst) { Unit = "A", InitialValue = 1.5e-9 };
        var text = inst.ReadableSnapshot();
        Assert.Contains("frequency : 1000000 (Hz)", text);
        Assert.Contains("points    : 2000000", text);
        Assert.Contains("level     : 1.2346e+06 (V)", text);
        Assert.Contains("tiny      : 1.5e-09 (A)", text);
        Assert.DoesNotContain("E+", text);
    }

    [Fact]
    public void Safety_limits_and_delays_in_snapshots_are_floats_when_they_are_not_whole_seconds()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<double>("p", inst) { InitialValue = 0 };
        p.SafetyLimits = new SafetyLimits(0, 5);
        p.PostDelay = TimeSpan.FromMilliseconds(50);
        var s = p.BuildSnapshot();
        Assert.Equal("5.0", s["safety_limits"]!["max"]!.ToJsonString());
        Assert.Equal("0.05", s["post_delay"]!.ToJsonString());
        Assert.Equal("0", s["inter_delay"]!.ToJsonString());
        Assert.IsType<JsonObject>(s["safety_limits"]);
    }
}
