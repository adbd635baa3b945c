using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers.Library;

/// <summary>The electronic loads written in YAML, through <see cref="IElectronicLoad"/>, on a simulated 24 V source with 0.1 ohm behind it.</summary>
public sealed class YamlLoadDriverTests
{
    [Fact]
    public void Siglent_SDL1020X_reads_its_long_mode_names_and_draws_each_set_point()
    {
        using var sdl = Simulated.Open<YamlElectronicLoad>("siglent/SDL1020X");
        IElectronicLoad load = sdl;
        Assert.Equal(LoadMode.ConstantCurrent, load.Mode.Get());
        load.Current.Set(2);
        load.Input.Set(true);
        Assert.True(load.Input.Get());
        Assert.Equal(2.0, load.MeasuredCurrent.Get(), 6);
        Assert.Equal(23.8, load.MeasuredVoltage.Get(), 6);
        Assert.Equal(47.6, load.MeasuredPower.Get(), 6);
        load.Mode.Set(LoadMode.ConstantResistance);
        load.Mode.InvalidateCache();
        Assert.Equal(LoadMode.ConstantResistance, load.Mode.Get());
        load.Resistance.Set(11.9);
        Assert.Equal(2.0, load.MeasuredCurrent.Get(), 6);
        Assert.Throws<ValidationException>(() => load.Current.Set(31));
        load.Input.Set(false);
        Assert.Equal(0.0, load.MeasuredCurrent.Get(), 6);
    }

    [Fact]
    public async Task Keysight_EL34143A_regulates_voltage_and_power_and_refuses_beyond_its_ratings()
    {
        await using var el = Simulated.Open<YamlElectronicLoad>("keysight/EL34143A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        IElectronicLoad load = el;
        await load.Mode.SetAsync(LoadMode.ConstantVoltage);
        await load.Voltage.SetAsync(23.5);
        await load.Input.SetAsync(true);
        load.Mode.InvalidateCache();
        Assert.Equal(LoadMode.ConstantVoltage, await load.Mode.GetAsync());
        Assert.Equal(5.0, await load.MeasuredCurrent.GetAsync(), 6);
        Assert.Equal(23.5, await load.MeasuredVoltage.GetAsync(), 6);
        load.Mode.Set(LoadMode.ConstantPower);
        load.Power.Set(23.9);
        Assert.Equal(1.0, load.MeasuredCurrent.Get(), 6);
        Assert.Throws<ValidationException>(() => load.Power.Set(351));
        var e = Assert.Throws<InstrumentErrorException>(() => el.Write("POW 400"));
        Assert.Equal(-222, e.Errors[0].Code);
    }
}
