using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Model;

public class ChannelTests
{
    [Fact]
    public void Channels_are_indexable_by_position_and_name()
    {
        using var psu = new TestSupply(TestNames.Unique(), null);
        Assert.Equal(3, psu.Channels.Count);
        Assert.Same(psu.Channels[1], psu.Channels["ch2"]);
        Assert.Same(psu.Channels[1], psu.Channels[$"{psu.Name}_ch2"]);
        Assert.Equal(["ch1", "ch3"], psu.Channels.Select("ch1", "ch3").Select(c => c.Name));
        Assert.Contains("has 3 channels, indexed 0 to 2", Assert.Throws<ArgumentOutOfRangeException>(() => psu.Channels[3]).Message);
        Assert.Contains("has no channel named 'ch9'; it has: ch1, ch2, ch3", Assert.Throws<KeyNotFoundException>(() => psu.Channels["ch9"]).Message);
    }

    [Fact]
    public async Task Multi_channel_get_and_set_cover_every_channel()
    {
        var device = new FakeDevice();
        await using var psu = new TestSupply(TestNames.Unique(), FakeLibrary.Open(device));
        psu.Channels.Set(c => c.Output, false);
        Assert.Equal(["OUTP OFF,(@1)", "OUTP OFF,(@2)", "OUTP OFF,(@3)"], device.Received);
        await psu.Channels.SetAsync(c => c.Voltage, 3.3);
        var volts = await psu.Channels.GetAsync(c => c.Voltage);
        Assert.Equal([3.3, 3.3, 3.3], volts);
        device.Values["OUTP (@2)"] = "1";
        Assert.Equal([false, true, false], psu.Channels.Get(c => c.Output));
        Assert.Equal([$"{psu.Name}_ch1_voltage", $"{psu.Name}_ch2_voltage", $"{psu.Name}_ch3_voltage"], psu.Channels.Parameter(c => c.Voltage).FullNames);
    }

    [Fact]
    public void A_multi_channel_set_that_one_channel_refuses_is_sent_to_none()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique(), FakeLibrary.Open(device));
        var e = Assert.Throws<ValidationException>(() => psu.Channels.Set(c => c.Voltage, 10.0));
        Assert.Contains($"{psu.Name}_ch1_voltage", e.Message);
        Assert.Empty(device.Received);
    }

    [Fact]
    public void A_list_refuses_channels_of_another_parent_and_duplicate_names()
    {
        using var a = new TestSupply(TestNames.Unique(), null);
        using var b = new TestSupply(TestNames.Unique(), null);
        Assert.Contains("belongs to", Assert.Throws<ArgumentException>(() => new ChannelList<TestSupplyChannel>(a, "mixed", [a.Channel(1), b.Channel(1)])).Message);
        Assert.Contains("are named 'ch1'", Assert.Throws<ArgumentException>(() => new ChannelList<TestSupplyChannel>(a, "dup", [a.Channel(1), a.Channel(1)])).Message);
        Assert.Contains("already has a submodule named 'ch1'", Assert.Throws<ArgumentException>(() => a.AddSubmodule("ch1", a.Channel(1))).Message);
    }

    [Fact]
    public void Modules_chain_their_full_names()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var trigger = inst.AddSubmodule("trigger", new InstrumentModule(inst, "trigger"));
        var level = new Parameter<double>("level", trigger);
        Assert.Equal($"{inst.Name}_trigger_level", level.FullName);
        Assert.Same(inst, trigger.Root);
        Assert.Contains(level, inst.AllParameters());
    }
}
