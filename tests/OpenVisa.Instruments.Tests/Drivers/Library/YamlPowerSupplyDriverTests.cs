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
        Assert.Equal(31.0, psu.Channel(1).Voltage.Get(), 3);
        // Past the driver's validator, the instrument itself refuses: -222 in its error queue.
        dp.Write(":SOUR3:VOLT 6");
        Assert.Contains(Assert.Throws<InstrumentErrorException>(dp.CheckErrors).Errors, error => error.Code == -222);
        psu.AllOutputsOff();
        Assert.False(ch2.Output.Get());
        Assert.Equal(0.0, ch2.MeasuredCurrent.Get(), 3);
    }

    [Fact]
    public async Task Siglent_SPD3303X_switches_outputs_it_can_only_report_in_its_status_word()
    {
        await using var spd = Simulated.Open<YamlPowerSupply>("siglent/SPD3303X");
        IPowerSupply psu = spd;
        Assert.Equal(2, psu.ChannelCount);
        var ch1 = psu.Channel(1);
        await ch1.Voltage.SetAsync(10);
        await ch1.Current.SetAsync(0.5);
        await ch1.Output.SetAsync(true);
        Assert.False(ch1.Output.Gettable);
        Assert.Equal("0x10", spd.Call("status"));
        Assert.Equal(0.5, await ch1.MeasuredCurrent.GetAsync(), 3);
        Assert.Equal(5.0, await ch1.MeasuredVoltage.GetAsync(), 3);
        Assert.Equal(2.5, spd.Channel(1).Parameter<double>("measured_power").Get(), 3);
        await psu.AllOutputsOffAsync();
        Assert.Equal("0x0", spd.Call("status"));
        Assert.Throws<ValidationException>(() => ch1.Current.Set(3.3));
    }

    [Fact]
    public void RS_HMC8043_selects_each_channel_in_the_same_message_and_needs_its_master_switch()
    {
        using var hmc = Simulated.Open<YamlPowerSupply>("rs/HMC8043");
        IPowerSupply psu = hmc;
        var ch3 = psu.Channel(3);
        ch3.Voltage.Set(5);
        ch3.Current.Set(1);
        Assert.Equal(5.0, ch3.Voltage.Get(), 3);
        Assert.Equal(0.0, psu.Channel(1).Voltage.Get(), 3);
        ch3.Output.Set(true);
        Assert.True(hmc.Parameter<bool>("master_output").Get());
        Assert.Equal(0.5, ch3.MeasuredCurrent.Get(), 3);
        Assert.Equal(0.0, psu.Channel(2).MeasuredCurrent.Get(), 3);
        // All outputs off opens the master switch: the channel stays armed but delivers nothing.
        psu.AllOutputsOff();
        Assert.False(hmc.Parameter<bool>("master_output").Get());
        Assert.True(ch3.Output.Get());
        Assert.Equal(0.0, ch3.MeasuredVoltage.Get(), 3);
    }

    [Fact]
    public void Keysight_E3631A_has_a_negative_output_and_one_switch_for_all_three()
    {
        using var e3631 = Simulated.Open<YamlPowerSupply>("keysight/E3631A");
        IPowerSupply psu = e3631;
        var n25 = psu.Channel(3);
        n25.Voltage.Set(-12);
        n25.Current.Set(0.5);
        Assert.Equal(-12.0, n25.Voltage.Get(), 6);
        Assert.Throws<ValidationException>(() => psu.Channel(2).Voltage.Set(-1));
        Assert.Throws<ValidationException>(() => psu.Channel(1).Current.Set(5.2));
        psu.Channel(1).Output.Set(true);
        // One switch: output 3 is on too.
        Assert.True(n25.Output.Get());
        Assert.Equal(-12.0, n25.MeasuredVoltage.Get(), 6);
        Assert.Equal(0.12, n25.MeasuredCurrent.Get(), 6);
        Assert.Equal(0.0, psu.Channel(1).MeasuredVoltage.Get(), 6);
        e3631.Write("INST:NSEL 1;:VOLT 7");
        Assert.Contains(Assert.Throws<InstrumentErrorException>(e3631.CheckErrors).Errors, error => error.Code == -222);
        psu.AllOutputsOff();
        Assert.False(psu.Channel(2).Output.Get());
    }
}
