using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers.Library;

/// <summary>The Lake Shore controllers written in YAML, through <see cref="ITemperatureController"/>, on a simulated 4.2 K cryostat.</summary>
public sealed class YamlTemperatureDriverTests
{
    [Fact]
    public void Lakeshore_336_loops_regulate_their_own_inputs()
    {
        using var ls336 = Simulated.Open<YamlTemperatureController>("lakeshore/336");
        ITemperatureController controller = ls336;
        Assert.Equal(2, controller.ChannelCount);
        var loop1 = controller.Channel(1);
        Assert.Equal(HeaterRange.Off, loop1.HeaterRange.Get());
        Assert.Equal(4.2, loop1.Temperature.Get(), 3);
        loop1.Setpoint.Set(77);
        loop1.HeaterRange.Set(HeaterRange.Medium);
        loop1.HeaterRange.InvalidateCache();
        Assert.Equal(HeaterRange.Medium, loop1.HeaterRange.Get());
        Assert.Equal(77.0, loop1.Temperature.Get(), 3);
        Assert.Equal(72.8, loop1.HeaterOutput.Get(), 1);
        // Loop 2 reads input B, which its heater (off) leaves at the base temperature.
        Assert.Equal(4.2, controller.Channel(2).Temperature.Get(), 3);
        Assert.Equal(77.0, ls336.ChannelList("inputs")[0].Parameter<double>("temperature").Get(), 3);
        Assert.Equal(4.2, ls336.ChannelList("inputs")[3].Parameter<double>("temperature").Get(), 3);
        Assert.Equal("KRDG? B", ((YamlTemperatureLoop)controller.Channel(2)).Temperature.GetCommand);
        Assert.Throws<ArgumentOutOfRangeException>(() => controller.Channel(3));
    }

    [Fact]
    public async Task Lakeshore_335_sets_pid_and_reports_in_kelvin_and_celsius()
    {
        await using var ls335 = Simulated.Open<YamlTemperatureController>("lakeshore/335");
        ITemperatureController controller = ls335;
        var loop2 = ls335.Channel(2);
        loop2.Functions["set_pid"].Call(40, 15, 2);
        Assert.Equal("+40.0,+15.0,+2.0", await loop2.Parameter<string>("pid").GetAsync());
        await loop2.Setpoint.SetAsync(300);
        await loop2.HeaterRange.SetAsync(HeaterRange.High);
        Assert.Equal(300.0, await loop2.Temperature.GetAsync(), 3);
        Assert.Equal(29.6, await loop2.HeaterOutput.GetAsync(), 1);
        Assert.Equal(26.85, ls335.ChannelList("inputs")[1].Parameter<double>("celsius").Get(), 2);
        Assert.Equal(2, ls335.ChannelList("inputs").Count);
        Assert.Equal(4.2, controller.Channel(1).Temperature.Get(), 3);
    }
}
