using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The 3446xA driver against its simulation profile (fixed input signals).</summary>
public class SimulatedMultimeterTests
{
    [Fact]
    public async Task Measurements_switch_the_function_and_return_the_input()
    {
        await using var dmm = Simulated.Open<Keysight3446xA>("keysight/34461A");
        Assert.Equal(1.2345678, await dmm.Voltage.GetAsync(), 7);
        Assert.Equal(MeasurementFunction.DcVoltage, dmm.Function.Get());
        Assert.Equal(1000.2, dmm.Measure(MeasurementFunction.Resistance), 6);
        Assert.Equal(MeasurementFunction.Resistance, dmm.Function.Get());
        Assert.Equal(0.012345, await dmm.MeasureAsync(MeasurementFunction.DcCurrent), 9);
        Assert.Equal(1000.0, dmm.Frequency.Get(), 6);
        Assert.Equal(MeasurementFunction.Frequency, dmm.Function.Get());
        Assert.Equal(1000.0, dmm.Read(), 6);
    }

    [Fact]
    public async Task The_function_is_set_and_read_with_quoted_tokens()
    {
        await using var dmm = Simulated.Open<Keysight3446xA>("keysight/34461A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        foreach (var function in new[] { MeasurementFunction.AcVoltage, MeasurementFunction.FourWireResistance, MeasurementFunction.Capacitance, MeasurementFunction.DcVoltage })
        {
            await dmm.Function.SetAsync(function);
            dmm.Function.InvalidateCache();
            Assert.Equal(function, await dmm.Function.GetAsync());
        }
    }

    [Fact]
    public async Task Range_nplc_and_autorange_follow_the_present_function()
    {
        await using var dmm = Simulated.Open<Keysight3446xA>("keysight/34461A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        dmm.Configure(MeasurementFunction.DcVoltage);
        dmm.Nplc.Set(1);
        Assert.Equal(1.0, dmm.Nplc.Get());
        Assert.Contains("must be one of {0.02, 0.2, 1, 10, 100}", Assert.Throws<ValidationException>(() => dmm.Nplc.Set(0.5)).Message);
        dmm.Range.Set(0.1);
        Assert.False(dmm.AutoRange.Get());
        Assert.Equal(9.9e37, dmm.Read());
        await dmm.AutoRange.SetAsync(true);
        Assert.Equal(1.2345678, await dmm.ReadAsync(), 7);
        dmm.Configure(MeasurementFunction.Resistance);
        Assert.Contains("must be one of the Resistance ranges", Assert.Throws<ValidationException>(() => dmm.Range.Set(0.1)).Message);
        dmm.Range.Set(1e4);
        Assert.Equal(1e4, dmm.Range.Get());
        dmm.Configure(MeasurementFunction.Frequency);
        var e = Assert.Throws<ParameterException>(() => dmm.Nplc.Get());
        Assert.Contains("The Frequency function has no NPLC setting", e.Message);
    }

    [Fact]
    public async Task The_extended_model_accepts_its_extra_integration_times()
    {
        await using var dmm = Simulated.Open<Keysight3446xA>("keysight/34465A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        dmm.Configure(MeasurementFunction.DcCurrent);
        dmm.Nplc.Set(0.06);
        Assert.Equal(0.06, dmm.Nplc.Get());
        var e = Assert.Throws<InstrumentErrorException>(() => dmm.Write("SENS:CURR:DC:NPLC 0.5"));
        Assert.Equal(-222, e.Errors[0].Code);
    }

    [Fact]
    public async Task Trigger_sample_and_display_settings_round_trip()
    {
        await using var dmm = Simulated.Open<Keysight3446xA>("keysight/34461A", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        dmm.Trigger.Count.Set(5);
        dmm.Trigger.Source.Set(DmmTriggerSource.Bus);
        dmm.Trigger.Delay.Set(0.25);
        dmm.Trigger.Slope.Set(TriggerSlope.Positive);
        dmm.Sample.Count.Set(3);
        dmm.Display.Text.Set("HELLO BENCH");
        dmm.InvalidateCache();
        Assert.Equal(5, dmm.Trigger.Count.Get());
        Assert.Equal(DmmTriggerSource.Bus, dmm.Trigger.Source.Get());
        Assert.Equal(0.25, dmm.Trigger.Delay.Get());
        Assert.Equal(TriggerSlope.Positive, dmm.Trigger.Slope.Get());
        Assert.Equal(3, dmm.Sample.Count.Get());
        Assert.Equal("HELLO BENCH", dmm.Display.Text.Get());
        dmm.Display.ClearText();
        dmm.Display.Text.InvalidateCache();
        Assert.Equal("", dmm.Display.Text.Get());
        Assert.Equal(50, dmm.LineFrequency.Get());
    }
}
