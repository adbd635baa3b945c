using System.Diagnostics;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

public class ParameterBehaviourTests
{
    [Fact]
    public async Task Delegates_get_and_set_raw_values_sync_and_async()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        double stored = 0;
        var p = new Parameter<double>("level", inst) { Getter = () => stored, Setter = v => stored = v, Scale = 2 };
        p.Set(3);
        Assert.Equal(6, stored);
        stored = 10;
        Assert.Equal(5, p.Get());
        await p.SetAsync(1);
        Assert.Equal(2, stored);
        Assert.Equal(1, await p.GetAsync());
    }

    [Fact]
    public async Task An_async_only_getter_is_refused_by_the_sync_Get_with_a_hint()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<int>("slow", inst) { AsyncGetter = async ct => { await Task.Yield(); return 42; } };
        Assert.Equal(42, await p.GetAsync());
        var e = Assert.Throws<ParameterException>(() => p.Get());
        Assert.Contains("has only an asynchronous getter; read it with GetAsync", e.Message);
    }

    [Fact]
    public void A_manual_parameter_keeps_what_it_is_given()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var note = new Parameter<string>("note", inst);
        Assert.True(note.IsManual);
        Assert.True(note.Gettable && note.Settable);
        var e = Assert.Throws<InvalidOperationException>(() => note.Get());
        Assert.Contains("has no cached value yet", e.Message);
        note.Set("cable B");
        Assert.Equal("cable B", note.Get());
        var gain = new Parameter<double>("gain", inst) { InitialValue = 11 };
        Assert.Equal(11, gain.Get());
    }

    [Fact]
    public void Write_only_and_read_only_parameters_say_what_they_cannot_do()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var writeOnly = new Parameter<double>("wo", inst) { SetCommand = "WO {0}" };
        var readOnly = new Parameter<double>("ro", inst) { GetCommand = "RO?" };
        writeOnly.Set(1);
        Assert.Contains("cannot be read: it is write-only", Assert.Throws<InvalidOperationException>(() => writeOnly.Get()).Message);
        Assert.Equal(1, writeOnly.Cache.Get());
        Assert.Contains("cannot be set: it is read-only", Assert.Throws<InvalidOperationException>(() => readOnly.Set(1)).Message);
        Assert.False(readOnly.Settable);
        Assert.False(writeOnly.Gettable);
    }

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void A_definition_that_cannot_work_is_reported_on_first_use(Func<Instrument, ParameterBase> define, string expected)
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var p = define(inst);
        var e = Assert.Throws<InvalidOperationException>(p.CheckDefinition);
        Assert.StartsWith($"Parameter {p.FullName} is misconfigured: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Throws<InvalidOperationException>(() => inst.CheckDefinitions());
    }

    public static TheoryData<Func<Instrument, ParameterBase>, string> Misconfigurations() => new()
    {
        { i => new Parameter<double>("a", i) { GetCommand = "A?", Getter = () => 1 }, "both a GetCommand and a getter delegate" },
        { i => new Parameter<double>("b", i) { SetCommand = "B {0}", Setter = _ => { } }, "both a SetCommand and a setter delegate" },
        { i => new Parameter<double>("c", i) { SetCommand = "C" }, "has no {0} for the value" },
        { i => new Parameter<string>("d", i) { GetCommand = "D?", Scale = 2 }, "scale and offset apply to double and double[] values, not string" },
        { i => new Parameter<bool>("e", i) { Getter = () => true, Mapping = ValueMapping.OnOff() }, "a value mapping converts command text" },
        { i => new Parameter<double>("f", i) { SetCommand = "F {0}", MaxValueAge = TimeSpan.FromSeconds(1) }, "cannot be read from the instrument" },
        { i => new Parameter<Uri>("g", i) { GetCommand = "G?" }, "no default conversion from a reply to System.Uri; give a GetParser" },
        { i => new Parameter<bool>("h", i) { GetCommand = "H?", Mapping = ValueMapping.OnOff(), GetParser = s => true }, "mapping and a parser" },
    };

    [Fact]
    public void A_command_parameter_without_an_instrument_is_misconfigured()
    {
        var p = new Parameter<double>("free") { GetCommand = "X?" };
        Assert.Contains("belongs to no instrument", Assert.Throws<InvalidOperationException>(() => p.Get()).Message);
    }

    [Fact]
    public void Step_settings_are_checked_when_given()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var text = new Parameter<string>("text", inst);
        Assert.Contains("cannot be ramped", Assert.Throws<InvalidOperationException>(() => text.Step = 1).Message);
        var count = new Parameter<int>("count", inst);
        Assert.Contains("whole number", Assert.Throws<ArgumentOutOfRangeException>(() => count.Step = 0.5).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentOutOfRangeException>(() => count.Step = -1).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => count.PostDelay = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public void Duplicate_and_invalid_parameter_names_are_refused()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        _ = new Parameter<double>("volt", inst);
        Assert.Contains("already has a parameter named 'volt'", Assert.Throws<ArgumentException>(() => new Parameter<double>("volt", inst)).Message);
        Assert.Contains("'volt-2' is not a valid parameter name", Assert.Throws<ArgumentException>(() => new Parameter<double>("volt-2", inst)).Message);
        Assert.True(inst.RemoveParameter("volt"));
        _ = new Parameter<double>("volt", inst);
    }

    [Fact]
    public void The_cache_expires_after_its_maximum_age_and_a_stale_read_asks_the_instrument()
    {
        var device = new FakeDevice();
        var clock = new ManualClock();
        using var inst = TestNames.Connected(device, new InstrumentOptions { TimeProvider = clock });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", MaxValueAge = TimeSpan.FromSeconds(10) };
        device.Values["VOLT"] = "1";
        Assert.Equal(1, volt.Cache.Get());
        Assert.Equal(clock.GetUtcNow(), volt.Cache.Timestamp);
        device.Values["VOLT"] = "2";
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(volt.Cache.IsValid);
        Assert.Equal(1, volt.Cache.Get());
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False(volt.Cache.IsValid);
        Assert.Equal(1, volt.Cache.Get(getIfInvalid: false));
        Assert.Equal(2, volt.Cache.Get());
        Assert.Equal(2, device.Received.Count(c => c == "VOLT?"));
    }

    [Fact]
    public async Task Invalidating_makes_the_next_cache_read_ask_again()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device);
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?" };
        device.Values["VOLT"] = "1";
        await volt.GetAsync();
        device.Values["VOLT"] = "3";
        Assert.Equal(1, await volt.Cache.GetAsync());
        inst.InvalidateCache();
        Assert.False(volt.Cache.IsValid);
        Assert.Equal(3, await volt.Cache.GetAsync());
    }

    [Fact]
    public void Cache_Set_validates_and_records_without_sending()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var p = new Parameter<double>("v", inst) { SetCommand = "V {0}", Scale = 2, Validator = new Numbers(0, 5) };
        p.Cache.Set(2);
        Assert.Empty(device.Received);
        Assert.Equal(4.0, p.Cache.RawValue);
        Assert.Throws<ValidationException>(() => p.Cache.Set(6));
    }

    [Fact]
    public void A_ramp_sends_each_step_from_the_cached_value_and_validates_each()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var steps = new List<double>();
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}", OnSet = steps.Add };
        volt.Step = 0.5;
        device.Values["VOLT"] = "0";
        volt.Set(1.75);
        Assert.Equal(["VOLT?", "VOLT 0.5", "VOLT 1", "VOLT 1.5", "VOLT 1.75"], device.Received);
        Assert.Equal([0.5, 1, 1.5, 1.75], steps);
        device.ClearLog();
        volt.Set(1);
        Assert.Equal(["VOLT 1.25", "VOLT 1"], device.Received);
    }

    [Fact]
    public void A_ramp_stops_at_the_first_step_a_validator_refuses()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var forbidden = new Numbers(0, 1.2);
        var volt = new Parameter<double>("volt", inst) { SetCommand = "VOLT {0}", InitialValue = 0 };
        volt.Step = 0.5;
        volt.Set(1);
        volt.AddValidator(new MultiTypeOr(forbidden, new EnumValues(2.0)));
        device.ClearLog();
        var e = Assert.Throws<ValidationException>(() => volt.Set(2));
        Assert.StartsWith("1.5 is invalid", e.Message);
        Assert.Empty(device.Received);
        Assert.Equal(1, volt.Cache.Value);
    }

    [Fact]
    public void An_integer_ramp_steps_in_whole_numbers_downwards_too()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var sent = new List<int>();
        var p = new Parameter<int>("n", inst) { Setter = sent.Add, Getter = () => 10 };
        p.Step = 3;
        p.Set(0);
        Assert.Equal([7, 4, 1, 0], sent);
    }

    [Fact]
    public void Ramp_steps_are_computed_with_a_known_start()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<double>("x", inst) { Step = 0.4 };
        Assert.Equal([0.4, 0.8, 1.0], p.RampSteps(1.0, 0.0));
        Assert.Equal([1.0], p.RampSteps(1.0, 1.0));
        Assert.Equal([-0.4, -0.5], p.RampSteps(-0.5, 0.0));
    }

    [Fact]
    public void Post_delay_and_inter_delay_stretch_the_sets()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var times = new List<long>();
        var p = new Parameter<double>("x", inst) { Setter = _ => times.Add(Stopwatch.GetTimestamp()) };
        p.InterDelay = TimeSpan.FromMilliseconds(60);
        var before = Stopwatch.GetTimestamp();
        p.Set(1);
        p.Set(2);
        Assert.True(Stopwatch.GetElapsedTime(before, times[1]) >= TimeSpan.FromMilliseconds(60));
        p.InterDelay = TimeSpan.Zero;
        p.PostDelay = TimeSpan.FromMilliseconds(60);
        var started = Stopwatch.GetTimestamp();
        p.Set(3);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public async Task Post_delay_applies_to_async_sets()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<double>("x", inst) { Setter = _ => { }, PostDelay = TimeSpan.FromMilliseconds(60) };
        var started = Stopwatch.GetTimestamp();
        await p.SetAsync(3);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void Label_defaults_to_the_name_and_full_names_join_parents()
    {
        using var psu = new TestSupply(TestNames.Unique("psu"), null);
        var volt = psu.Channel(2).Voltage;
        Assert.Equal($"{psu.Name}_ch2_voltage", volt.FullName);
        Assert.Equal("Voltage", volt.Label);
        Assert.Equal("output", psu.Channel(2).Output.Label);
    }
}
