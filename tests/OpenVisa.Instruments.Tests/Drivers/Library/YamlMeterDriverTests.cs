using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers.Library;

/// <summary>The multimeters and the LCR meter written in YAML, against their profiles' fixed inputs.</summary>
public sealed class YamlMeterDriverTests
{
    [Fact]
    public void Keithley_2000_sets_functions_reads_and_measures()
    {
        using var k2000 = Simulated.Open<YamlMultimeter>("keithley/2000");
        IMultimeter dmm = k2000;
        Assert.Equal(MeasurementFunction.DcVoltage, dmm.Function.Get());
        dmm.Function.Set(MeasurementFunction.AcVoltage);
        dmm.Function.InvalidateCache();
        Assert.Equal(MeasurementFunction.AcVoltage, dmm.Function.Get());
        Assert.Equal(0.707107, dmm.Read(), 6);
        Assert.Equal(1000.123, dmm.Measure(MeasurementFunction.Resistance), 6);
        Assert.Equal(MeasurementFunction.Resistance, dmm.Function.Cache.Get());
        dmm.Function.InvalidateCache();
        Assert.Equal(MeasurementFunction.Resistance, dmm.Function.Get());
        dmm.Nplc.Set(5);
        Assert.Equal(5.0, dmm.Nplc.Get());
        Assert.Throws<ValidationException>(() => dmm.Nplc.Set(20));
        dmm.AutoRange.Set(false);
        Assert.False(dmm.AutoRange.Get());
        Assert.Equal(1.234567, dmm.Voltage.Get(), 6);
        Assert.Equal(0.0123456, dmm.Current.Get(), 7);
    }

    [Fact]
    public async Task Keithley_DMM6500_measures_every_function_it_has()
    {
        await using var dmm6500 = Simulated.Open<YamlMultimeter>("keithley/DMM6500");
        IMultimeter dmm = dmm6500;
        Assert.Equal(23.51, await dmm.MeasureAsync(MeasurementFunction.Temperature), 6);
        Assert.Equal(MeasurementFunction.Temperature, await dmm.Function.GetAsync());
        Assert.Equal(999.987, await dmm.MeasureAsync(MeasurementFunction.FourWireResistance), 6);
        Assert.Equal(0.000999998, dmm.Measure(MeasurementFunction.Period), 9);
        Assert.Equal(0.000999998, await dmm.ReadAsync(), 9);
        dmm.Nplc.Set(0.0005);
        Assert.Equal(0.0005, dmm.Nplc.Get(), 6);
    }

    [Fact]
    public void Siglent_SDM3065X_reads_the_short_function_names_and_says_what_it_cannot_measure()
    {
        using var sdm = Simulated.Open<YamlMultimeter>("siglent/SDM3065X");
        IMultimeter dmm = sdm;
        // The 34401A-style query answers "VOLT" for DC volts, read back through replies:.
        Assert.Equal(MeasurementFunction.DcVoltage, dmm.Function.Get());
        dmm.Function.Set(MeasurementFunction.DcCurrent);
        dmm.Function.InvalidateCache();
        Assert.Equal(MeasurementFunction.DcCurrent, dmm.Function.Get());
        Assert.Equal(0.0123456, dmm.Read(), 7);
        var e = Assert.Throws<NotSupportedException>(() => dmm.Measure(MeasurementFunction.Period));
        Assert.Contains("cannot measure Period: its driver has no function 'measure_period'", e.Message);
        Assert.Contains("It measures: DcVoltage, AcVoltage", e.Message);
        Assert.Equal(1000.002, dmm.Measure(MeasurementFunction.Frequency), 6);
    }

    [Fact]
    public async Task Keysight_E4980A_measures_the_fixture_capacitor_in_each_function()
    {
        await using var e4980 = Simulated.Open<YamlLcrMeter>("keysight/E4980A");
        ILcrMeter lcr = e4980;
        Assert.Equal(ImpedanceFunction.CpD, lcr.Function.Get());
        Assert.Equal(1000.0, lcr.Frequency.Get());
        lcr.Function.Set(ImpedanceFunction.CsRs);
        var series = lcr.Measure();
        Assert.Equal(8.4e-9, series.Primary, 12);
        Assert.Equal(0.5, series.Secondary, 6);
        Assert.True(series.IsValid);
        // D = omega C Rs: 2 pi 1 kHz x 8.4 nF x 0.5 ohm.
        lcr.Function.Set(ImpedanceFunction.CsD);
        Assert.Equal(2 * Math.PI * 1000 * 8.4e-9 * 0.5, (await lcr.MeasureAsync()).Secondary, 9);
        lcr.Frequency.Set(1e6);
        lcr.Function.Set(ImpedanceFunction.ZThetaDegrees);
        var z = lcr.Measure();
        Assert.Equal(Math.Sqrt(0.25 + Math.Pow(1 / (2 * Math.PI * 1e6 * 8.4e-9), 2)), z.Primary, 3);
        Assert.True(z.Secondary is < -80 and > -90, $"a capacitor's phase is near -90 degrees, not {z.Secondary}");
        lcr.VoltageLevel.Set(1.5);
        Assert.Equal(1.5, lcr.VoltageLevel.Get());
        Assert.Throws<ValidationException>(() => lcr.Frequency.Set(3e6));
        e4980.Call("set_aperture", "LONG", 4);
        Assert.Equal("LONG,4", e4980.Parameter<string>("aperture").Get());
    }
}
