using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.Siglent;
using OpenVisa.Instruments.Drivers.Tektronix;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The Rigol, Siglent and Tektronix generator drivers against their simulation profiles.</summary>
public class SimulatedGeneratorFamilyTests
{
    public static TheoryData<string, double, double, double> Generators() => new()
    {
        // driver, *RST frequency and amplitude, highest sine frequency
        { "rigol/DG1022Z", 1e3, 5.0, 25e6 },
        { "siglent/SDG2042X", 1e3, 4.0, 40e6 },
        { "tektronix/AFG31022", 1e6, 1.0, 25e6 },
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task The_driver_meets_its_interface_on_its_profile(string key, double frequency, double amplitude, double maxFrequency)
    {
        _ = maxFrequency;
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        Assert.Empty(InterfaceCheck.Check(instrument));
        Assert.Contains(typeof(IWaveformGenerator), InterfaceCheck.InterfacesOf(instrument.GetType()));
        Assert.Equal(key.Split('/')[1], (await instrument.ConnectAsync()).Model);
        Assert.Equal("0", instrument.Ask("*OPT?"));
        IWaveformGenerator generator = (IWaveformGenerator)instrument;
        Assert.Equal(2, generator.ChannelCount);
        var ch1 = generator.Channel(1);
        Assert.Equal(WaveformShape.Sine, ch1.Function.Get());
        Assert.Equal(frequency, ch1.Frequency.Get());
        Assert.Equal(amplitude, ch1.Amplitude.Get());
        Assert.Equal(0.0, ch1.Offset.Get());
        Assert.False(ch1.Output.Get());
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Each_channel_keeps_its_own_settings_and_they_round_trip(string key, double frequency, double amplitude, double maxFrequency)
    {
        _ = maxFrequency;
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        IWaveformGenerator generator = (IWaveformGenerator)instrument;
        var ch2 = generator.Channel(2);
        ch2.Function.Set(WaveformShape.Square);
        ch2.Frequency.Set(25e3);
        ch2.Amplitude.Set(2.5);
        ch2.Offset.Set(-0.75);
        await ch2.Output.SetAsync(true);
        instrument.InvalidateCache();
        Assert.Equal(WaveformShape.Square, ch2.Function.Get());
        Assert.Equal(25e3, ch2.Frequency.Get());
        Assert.Equal(2.5, ch2.Amplitude.Get());
        Assert.Equal(-0.75, ch2.Offset.Get());
        Assert.True(ch2.Output.Get());
        var ch1 = generator.Channel(1);
        Assert.Equal(WaveformShape.Sine, ch1.Function.Get());
        Assert.Equal(frequency, ch1.Frequency.Get());
        Assert.Equal(amplitude, ch1.Amplitude.Get());
        Assert.False(ch1.Output.Get());
        Assert.Empty(await instrument.ReadErrorQueueAsync());
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public async Task Values_outside_the_model_are_refused_before_sending_and_the_instrument_refuses_what_the_load_forbids(string key, double frequency, double amplitude, double maxFrequency)
    {
        _ = frequency;
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        IWaveformGenerator generator = (IWaveformGenerator)instrument;
        var ch1 = generator.Channel(1);
        var e = Assert.Throws<ValidationException>(() => ch1.Frequency.Set(maxFrequency * 2));
        Assert.Contains("frequency", e.Message);
        Assert.Contains("must be a number between", e.Message);
        Assert.Throws<ValidationException>(() => ch1.Function.Set(WaveformShape.Triangle));
        // 15 Vpp passes the driver's check (an open-circuit load allows 20 Vpp) but not the instrument's at 50 ohm.
        var load = LoadOf(ch1);
        load.Set(50);
        var refused = Assert.Throws<ParameterException>(() => ch1.Amplitude.Set(15));
        Assert.Equal(-222, Assert.IsType<InstrumentErrorException>(refused.InnerException).Errors[0].Code);
        ch1.Amplitude.InvalidateCache();
        Assert.Equal(amplitude, ch1.Amplitude.Get());
        load.Set(double.PositiveInfinity);
        load.InvalidateCache();
        Assert.Equal(double.PositiveInfinity, load.Get());
        ch1.Amplitude.Set(15);
        ch1.Amplitude.InvalidateCache();
        Assert.Equal(15, ch1.Amplitude.Get());
    }

    private static Parameter<double> LoadOf(IWaveformGeneratorChannel channel) => channel switch
    {
        RigolDG1000ZChannel rigol => rigol.Load,
        SiglentSdg2000XChannel siglent => siglent.Load,
        TektronixAfg31000Channel tektronix => tektronix.Load,
        _ => throw new ArgumentException($"No load parameter known for {channel.GetType().Name}.", nameof(channel)),
    };

    [Fact]
    public async Task Rigol_apply_sets_everything_at_once_and_apply_query_reads_it_back()
    {
        await using var awg = Simulated.Open<RigolDG1000Z>("rigol/DG1022Z", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        Assert.Equal(new RigolAppliedWaveform(WaveformShape.Sine, 1e3, 5, 0, 0), awg.Channel(1).ReadApplied());
        awg.Channel(2).Apply(WaveformShape.Ramp, 500, 2, 0.5, 90);
        awg.InvalidateCache();
        Assert.Equal(new RigolAppliedWaveform(WaveformShape.Ramp, 500, 2, 0.5, 90), awg.Channel(2).ReadApplied());
        Assert.Equal(90, awg.Channel(2).Phase.Get());
        awg.Channel(1).Function.Set(WaveformShape.Dc);
        var dc = awg.Channel(1).ReadApplied();
        Assert.Equal(WaveformShape.Dc, dc.Function);
        Assert.True(double.IsNaN(dc.Frequency));
        awg.Channel(1).DutyCycle.Set(25);
        awg.Channel(1).Symmetry.Set(50);
        awg.InvalidateCache();
        Assert.Equal(25, awg.Channel(1).DutyCycle.Get());
        Assert.Equal(50, awg.Channel(1).Symmetry.Get());
        Assert.Contains("is not one this driver knows", Assert.Throws<FormatException>(() => RigolAppliedWaveform.Parse("\"HARM,1,2,3,4\"")).Message);
        Assert.Contains("has 5 fields", Assert.Throws<FormatException>(() => RigolAppliedWaveform.Parse("SIN,1,2")).Message);
    }

    [Fact]
    public async Task Siglent_settings_are_read_from_one_list_per_channel()
    {
        await using var awg = Simulated.Open<SiglentSdg2000X>("siglent/SDG2042X", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        var ch1 = awg.Channel(1);
        var wave = ch1.BasicWave();
        Assert.Equal("C1:BSWV", wave.Header);
        Assert.Equal(0.001, wave.Number("PERI"));
        Assert.Equal(-2, wave.Number("LLEV"));
        ch1.Function.Set(WaveformShape.Ramp);
        ch1.Symmetry.Set(30);
        ch1.Phase.Set(45);
        awg.InvalidateCache();
        Assert.Equal(30, ch1.Symmetry.Get());
        Assert.Equal(45, ch1.Phase.Get());
        ch1.Function.Set(WaveformShape.Dc);
        ch1.Frequency.InvalidateCache();
        var e = Assert.Throws<ParameterException>(() => ch1.Frequency.Get());
        Assert.Contains("has no FRQ; the current waveform type may not have that setting", e.ToString());
        Assert.Equal("OFF", ch1.OutputSettings().First);
        Assert.Contains("not a Siglent setting list", Assert.Throws<FormatException>(() => SiglentSettingList.Parse("garbage")).Message);
        Assert.Contains("is not a number with a unit", Assert.Throws<FormatException>(() => SiglentSettingList.Parse("C1:BSWV FRQ,fastHZ").Number("FRQ")).Message);
    }

    [Fact]
    public async Task Tektronix_phase_is_set_in_degrees_and_read_back_from_radians()
    {
        await using var awg = Simulated.Open<TektronixAfg31000>("tektronix/AFG31022", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        var ch1 = awg.Channel(1);
        ch1.Phase.Set(90);
        Assert.Equal("1.570796", awg.Ask("SOUR1:PHAS?"));
        ch1.Phase.InvalidateCache();
        Assert.Equal(90, ch1.Phase.Get(), 4);
        Assert.Throws<ValidationException>(() => ch1.Phase.Set(200));
        ch1.Function.Set(WaveformShape.Pulse);
        ch1.PulseDutyCycle.Set(10);
        ch1.Function.Set(WaveformShape.Noise);
        awg.InvalidateCache();
        Assert.Equal(WaveformShape.Noise, ch1.Function.Get());
        Assert.Equal(10, ch1.PulseDutyCycle.Get());
        Assert.Equal("PRN", awg.Ask("SOUR1:FUNC?"));
    }
}
