using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>
/// A delegate's cache is a view on its source's cache through the delegate's scale and offset, as QCoDeS's
/// <c>DelegateParameter._DelegateCache</c> is: it has no value of its own to go stale or disagree with the source.
/// </summary>
public class DelegateCacheTests
{
    [Fact]
    public void The_delegate_cache_reports_the_source_cache_through_scale_and_offset()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate", dac, inst) { Scale = 2, Offset = 1 };
        Assert.False(gate.Cache.HasValue);
        dac.Set(7);
        Assert.True(gate.Cache.HasValue);
        Assert.True(gate.Cache.IsValid);
        Assert.Equal(3, gate.Cache.Value, 12);
        Assert.Equal(7.0, gate.Cache.RawValue);
        Assert.Equal(dac.Cache.Timestamp, gate.Cache.Timestamp);
        Assert.Equal(3, gate.Cache.Get(), 12);
        Assert.Equal(3.0, (double)gate.CachedValue!, 12);
    }

    [Fact]
    public void Setting_the_source_or_its_cache_changes_what_the_delegate_cache_reports()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Unit = "mV", Scale = 0.001 };
        gate.Set(250);
        Assert.Equal(250, gate.Cache.Value, 9);
        dac.Set(0.5);
        Assert.Equal(500, gate.Cache.Value, 9);
        dac.Cache.Set(0.125);
        Assert.Equal(125, gate.Cache.Get(getIfInvalid: false), 9);
    }

    [Fact]
    public void Setting_the_delegate_cache_validates_and_sets_the_source_cache_without_sending_anything()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Scale = 0.001, Validator = new Numbers(-1000, 1000) };
        device.ClearLog();
        gate.Cache.Set(300);
        Assert.Equal(0.3, dac.Cache.Value, 12);
        Assert.Equal(300, gate.Cache.Value, 9);
        Assert.Empty(device.Received);
        var e = Assert.Throws<ValidationException>(() => gate.Cache.Set(5000));
        Assert.Contains("5000", e.Message);
        Assert.Equal(0.3, dac.Cache.Value, 12);
    }

    [Fact]
    public void Invalidating_either_cache_invalidates_both_and_a_stale_delegate_cache_reads_the_source()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Scale = 0.001 };
        dac.Set(0.1);
        gate.Cache.Invalidate();
        Assert.False(dac.Cache.IsValid);
        Assert.False(gate.Cache.IsValid);
        Assert.Equal(100, gate.Cache.Get(getIfInvalid: false), 9);
        device.Values["DAC"] = "0.7";
        device.ClearLog();
        Assert.Equal(700, gate.Cache.Get(), 9);
        Assert.Contains("DAC?", device.Received);
        Assert.True(dac.Cache.IsValid);
        dac.Cache.Invalidate();
        Assert.False(gate.Cache.IsValid);
    }

    [Fact]
    public async Task The_asynchronous_cache_read_of_a_delegate_reads_a_stale_source()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Scale = 0.001 };
        device.Values["DAC"] = "0.2";
        Assert.Equal(200, await gate.Cache.GetAsync(), 9);
        Assert.Equal(0.2, dac.Cache.Value, 12);
    }

    [Fact]
    public void After_a_swap_the_delegate_cache_reports_the_new_source_and_leaves_the_old_one_alone()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var a = new Parameter<int>("a", inst) { InitialValue = 1 };
        var b = new Parameter<int>("b", inst) { InitialValue = 2 };
        var view = new DelegateParameter<int>("view", a, inst);
        Assert.Equal(1, view.Cache.Value);
        view.Source = b;
        Assert.True(view.Cache.IsValid);
        Assert.Equal(2, view.Cache.Value);
        Assert.True(a.Cache.IsValid);
        view.Cache.Set(9);
        Assert.Equal(9, b.Cache.Value);
        Assert.Equal(1, a.Cache.Value);
    }

    [Fact]
    public void The_cache_of_a_delegate_without_a_source_is_empty_and_says_to_set_the_source()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var view = new DelegateParameter<double>("view", null, inst);
        Assert.False(view.Cache.HasValue);
        Assert.False(view.Cache.IsValid);
        Assert.Null(view.Cache.Timestamp);
        Assert.Null(view.Cache.RawValue);
        Assert.Null(view.Cache.MaxValueAge);
        view.Cache.Invalidate();
        var read = Assert.Throws<InvalidOperationException>(() => view.Cache.Get());
        Assert.Contains($"Cannot read the cache of {view.FullName}: it delegates to no source parameter yet; set its Source first", read.Message);
        var write = Assert.Throws<InvalidOperationException>(() => view.Cache.Set(1));
        Assert.Contains($"Cannot set the cache of {view.FullName}", write.Message);
        Assert.Null(view.BuildSnapshot()["source_parameter"]);
    }

    [Fact]
    public void The_delegate_cache_takes_the_maximum_value_age_of_its_source_and_refuses_its_own()
    {
        var clock = new ManualClock();
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { TimeProvider = clock });
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}", MaxValueAge = TimeSpan.FromSeconds(10) };
        var gate = new DelegateParameter<double>("gate", dac, inst);
        Assert.Equal(TimeSpan.FromSeconds(10), gate.Cache.MaxValueAge);
        dac.Set(1);
        Assert.True(gate.Cache.IsValid);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.False(gate.Cache.IsValid);
        var e = Assert.Throws<InvalidOperationException>(() => gate.Cache.MaxValueAge = TimeSpan.FromSeconds(1));
        Assert.Contains("set MaxValueAge on the source parameter instead", e.Message);
    }

    [Fact]
    public async Task GetLatest_of_a_delegate_is_the_source_cache_while_valid_and_reads_the_source_when_stale()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var dac = new Parameter<double>("dac", inst) { GetCommand = "DAC?", SetCommand = "DAC {0}" };
        var gate = new DelegateParameter<double>("gate_mv", dac, inst) { Scale = 0.001 };
        dac.Set(0.04);
        device.Values["DAC"] = "0.09";
        device.ClearLog();
        Assert.Equal(40, gate.GetLatest(), 9);
        Assert.Empty(device.Received);
        dac.InvalidateCache();
        Assert.Equal(90, gate.GetLatest(), 9);
        Assert.Equal(["DAC?"], device.Received);
        gate.InvalidateCache();
        device.Values["DAC"] = "0.01";
        Assert.Equal(10, await gate.GetLatestAsync(), 9);
        var orphan = new DelegateParameter<double>("orphan", null, inst);
        Assert.Contains("it delegates to no source parameter yet", Assert.Throws<InvalidOperationException>(() => orphan.GetLatest()).Message);
    }
}
