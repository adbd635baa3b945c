using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The 33500B driver against its simulation profile.</summary>
public class SimulatedGeneratorTests
{
    [Fact]
    public async Task Each_channel_keeps_its_own_waveform_settings()
    {
        await using var awg = Simulated.Open<Keysight33500B>("keysight/33522B", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        var ch1 = awg.Channel(1);
        var ch2 = awg.Channel(2);
        Assert.Equal(WaveformShape.Sine, ch1.Function.Get());
        Assert.Equal(0.1, ch1.Amplitude.Get());
        ch2.Function.Set(WaveformShape.Square);
        ch2.Frequency.Set(25e3);
        ch2.DutyCycle.Set(20);
        ch2.Phase.Set(90);
        await ch2.Output.SetAsync(true);
        awg.InvalidateCache();
        Assert.Equal(WaveformShape.Square, ch2.Function.Get());
        Assert.Equal(25e3, ch2.Frequency.Get());
        Assert.Equal(20, ch2.DutyCycle.Get());
        Assert.Equal(90, ch2.Phase.Get());
        Assert.True(ch2.Output.Get());
        Assert.Equal(WaveformShape.Sine, ch1.Function.Get());
        Assert.False(ch1.Output.Get());
    }

    [Fact]
    public async Task The_amplitude_limit_follows_the_load()
    {
        await using var awg = Simulated.Open<Keysight33500B>("keysight/33522B", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        var ch1 = awg.Channel(1);
        Assert.Equal(50.0, ch1.Load.Get());
        var e = Assert.Throws<ParameterException>(() => ch1.Amplitude.Set(15));
        Assert.Equal(-222, Assert.IsType<InstrumentErrorException>(e.InnerException).Errors[0].Code);
        ch1.Load.Set(double.PositiveInfinity);
        ch1.Load.InvalidateCache();
        Assert.Equal(double.PositiveInfinity, ch1.Load.Get());
        ch1.Amplitude.Set(15);
        Assert.Equal(15, ch1.Amplitude.Get());
    }

    [Fact]
    public async Task Apply_sets_shape_frequency_amplitude_and_offset_at_once()
    {
        await using var awg = Simulated.Open<Keysight33500B>("keysight/33522B", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        IWaveformGenerator generator = awg;
        awg.Channel(2).Apply(WaveformShape.Ramp, 500, 2, 0.5);
        awg.InvalidateCache();
        var ch = generator.Channel(2);
        Assert.Equal(WaveformShape.Ramp, ch.Function.Get());
        Assert.Equal(500, ch.Frequency.Get());
        Assert.Equal(2, ch.Amplitude.Get());
        Assert.Equal(0.5, ch.Offset.Get());
    }
}
