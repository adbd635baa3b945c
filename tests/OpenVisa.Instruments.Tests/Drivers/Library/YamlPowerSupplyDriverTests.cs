using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers.Library;

/// <summary>The power supplies written in YAML, used through <see cref="IPowerSupply"/> against their profiles.</summary>
public sealed class YamlPowerSupplyDriverTests
{
    [Fact]
    public void Rigol_DP832_sources_measures_and_refuses_what_its_outputs_cannot()
    {
        using var dp = Simulated.Open<YamlPowerSupply>("rigol/DP832");
        IPowerSupply psu = dp;
        Assert.Equal(3, psu.ChannelCount);
        var ch2 = psu.Channel(2);
        ch2.Voltage.Set(12);
        ch2.Current.Set(0.5);
        ch2.Output.Set(true);
        Assert.True(ch2.Output.Get());
        // 12 V into the profile's 10 ohm would be 1.2 A: the 0.5 A limit holds the output at 5 V.
        Assert.Equal(0.5, ch2.MeasuredCurrent.Get(), 3);
        Assert.Equal(5.0, ch2.MeasuredVoltage.Get(), 3);
        Assert.Equal(0.0, psu.Channel(1).MeasuredVoltage.Get(), 3);
        // Output 3 is a 5 V output: its validator comes from the channel's own rating.
        var e = Assert.Throws<ValidationException>(() => psu.Channel(3).Voltage.Set(6));
        Assert.Contains("5.3", e.Message);
        psu.Channel(1).Voltage.Set(31);
        psu.AllOutputsOff();
        Assert.False(ch2.Output.Get());
        Assert.Equal(0.0, ch2.MeasuredCurrent.Get(), 3);
        Assert.Equal(":OUTPut:STATe CH3,{0}", dp.ChannelList("channels")[2].Parameter<bool>("output").SetCommand);
    }
}
