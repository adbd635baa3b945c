using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>
/// The edge cases QCoDeS's own group tests pin down: a value mapping on a member (its <c>val_mapping</c>), scale on a
/// member, stale members read again before a set, and every member's cache refreshed by a group command.
/// </summary>
public class GroupEdgeTests
{
    [Fact]
    public void A_mapped_member_reads_its_token_from_the_reply_and_sends_its_token_in_the_command()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var enabled = new GroupParameter<bool>("enabled", inst) { Mapping = ValueMapping.OnOff("1", "0") };
        var gain = new GroupParameter<double>("gain", inst);
        _ = new ParameterGroup([enabled, gain], setCommand: "SGP {enabled},{gain}", getCommand: "SGP?");
        device.Values["SGP"] = "1,2.5";
        Assert.True(enabled.Get());
        Assert.Equal("1", enabled.Cache.RawValue);
        Assert.Equal(2.5, gain.Cache.Value);
        device.ClearLog();
        enabled.Set(false);
        Assert.Equal(["SGP 0,2.5"], device.Received);
        Assert.False(enabled.Cache.Value);
        Assert.Equal("0", enabled.Cache.RawValue);
        gain.Set(4);
        Assert.Equal("SGP 0,4", device.Received[^1]);
        Assert.Equal("1", (string?)enabled.BuildSnapshot()["val_mapping"]!["true"]);
    }

    [Fact]
    public async Task A_mapped_member_works_asynchronously_too()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var mode = new GroupParameter<Mode>("mode", inst) { Mapping = ValueMapping.ForEnum<Mode>(m => m == Mode.Fast ? "F" : "S") };
        var level = new GroupParameter<int>("level", inst);
        _ = new ParameterGroup([mode, level], setCommand: "CFG {mode},{level}", getCommand: "CFG?");
        device.Values["CFG"] = "S,3";
        Assert.Equal(Mode.Slow, await mode.GetAsync());
        await mode.SetAsync(Mode.Fast);
        Assert.Equal("CFG F,3", device.Received[^1]);
        Assert.Equal(Mode.Fast, await mode.GetAsync());
    }

    [Fact]
    public void A_reply_token_outside_the_mapping_is_named_and_changes_no_cache()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var enabled = new GroupParameter<bool>("enabled", inst) { Mapping = ValueMapping.OnOff("1", "0") };
        var gain = new GroupParameter<double>("gain", inst);
        _ = new ParameterGroup([gain, enabled], getCommand: "SGP?");
        device.Values["SGP"] = "2.5,7";
        var e = Assert.Throws<ParameterException>(() => gain.Get());
        Assert.Contains($"the value '7' for {inst.Name}_enabled in the reply to 'SGP?' is none of the mapped tokens", e.Message);
        Assert.False(gain.Cache.HasValue);
        Assert.False(enabled.Cache.HasValue);
    }

    [Fact]
    public void A_mapped_member_refuses_an_unmapped_value_before_sending_anything()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var range = new GroupParameter<int>("range", inst) { Mapping = new ValueMapping<int> { [1] = "LOW", [2] = "HIGH" } };
        _ = new ParameterGroup([range], setCommand: "RNG {range}", getCommand: "RNG?");
        device.ClearLog();
        var e = Assert.Throws<ValidationException>(() => range.Set(3));
        Assert.Contains("3", e.Message);
        Assert.Empty(device.Received);
    }

    [Fact]
    public void A_scaled_member_caches_its_value_and_its_raw_value_apart()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var a = new GroupParameter<double>("a", inst) { Scale = 10 };
        var b = new GroupParameter<double>("b", inst);
        _ = new ParameterGroup([a, b], setCommand: "CMD {a},{b}", getCommand: "CMD?");
        device.Values["CMD"] = "10,5";
        Assert.Equal(1, a.Get());
        Assert.Equal(10.0, a.Cache.RawValue);
        a.Set(10);
        Assert.Equal("CMD 100,5", device.Received[^1]);
        Assert.Equal(10, a.Cache.Value);
        Assert.Equal(100.0, a.Cache.RawValue);
    }

    [Fact]
    public void A_stale_member_is_read_again_before_a_set_so_its_old_value_is_not_sent_back()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var low = new GroupParameter<double>("low", inst);
        var high = new GroupParameter<double>("high", inst);
        _ = new ParameterGroup([low, high], setCommand: "LIM {low},{high}", getCommand: "LIM?");
        device.Values["LIM"] = "-1,1";
        low.Get();
        // Someone changed the low limit on the front panel and said so by invalidating the cache.
        device.Values["LIM"] = "-3,1";
        low.InvalidateCache();
        device.ClearLog();
        high.Set(2);
        Assert.Equal(["LIM?", "LIM -3,2"], device.Received);
        Assert.Equal(-3, low.Cache.Value);
    }

    [Fact]
    public void Setting_one_member_refreshes_the_cache_of_every_member_it_sent()
    {
        var clock = new ManualClock();
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { TimeProvider = clock });
        var a = new GroupParameter<int>("a", inst);
        var b = new GroupParameter<int>("b", inst) { MaxValueAge = TimeSpan.FromSeconds(10) };
        _ = new ParameterGroup([a, b], setCommand: "CMD {a},{b}", getCommand: "CMD?");
        device.Values["CMD"] = "0,0";
        a.Get();
        clock.Advance(TimeSpan.FromSeconds(8));
        a.Set(10);
        Assert.Equal(clock.GetUtcNow(), b.Cache.Timestamp);
        Assert.Equal(clock.GetUtcNow(), a.Cache.Timestamp);
        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.True(b.Cache.IsValid);
        Assert.Equal(0, b.Cache.Get());
        Assert.Equal(10, a.Cache.Value);
    }

    private enum Mode
    {
        Slow,
        Fast,
    }
}
