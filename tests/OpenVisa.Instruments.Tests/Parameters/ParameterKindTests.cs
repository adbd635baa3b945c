using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>The parameter kinds QCoDeS has: delegate, group, multi, with setpoints, elapsed time.</summary>
public class ParameterKindTests
{
    [Fact]
    public void A_delegate_reads_and_sets_its_source_through_its_own_scale_and_takes_its_label_and_unit()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { Label = "DAC out", Unit = "V", GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Unit = "mV", Scale = 0.001 };
        gate.Set(250);
        Assert.Equal("DAC 0.25", device.Received[^1]);
        device.Values["DAC"] = "0.5";
        Assert.Equal(500, gate.Get(), 9);
        Assert.Equal(0.5, dac.Cache.Value);
        Assert.Equal("DAC out", gate.Label);
        Assert.Equal("mV", gate.Unit);
        var plain = new DelegateParameter<double>("plain", dac, inst);
        Assert.Equal("V", plain.Unit);
        var snapshot = gate.BuildSnapshot();
        Assert.Equal($"{inst.Name}_dac", (string?)snapshot["source_parameter"]!["full_name"]);
    }

    [Fact]
    public void A_delegate_source_can_be_swapped_and_a_missing_source_is_named()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var a = new Parameter<int>("a", inst) { InitialValue = 1 };
        var b = new Parameter<int>("b", inst) { InitialValue = 2 };
        var view = new DelegateParameter<int>("view", null, inst);
        var e = Assert.Throws<ParameterException>(() => view.Get());
        Assert.Contains("it delegates to no source parameter yet; set its Source first", e.Message);
        view.Source = a;
        Assert.Equal(1, view.Get());
        view.Source = b;
        // As in QCoDeS, the cache is a view on the source's, so it reports the new source's value at once.
        Assert.Equal(2, view.Cache.Value);
        Assert.Equal(2, view.Get());
        view.Set(5);
        Assert.Equal(5, b.Get());
        Assert.Equal(1, a.Get());
        Assert.Throws<ArgumentException>(() => view.Source = view);
    }

    [Fact]
    public void A_group_reads_all_members_with_one_query_and_sets_them_with_one_command()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var range = new GroupParameter<int>("range", inst);
        var resistance = new GroupParameter<double>("resistance", inst) { Unit = "ohm" };
        var group = new ParameterGroup([range, resistance], setCommand: "HTRSET 1,{range},{resistance}", getCommand: "HTRSET? 1");
        Assert.Same(group, range.Group);
        device.Values["HTRSET 1"] = "3,25.0";
        Assert.Equal(25.0, resistance.Get());
        Assert.Equal(3, range.Cache.Value);
        device.ClearLog();
        range.Set(2);
        Assert.Equal(["HTRSET 1,2,25"], device.Received);
        resistance.Set(50);
        Assert.Equal("HTRSET 1,2,50", device.Received[^1]);
    }

    [Fact]
    public void Setting_one_member_reads_the_group_first_when_another_member_is_unknown()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var low = new GroupParameter<double>("low", inst);
        var high = new GroupParameter<double>("high", inst);
        _ = new ParameterGroup([low, high], setCommand: "LIM {low:F2},{high:F2}", getCommand: "LIM?");
        device.Values["LIM"] = "-1,1";
        high.Set(2.5);
        Assert.Equal(["LIM?", "LIM -1.00,2.50"], device.Received);
    }

    [Fact]
    public void A_group_without_a_get_command_says_which_member_is_unknown()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var low = new GroupParameter<double>("low", inst);
        var high = new GroupParameter<double>("high", inst);
        _ = new ParameterGroup([low, high], setCommand: "LIM {low},{high}");
        var e = Assert.Throws<ParameterException>(() => high.Set(2.5));
        Assert.Contains($"also sends {inst.Name}_low, whose value is not known; set it first, or give the group a get command", e.Message);
        Assert.Contains("it has no get command", Assert.Throws<ParameterException>(() => low.Get()).Message);
    }

    [Fact]
    public void A_group_reply_with_the_wrong_count_or_a_bad_value_changes_no_cache()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var a = new GroupParameter<int>("a", inst);
        var b = new GroupParameter<int>("b", inst);
        _ = new ParameterGroup([a, b], getCommand: "AB?");
        device.Values["AB"] = "1,2,3";
        Assert.Contains("has 3 values, but the group has 2 members (a, b)", Assert.Throws<ParameterException>(() => a.Get()).Message);
        device.Values["AB"] = "1,x";
        Assert.Contains($"the value 'x' for {inst.Name}_b in the reply to 'AB?'", Assert.Throws<ParameterException>(() => a.Get()).Message);
        Assert.False(a.Cache.HasValue);
    }

    [Fact]
    public void A_group_refuses_bad_definitions_with_the_reason()
    {
        using var one = new Instrument(TestNames.Unique(), null);
        using var two = new Instrument(TestNames.Unique(), null);
        var a = new GroupParameter<int>("a", one);
        var b = new GroupParameter<int>("b", two);
        Assert.Contains("a group's members share one instrument", Assert.Throws<ArgumentException>(() => new ParameterGroup([a, b])).Message);
        Assert.Contains("names {c}, which is not a member", Assert.Throws<ArgumentException>(() => new ParameterGroup([a], setCommand: "X {a},{c}")).Message);
        var plain = new Parameter<int>("plain", one);
        Assert.Contains("a group's members are GroupParameter<T>", Assert.Throws<ArgumentException>(() => new ParameterGroup([a, plain])).Message);
        Assert.Contains("belongs to no ParameterGroup yet", Assert.Throws<ParameterException>(() => a.Get()).Message);
    }

    [Fact]
    public void A_multi_parameter_returns_named_values_and_refuses_a_reply_of_another_length()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var iv = new MultiParameter("iv", ["voltage", "current"], inst) { GetCommand = "READ?", Units = ["V", "A"] };
        device.Values["READ"] = "1.5,0.002";
        var named = iv.GetNamed();
        Assert.Equal(1.5, named["voltage"]);
        Assert.Equal(0.002, named["current"]);
        var snapshot = iv.BuildSnapshot();
        Assert.Equal(["voltage", "current"], snapshot["names"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["V", "A"], snapshot["units"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["voltage", "current"], snapshot["labels"]!.AsArray().Select(n => (string?)n));
        device.Values["READ"] = "1.5,0.002,7";
        var e = Assert.Throws<ParameterException>(() => iv.Get());
        Assert.Contains($"the value read holds 3 values, but {inst.Name}_iv has 2 (voltage, current)", e.Message);
        Assert.Throws<ArgumentException>(() => new MultiParameter("bad", ["a", "a"], inst));
        Assert.Throws<ArgumentException>(() => new MultiParameter("bad2", ["a", "b"], inst) { Units = ["V"] });
    }

    [Fact]
    public void A_trace_with_setpoints_is_checked_against_its_axis_on_read_and_set()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var frequency = new Parameter<double[]>("frequency", inst) { Unit = "Hz", InitialValue = [1e6, 2e6, 3e6] };
        var trace = new ParameterWithSetpoints("trace", [frequency], inst) { Unit = "dBm", GetCommand = "TRAC?", SetCommand = "TRAC {0}" };
        device.Values["TRAC"] = "-10,-20,-30";
        Assert.Equal([-10.0, -20.0, -30.0], trace.Get());
        trace.ValidateConsistentShape();
        device.Values["TRAC"] = "-10,-20";
        var e = Assert.Throws<ParameterException>(() => trace.Get());
        Assert.Contains($"has 2 points, but the setpoints {inst.Name}_frequency (3) span 3", e.Message);
        Assert.Contains("has 4 points", Assert.Throws<ValidationException>(() => trace.Set([1, 2, 3, 4])).Message);
        frequency.Set([1e6, 2e6]);
        Assert.Contains("has 3 points", Assert.Throws<InvalidOperationException>(trace.ValidateConsistentShape).Message);
        var snapshot = trace.BuildSnapshot();
        Assert.False(snapshot.ContainsKey("value"));
        Assert.False(trace.NeedsSnapshotRead(SnapshotUpdate.All));
    }

    [Fact]
    public void A_trace_over_two_axes_holds_the_product_of_their_lengths()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var x = new Parameter<double[]>("x", inst) { InitialValue = [0, 1] };
        var y = new Parameter<double[]>("y", inst) { InitialValue = [0, 1, 2] };
        var map = new ParameterWithSetpoints("map", [x, y], inst);
        map.Set(new double[6]);
        Assert.Equal(6, map.ExpectedLength());
        var none = new ParameterWithSetpoints("none", [], inst);
        Assert.Contains("has no setpoints", Assert.Throws<InvalidOperationException>(() => none.Set([1.0])).Message);
    }

    [Fact]
    public void Elapsed_time_counts_seconds_from_creation_and_from_a_reset()
    {
        var clock = new SteppingClock();
        using var inst = new Instrument(TestNames.Unique(), null, new InstrumentOptions { TimeProvider = clock });
        var elapsed = new ElapsedTimeParameter("t", inst);
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(2.5, elapsed.Get(), 6);
        elapsed.ResetClock();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1.0, elapsed.Get(), 6);
        Assert.Equal("s", elapsed.Unit);
        Assert.Equal("Elapsed time", elapsed.Label);
        Assert.False(elapsed.Settable);
    }

    /// <summary>A clock whose timestamps move only when told.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
