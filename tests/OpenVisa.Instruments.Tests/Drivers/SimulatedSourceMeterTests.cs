using OpenVisa.Instruments.Drivers.Keithley;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The 2400 driver against its simulation profile (a 1 kohm resistor on the output).</summary>
public class SimulatedSourceMeterTests
{
    [Fact]
    public async Task Sourcing_voltage_measures_the_current_within_compliance()
    {
        await using var smu = Simulated.Open<Keithley2400>("keithley/2400", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        ISourceMeter meter = smu;
        meter.SourceFunction.Set(SourceFunction.Voltage);
        meter.CurrentCompliance.Set(0.01);
        meter.Voltage.Set(5);
        meter.Output.Set(true);
        var reading = await meter.MeasureAsync();
        Assert.Equal(5.0, reading.Voltage, 6);
        Assert.Equal(0.005, reading.Current, 9);
        Assert.Equal(1000, reading.Resistance, 3);
        meter.Voltage.Set(20);
        Assert.Equal(0.01, meter.MeasuredCurrent.Get(), 9);
        Assert.Equal(10.0, meter.MeasuredVoltage.Get(), 6);
    }

    [Fact]
    public async Task Sourcing_current_measures_the_voltage_within_compliance()
    {
        await using var smu = Simulated.Open<Keithley2400>("keithley/2400", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        smu.SourceFunction.Set(SourceFunction.Current);
        smu.VoltageCompliance.Set(2);
        smu.Current.Set(1e-3);
        Assert.Equal(new SourceMeasurement(1.0, 1e-3), smu.Measure());
        smu.VoltageCompliance.Set(0.5);
        var clipped = smu.Measure();
        Assert.Equal(0.5, clipped.Voltage, 9);
        Assert.Equal(5e-4, clipped.Current, 12);
    }

    [Fact]
    public async Task Settings_round_trip_and_the_default_format_has_five_elements()
    {
        await using var smu = Simulated.Open<Keithley2400>("keithley/2400", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        Assert.Equal(5, smu.AskAsciiValues<double>(":READ?").Length);
        smu.Nplc.Set(0.1);
        smu.FourWire.Set(true);
        smu.InvalidateCache();
        Assert.Equal(0.1, smu.Nplc.Get());
        Assert.True(smu.FourWire.Get());
        Assert.Equal(SourceFunction.Voltage, smu.SourceFunction.Get());
    }
}
