using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Model;

/// <summary>Channel list slices are channel lists; functions are called on every channel of a list.</summary>
public class ChannelListSliceTests
{
    [Fact]
    public void A_range_slice_is_a_channel_list_that_sets_on_its_channels_only()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(device));
        ChannelList<TestSupplyChannel> lastTwo = psu.Channels[1..];
        Assert.Equal(["ch2", "ch3"], lastTwo.Select(c => c.Name));
        lastTwo.Set(c => c.Output, true);
        Assert.Equal(["OUTP ON,(@2)", "OUTP ON,(@3)"], device.Received);
        Assert.Equal(["ch1"], psu.Channels[..1].Select(c => c.Name));
        Assert.Equal(["ch3", "ch1"], psu.Channels.Pick(2, 0).Select(c => c.Name));
        Assert.IsType<ChannelList<TestSupplyChannel>>(psu.Channels.Select("ch1", "ch3"));
        Assert.Equal(psu.Channels.Name, lastTwo.Name);
    }

    [Fact]
    public void A_slice_out_of_range_says_how_many_channels_there_are()
    {
        using var psu = new TestSupply(TestNames.Unique("psu"), null);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => psu.Channels.Slice(2, 5));
        Assert.Contains("has 3 channels; the slice from 2 of 5 does not fit", e.Message);
    }

    [Fact]
    public async Task A_function_is_called_on_every_channel_of_a_list()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(device));
        foreach (var channel in psu.Channels)
            _ = new InstrumentFunction("clear_protection", channel, $"OUTP:PROT:CLE (@{channel.ChannelId})");
        psu.Channels[..2].Call("clear_protection");
        Assert.Equal(["OUTP:PROT:CLE (@1)", "OUTP:PROT:CLE (@2)"], device.Received);
        device.ClearLog();
        await psu.Channels.CallAsync("clear_protection", []);
        Assert.Equal(3, device.Received.Count);
        var names = new List<string>();
        psu.Channels.ForEach(c => names.Add(c.FullName));
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public void Calling_a_function_a_channel_lacks_names_it_and_calls_nothing()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(device));
        _ = new InstrumentFunction("clear_protection", psu.Channel(1), "OUTP:PROT:CLE (@1)");
        var e = Assert.Throws<KeyNotFoundException>(() => psu.Channels.Call("clear_protection"));
        Assert.Contains($"{psu.Name}_ch2 has no function 'clear_protection'", e.Message);
        Assert.Contains("nothing was called", e.Message);
        Assert.Empty(device.Received);
    }
}
