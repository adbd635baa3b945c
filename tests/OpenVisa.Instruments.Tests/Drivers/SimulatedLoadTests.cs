using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The DL3000 driver (YAML, rigol_dl3021.yaml in the library) against its simulation profile (a 12 V source with 0.1 ohm behind the input).</summary>
public class SimulatedLoadTests
{
    [Fact]
    public async Task Each_mode_draws_what_its_set_point_asks_for()
    {
        await using var instrument = Simulated.Open<YamlElectronicLoad>("rigol/DL3021", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        IElectronicLoad load = instrument;
        Assert.Equal(LoadMode.ConstantCurrent, load.Mode.Get());
        load.Current.Set(2);
        Assert.Equal(0.0, load.MeasuredCurrent.Get());
        Assert.Equal(12.0, load.MeasuredVoltage.Get());
        await load.Input.SetAsync(true);
        Assert.True(load.Input.Get());
        Assert.Equal(2.0, load.MeasuredCurrent.Get(), 6);
        Assert.Equal(11.8, load.MeasuredVoltage.Get(), 6);
        Assert.Equal(23.6, load.MeasuredPower.Get(), 6);

        load.Mode.Set(LoadMode.ConstantVoltage);
        load.Voltage.Set(11.5);
        Assert.Equal(LoadMode.ConstantVoltage, (await load.Mode.Cache.GetAsync()));
        load.Mode.InvalidateCache();
        Assert.Equal(LoadMode.ConstantVoltage, load.Mode.Get());
        Assert.Equal(5.0, load.MeasuredCurrent.Get(), 6);
        Assert.Equal(11.5, load.MeasuredVoltage.Get(), 6);

        load.Mode.Set(LoadMode.ConstantResistance);
        load.Resistance.Set(5.9);
        Assert.Equal(2.0, load.MeasuredCurrent.Get(), 6);

        load.Mode.Set(LoadMode.ConstantPower);
        load.Power.Set(11.9);
        Assert.Equal(1.0, load.MeasuredCurrent.Get(), 6);
        Assert.Equal(11.9, load.MeasuredPower.Get(), 6);
    }

    [Fact]
    public async Task Ratings_bound_the_set_points()
    {
        await using var load = Simulated.Open<YamlElectronicLoad>("rigol/DL3021", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        Assert.Throws<OpenVisa.Instruments.Validators.ValidationException>(() => load.Current.Set(41));
        var e = Assert.Throws<InstrumentErrorException>(() => load.Write(":SOUR:POW 250"));
        Assert.Equal(-222, e.Errors[0].Code);
    }
}
