using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>Edge cases of QCoDeS's test_multi_parameter.py and test_parameter_with_setpoints.py.</summary>
public class MultiAndSetpointEdgeTests
{
    [Fact]
    public void A_multi_parameter_snapshot_has_no_value_and_no_single_label_or_unit_by_default_and_reads_nothing()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var iv = new MultiParameter("iv", ["voltage", "current", "power"], inst) { GetCommand = "READ?" };
        device.Values["READ"] = "1,2,3";
        iv.Get();
        var snapshot = iv.BuildSnapshot();
        Assert.False(snapshot.ContainsKey("value"));
        Assert.False(snapshot.ContainsKey("raw_value"));
        Assert.False(snapshot.ContainsKey("label"));
        Assert.False(snapshot.ContainsKey("unit"));
        Assert.Equal(["", "", ""], snapshot["units"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["voltage", "current", "power"], snapshot["labels"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("iv", (string?)snapshot["name"]);
        Assert.False(iv.NeedsSnapshotRead(SnapshotUpdate.All));
    }

    [Fact]
    public void A_multi_parameter_with_snapshot_value_set_holds_and_reads_its_values()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var iv = new MultiParameter("iv", ["voltage", "current"], inst) { GetCommand = "READ?", SnapshotValue = true };
        Assert.True(iv.NeedsSnapshotRead(SnapshotUpdate.All));
        device.Values["READ"] = "1.5,0.25";
        iv.Get();
        var values = iv.BuildSnapshot()["value"]!.AsArray().Select(n => (double)n!);
        Assert.Equal([1.5, 0.25], values);
    }

    [Fact]
    public void Setting_a_multi_parameter_with_another_count_of_values_is_refused_before_sending()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var limits = new MultiParameter("limits", ["low", "high"], inst) { SetCommand = "LIM {0}" };
        device.ClearLog();
        var e = Assert.Throws<ValidationException>(() => limits.Set([1.0]));
        Assert.Contains($"holds 1 values, but {inst.Name}_limits has 2 (low, high)", e.Message);
        Assert.Empty(device.Received);
        Assert.Contains("3 labels for 2 names (low, high)", Assert.Throws<ArgumentException>(() => new MultiParameter("l2", ["low", "high"], inst) { Labels = ["a", "b", "c"] }).Message);
        Assert.Contains("needs at least one name", Assert.Throws<ArgumentException>(() => new MultiParameter("l3", [], inst)).Message);
    }

    [Fact]
    public void Changing_an_axis_after_a_read_makes_the_data_inconsistent_and_a_cache_set_of_the_wrong_shape_is_refused()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var time = new Parameter<double[]>("time", inst) { InitialValue = [0, 1, 2] };
        var record = new ParameterWithSetpoints("record", [time], inst);
        record.Cache.Set([5, 6, 7]);
        record.ValidateConsistentShape();
        var wrong = Assert.Throws<ValidationException>(() => record.Cache.Set([5, 6]));
        Assert.Contains($"has 2 points, but the setpoints {inst.Name}_time (3) span 3", wrong.Message);
        time.Cache.Set([0, 1, 2, 3, 4]);
        var e = Assert.Throws<InvalidOperationException>(record.ValidateConsistentShape);
        Assert.Contains($"{inst.Name}_record: its value has 3 points, but the setpoints {inst.Name}_time (5) span 5", e.Message);
        var empty = new ParameterWithSetpoints("empty", [time], inst);
        Assert.Contains("has no value yet", Assert.Throws<InvalidOperationException>(empty.ValidateConsistentShape).Message);
    }

    [Fact]
    public void An_axis_with_no_value_is_read_from_the_instrument_before_the_data_is_checked()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var freq = new Parameter<double[]>("freq", inst) { GetCommand = "FREQ?" };
        var trace = new ParameterWithSetpoints("trace", [freq], inst) { GetCommand = "TRAC?" };
        device.Values["FREQ"] = "1,2";
        device.Values["TRAC"] = "-1,-2";
        Assert.Equal([-1.0, -2.0], trace.Get());
        Assert.Contains("FREQ?", device.Received);
        var unknown = new Parameter<double[]>("unknown", inst);
        var orphan = new ParameterWithSetpoints("orphan", [unknown], inst);
        var e = Assert.Throws<InvalidOperationException>(() => orphan.Set([1.0]));
        Assert.Contains($"{unknown.FullName} has no cached value yet: it cannot be read from the instrument, so set it first", e.Message);
    }
}
