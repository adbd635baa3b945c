using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The InfiniiVision driver against its simulation profile: waveforms as binary blocks scaled by the preamble.</summary>
public class SimulatedScopeTests
{
    [Fact]
    public async Task A_waveform_is_read_as_bytes_and_scaled_to_volts_and_seconds()
    {
        await using var scope = Simulated.Open<KeysightInfiniiVision>("keysight/DSOX1204G");
        scope.TimebaseScale.Set(1e-3);
        scope.Digitize(1);
        var wave = scope.ReadWaveform(1);
        Assert.Equal(1000, wave.Voltages.Length);
        Assert.Equal(1e-5, wave.XIncrement, 12);
        Assert.Equal(-5e-3, wave.TimeOf(0), 12);
        Assert.Equal(5e-3 - 1e-5, wave.Times()[^1], 12);
        // A 1.5 V sine at 25 codes per volt: within half a code (0.02 V) of the true value.
        for (var i = 0; i < wave.Voltages.Length; i += 37)
            Assert.Equal(1.5 * Math.Sin(2 * Math.PI * 1000 * wave.TimeOf(i)), wave.Voltages[i], 0.021);
        Assert.Equal(3.0, wave.Voltages.Max() - wave.Voltages.Min(), 0.05);
    }

    [Fact]
    public async Task Scale_and_offset_change_the_codes_but_not_the_volts()
    {
        await using var scope = Simulated.Open<KeysightInfiniiVision>("keysight/DSOX1204G");
        scope.Channel(4).Scale.Set(0.1);
        scope.Channel(4).Offset.Set(0.2);
        var preamble = scope.ReadPreamble(4);
        Assert.Equal(0.004, preamble.YIncrement, 9);
        Assert.Equal(0.2, preamble.YOrigin, 9);
        var wave = await scope.ReadWaveformAsync(4);
        Assert.All(wave.Voltages, v => Assert.Equal(0.25, v, 0.0021)); // within half a code
    }

    [Fact]
    public async Task Channel_timebase_and_trigger_settings_round_trip()
    {
        await using var instrument = Simulated.Open<KeysightInfiniiVision>("keysight/DSOX1204G", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        IOscilloscope scope = instrument;
        scope.Channel(2).Display.Set(true);
        scope.Channel(2).Coupling.Set(InputCoupling.Ac);
        scope.Channel(2).ProbeAttenuation.Set(1);
        scope.TriggerSource.Set(2);
        scope.TriggerLevel.Set(0.5);
        instrument.TriggerSlope.Set(ScopeTriggerSlope.Negative);
        instrument.AcquisitionType.Set(AcquisitionType.HighResolution);
        instrument.WaveformPoints.Set(500);
        instrument.InvalidateCache();
        Assert.True(scope.Channel(2).Display.Get());
        Assert.Equal(InputCoupling.Ac, scope.Channel(2).Coupling.Get());
        Assert.Equal(1.0, scope.Channel(2).ProbeAttenuation.Get());
        Assert.Equal(2, scope.TriggerSource.Get());
        Assert.Equal(0.5, scope.TriggerLevel.Get());
        Assert.Equal(ScopeTriggerSlope.Negative, instrument.TriggerSlope.Get());
        Assert.Equal(AcquisitionType.HighResolution, instrument.AcquisitionType.Get());
        Assert.Equal(500, instrument.WaveformPoints.Get());
        Assert.Equal(500, (await scope.ReadWaveformAsync(2)).Voltages.Length);
        scope.Run();
        scope.Stop();
        scope.Single();
    }

    [Fact]
    public async Task Measurements_report_the_signals()
    {
        await using var scope = Simulated.Open<KeysightInfiniiVision>("keysight/DSOX1204G");
        Assert.Equal(3.0, scope.MeasureVpp(1), 6);
        Assert.Equal(2000.0, scope.MeasureFrequency(2), 6);
        var square = scope.ReadWaveform(2);
        Assert.Equal([-1.0, 1.0], square.Voltages.Select(v => Math.Round(v, 1)).Distinct().Order());
    }

    [Fact]
    public async Task A_channel_out_of_range_is_refused_before_sending()
    {
        await using var scope = Simulated.Open<KeysightInfiniiVision>("keysight/DSOX1204G");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => scope.ReadWaveform(5));
        Assert.Contains("has channels 1 to 4", e.Message);
    }
}
