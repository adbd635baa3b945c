using System.Text.Json.Nodes;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Snapshots;

public class SnapshotTests
{
    [Fact]
    public void An_instrument_snapshot_has_QCoDeS_keys()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(device), new InstrumentOptions { Timeout = TimeSpan.FromSeconds(5) });
        psu.Metadata["bench"] = "A";
        var snapshot = psu.Snapshot(SnapshotUpdate.Never);
        Assert.Equal(["functions", "submodules", "__class__", "parameters", "name", "label", "address", "terminator", "read_terminator", "write_terminator", "timeout", "metadata"],
            snapshot.Select(p => p.Key));
        Assert.Equal(typeof(TestSupply).FullName, (string?)snapshot["__class__"]);
        Assert.Equal(psu.Name, (string?)snapshot["name"]);
        Assert.Equal(FakeLibrary.Address, (string?)snapshot["address"]);
        Assert.Equal(5.0, (double?)snapshot["timeout"]);
        Assert.Equal("\n", (string?)snapshot["read_terminator"]);
        Assert.Equal("A", (string?)snapshot["metadata"]!["bench"]);
        Assert.NotNull(snapshot["functions"]!["reset"]);
        Assert.NotNull(snapshot["parameters"]!["IDN"]);
    }

    [Fact]
    public void A_parameter_snapshot_has_QCoDeS_keys_and_optional_ones_only_when_set()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var gain = new Parameter<double>("gain", inst) { Label = "Gain", Unit = "V", SetCommand = "GAIN {0}", GetCommand = "GAIN?", Validator = new Numbers(-800, 400), Scale = 2 };
        gain.Step = 0.5;
        gain.PostDelay = TimeSpan.FromMilliseconds(100);
        gain.Metadata["calibrated"] = true;
        gain.SafetyLimits = new SafetyLimits(null, 300, "bench.yaml line 3");
        gain.Cache.Set(11);
        var s = gain.BuildSnapshot();
        Assert.Equal(["__class__", "full_name", "value", "raw_value", "ts", "instrument", "instrument_name", "inter_delay", "post_delay", "name", "label", "unit",
            "validators", "vals", "step", "scale", "safety_limits", "metadata"], s.Select(p => p.Key));
        Assert.Equal("OpenVisa.Instruments.Parameter<double>", (string?)s["__class__"]);
        Assert.Equal($"{inst.Name}_gain", (string?)s["full_name"]);
        Assert.Equal(11.0, (double?)s["value"]);
        Assert.Equal(22.0, (double?)s["raw_value"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", (string?)s["ts"]);
        Assert.Equal("OpenVisa.Instruments.Instrument", (string?)s["instrument"]);
        Assert.Equal(0L, (long?)s["inter_delay"]);
        Assert.Equal(0.1, (double?)s["post_delay"]);
        Assert.Equal("<Numbers -800<=v<=400>", (string?)s["validators"]![0]);
        Assert.Equal("<Numbers -800<=v<=400>", (string?)s["vals"]);
        Assert.Equal(300.0, (double?)s["safety_limits"]!["max"]);

        var plain = new Parameter<string>("plain", inst).BuildSnapshot();
        Assert.Null(plain["ts"]);
        Assert.Null(plain["value"]);
        Assert.True(plain.ContainsKey("value"));
        Assert.False(plain.ContainsKey("vals"));
        Assert.False(plain.ContainsKey("step"));
        Assert.Empty(plain["validators"]!.AsArray());
    }

    [Fact]
    public void Mapping_and_identity_values_are_written_as_JSON_objects()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var output = new Parameter<bool>("output", inst) { SetCommand = "OUTP {0}", Mapping = ValueMapping.OnOff("1", "0") };
        output.Set(true);
        var s = output.BuildSnapshot();
        Assert.Equal("1", (string?)s["val_mapping"]!["true"]);
        Assert.True((bool?)s["value"]);
        inst.Connect();
        var idn = inst.Idn.BuildSnapshot()["value"]!;
        Assert.Equal("Fake Instruments", (string?)idn["vendor"]);
        Assert.Equal("SN0001", (string?)idn["serial"]);
    }

    [Fact]
    public async Task Update_modes_read_all_only_stale_or_nothing()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device);
        var a = new Parameter<double>("a", inst) { GetCommand = "A?" };
        var b = new Parameter<double>("b", inst) { GetCommand = "B?" };
        device.Values["A"] = "1";
        device.Values["B"] = "2";
        inst.Idn.Cache.Set(new InstrumentIdentity("x", "y", "z", "w"));

        inst.Snapshot(SnapshotUpdate.Never);
        Assert.Empty(device.Received);

        await a.GetAsync();
        device.ClearLog();
        var stale = await inst.SnapshotAsync(SnapshotUpdate.OnlyStale);
        Assert.Equal(["B?"], device.Received);
        Assert.Equal(2.0, (double?)stale["parameters"]!["b"]!["value"]);

        device.ClearLog();
        inst.Snapshot(SnapshotUpdate.All);
        Assert.Equal(["*IDN?", "A?", "B?"], device.Received);
    }

    [Fact]
    public void Snapshot_flags_skip_reads_values_or_whole_parameters()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        _ = new Parameter<double>("mode_changing", inst) { GetCommand = "READ?", SnapshotGet = false };
        _ = new Parameter<double[]>("trace", inst) { GetCommand = "TRACE?", SnapshotValue = false };
        _ = new Parameter<double>("secret", inst) { GetCommand = "SECRET?", SnapshotExclude = true };
        device.Values["TRACE"] = "1,2";
        var s = inst.Snapshot(SnapshotUpdate.All)["parameters"]!.AsObject();
        Assert.DoesNotContain("READ?", device.Received);
        Assert.DoesNotContain("SECRET?", device.Received);
        // As in QCoDeS (snapshot_base reads only when snapshot_value is true), a value the snapshot does not hold is not read.
        Assert.DoesNotContain("TRACE?", device.Received);
        Assert.False(s.ContainsKey("secret"));
        Assert.False(s["trace"]!.AsObject().ContainsKey("value"));
        Assert.True(s["mode_changing"]!.AsObject().ContainsKey("value"));
    }

    [Fact]
    public void A_parameter_that_fails_during_a_snapshot_keeps_its_cached_value()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var broken = new Parameter<double>("broken", inst) { GetCommand = "BROKEN?", InitialValue = 4 };
        var fine = new Parameter<double>("fine", inst) { GetCommand = "FINE?" };
        device.Values["FINE"] = "5";
        broken.InvalidateCache();
        var s = inst.Snapshot(SnapshotUpdate.All)["parameters"]!;
        Assert.Equal(4.0, (double?)s["broken"]!["value"]);
        Assert.Equal(5.0, (double?)s["fine"]!["value"]);
    }

    [Fact]
    public void Channel_lists_follow_QCoDeS_and_channels_appear_once()
    {
        using var psu = new TestSupply(TestNames.Unique("psu"), null);
        var s = psu.Snapshot(SnapshotUpdate.Never);
        var submodules = s["submodules"]!.AsObject();
        Assert.Equal(["ch1", "ch2", "ch3", "channels"], submodules.Select(p => p.Key));
        Assert.Equal(new JsonObject { ["snapshotable"] = false, ["__class__"] = "OpenVisa.Instruments.ChannelList<OpenVisa.Instruments.Tests.Support.TestSupplyChannel>" }.ToJsonString(),
            submodules["channels"]!.ToJsonString());
        Assert.Equal($"{psu.Name}_ch2", (string?)submodules["ch2"]!["name"]);
        var listed = new ChannelList<TestSupplyChannel>(psu, "all", psu.Channels).BuildSnapshot();
        Assert.Equal([$"{psu.Name}_ch1", $"{psu.Name}_ch2", $"{psu.Name}_ch3"], listed["channels"]!.AsObject().Select(p => p.Key));
        Assert.True((bool?)listed["snapshotable"]);
    }

    [Fact]
    public void Non_finite_values_and_arrays_are_valid_JSON()
    {
        Assert.Equal("\"NaN\"", SnapshotJson.ToNode(double.NaN)!.ToJsonString());
        Assert.Equal("\"-Infinity\"", SnapshotJson.ToNode(double.NegativeInfinity)!.ToJsonString());
        Assert.Equal("[[1,2],[3,4]]", SnapshotJson.ToNode(new[,] { { 1, 2 }, { 3, 4 } })!.ToJsonString());
        Assert.Equal("\"Friday\"", SnapshotJson.ToNode(DayOfWeek.Friday)!.ToJsonString());
    }

    [Fact]
    public void The_readable_form_lists_parameters_sorted_with_units_and_recurses()
    {
        using var psu = new TestSupply(TestNames.Unique("psu"), null);
        psu.Channel(1).Voltage.Cache.Set(5.123456);
        psu.Channel(1).Output.Cache.Set(true);
        var text = psu.ReadableSnapshot(maxChars: 60);
        var lines = text.Split('\n');
        Assert.Equal(psu.Name + ":", lines[0]);
        Assert.StartsWith("  parameter", lines[1]);
        Assert.Equal(new string('-', 60), lines[2]);
        Assert.Contains($"{psu.Name}_ch1:", lines);
        Assert.Contains(lines, l => l.StartsWith("voltage") && l.EndsWith(": 5.1235 (V)"));
        Assert.Contains(lines, l => l.StartsWith("output") && l.EndsWith(": True"));
        var ch1 = Array.IndexOf(lines, $"{psu.Name}_ch1:");
        Assert.StartsWith("output", lines[ch1 + 3]);
    }
}
