using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The E36300 driver against its simulation profile (outputs into a 50 ohm load).</summary>
public class SimulatedSupplyTests
{
    [Fact]
    public async Task An_output_regulates_voltage_until_the_current_limit_then_current()
    {
        await using var psu = Simulated.Open<KeysightE36300>("keysight/E36313A");
        var ch2 = psu.Channel(2);
        ch2.Voltage.Set(5.0);
        ch2.Current.Set(1.0);
        Assert.Equal(0.0, ch2.MeasuredVoltage.Get());
        ch2.Output.Set(true);
        Assert.True(ch2.Output.Get());
        Assert.Equal(5.0, ch2.MeasuredVoltage.Get(), 6);
        Assert.Equal(0.1, await ch2.MeasuredCurrent.GetAsync(), 6);
        await ch2.Current.SetAsync(0.05);
        Assert.Equal(0.05, ch2.MeasuredCurrent.Get(), 6);
        Assert.Equal(2.5, ch2.MeasuredVoltage.Get(), 6);
        Assert.Equal(5.0, ch2.Voltage.Get());
    }

    [Fact]
    public async Task The_interface_view_turns_every_output_off()
    {
        await using var instrument = Simulated.Open<KeysightE36300>("keysight/EDU36311A");
        IPowerSupply psu = instrument;
        for (var n = 1; n <= psu.ChannelCount; n++)
        {
            psu.Channel(n).Voltage.Set(1.0);
            psu.Channel(n).Output.Set(true);
        }
        await psu.AllOutputsOffAsync();
        instrument.InvalidateCache();
        Assert.Equal([false, false, false], instrument.Channels.Get(c => c.Output));
        Assert.Equal([0.0, 0.0, 0.0], instrument.Channels.Get(c => c.MeasuredVoltage));
    }

    [Theory]
    [InlineData("keysight/E36313A", 1, 6.0, 10.0)]
    [InlineData("keysight/E36313A", 2, 25.0, 2.0)]
    [InlineData("keysight/E36312A", 3, 25.0, 1.0)]
    [InlineData("keysight/EDU36311A", 2, 30.0, 1.0)]
    public async Task Ratings_bound_the_validators_and_the_simulated_instrument_alike(string key, int channel, double volts, double amps)
    {
        await using var psu = Simulated.Open<KeysightE36300>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        var output = psu.Channel(channel);
        output.Voltage.Set(volts);
        output.Current.Set(amps);
        Assert.Contains($"between 0 and {volts} inclusive", Assert.Throws<ValidationException>(() => output.Voltage.Set(volts + 0.5)).Message);
        Assert.Throws<ValidationException>(() => output.Current.Set(amps + 0.5));
        // The simulated instrument refuses the same value when it is sent around the parameter.
        var e = Assert.Throws<InstrumentErrorException>(() => psu.Write($"VOLT {volts + 0.5},(@{channel})"));
        Assert.Equal(-222, e.Errors[0].Code);
        Assert.Equal(volts, output.Voltage.Get());
    }

    [Fact]
    public async Task Reset_returns_to_the_power_on_state_and_clears_the_caches()
    {
        await using var psu = Simulated.Open<KeysightE36300>("keysight/E36313A");
        psu.Channel(1).Voltage.Set(3.3);
        await psu.ResetAsync();
        Assert.False(psu.Channel(1).Voltage.Cache.IsValid);
        Assert.Equal(0.0, psu.Channel(1).Voltage.Get());
        Assert.Equal(10.0, psu.Channel(1).Current.Get());
    }

    [Fact]
    public async Task Over_current_protection_and_its_clear_are_understood()
    {
        await using var psu = Simulated.Open<KeysightE36300>("keysight/E36313A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        psu.Channel(3).OverCurrentProtection.Set(true);
        Assert.True(psu.Channel(3).OverCurrentProtection.Get());
        await psu.Channel(3).ClearProtectionAsync();
    }
}
