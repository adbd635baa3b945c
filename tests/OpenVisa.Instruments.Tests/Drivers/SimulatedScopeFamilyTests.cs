using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Tektronix;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>
/// The Rigol, Tektronix and R&amp;S scope drivers against their simulation profiles: each reads a waveform in its own
/// wire format (Rigol bytes with a code-counted y origin, Tektronix signed bytes with WFMOutpre fields, R&amp;S floats
/// with a time header) and gets volts against seconds. Every profile puts a 1 kHz sine of 1.5 V peak on channel 1, a
/// 2 kHz square of 1 V on channel 2 and a steady 0.25 V on channel 4.
/// </summary>
public class SimulatedScopeFamilyTests
{
    public static TheoryData<string, int, double> Scopes() => new()
    {
        // driver, points of a waveform read, screen width in divisions
        { "rigol/DS1054Z", 1200, 12 },
        { "tektronix/TBS2104", 2000, 10 },
        { "rs/RTB2004", 2000, 12 },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task The_driver_meets_its_interface_on_its_profile(string key, int points, double divisions)
    {
        _ = points;
        _ = divisions;
        await using var scope = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        Assert.Empty(InterfaceCheck.Check(scope));
        Assert.Contains(typeof(IOscilloscope), InterfaceCheck.InterfacesOf(scope.GetType()));
        Assert.Equal(key.Split('/')[1], (await scope.ConnectAsync()).Model);
        Assert.Equal(1, int.Parse(scope.Ask("*OPC?"), System.Globalization.CultureInfo.InvariantCulture));
        if (scope is not RigolDS1000Z)
            Assert.Equal("0", scope.Ask("*OPT?")); // no options installed, as IEEE 488.2 answers it
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task A_waveform_comes_back_in_volts_against_seconds_with_its_length(string key, int points, double divisions)
    {
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        IOscilloscope scope = (IOscilloscope)instrument;
        scope.TimebaseScale.Set(1e-3);
        scope.TimebasePosition.Set(0);
        scope.Stop();
        var wave = scope.ReadWaveform(1);
        Assert.Equal(points, wave.Voltages.Length);
        Assert.Equal(divisions * 1e-3 / points, wave.XIncrement, 12);
        Assert.Equal(-divisions / 2 * 1e-3, wave.TimeOf(0), 9);
        Assert.Equal((divisions / 2 * 1e-3) - wave.XIncrement, wave.Times()[^1], 9);
        // A 1.5 V sine at 1 V/div and 25 codes per division: within half a code (0.02 V) of the true value.
        for (var i = 0; i < wave.Voltages.Length; i += 37)
            Assert.Equal(1.5 * Math.Sin(2 * Math.PI * 1000 * wave.TimeOf(i)), wave.Voltages[i], 0.021);
        Assert.Equal(3.0, wave.Voltages.Max() - wave.Voltages.Min(), 0.05);
        var square = await scope.ReadWaveformAsync(2);
        Assert.Equal([-1.0, 1.0], square.Voltages.Select(v => Math.Round(v, 1)).Distinct().Order());
        scope.Run();
        scope.Single();
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Scale_and_offset_change_the_codes_but_not_the_volts(string key, int points, double divisions)
    {
        _ = divisions;
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        IOscilloscope scope = (IOscilloscope)instrument;
        scope.Channel(4).Scale.Set(0.1);
        scope.Channel(4).Offset.Set(0.2);
        var wave = await scope.ReadWaveformAsync(4);
        Assert.Equal(points, wave.Voltages.Length);
        Assert.All(wave.Voltages, v => Assert.Equal(0.25, v, 0.0021)); // within half a code of 4 mV
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Channel_timebase_and_trigger_settings_round_trip(string key, int points, double divisions)
    {
        _ = points;
        _ = divisions;
        await using var instrument = Simulated.Open<Instrument>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        IOscilloscope scope = (IOscilloscope)instrument;
        var ch2 = scope.Channel(2);
        ch2.Display.Set(false);
        ch2.Coupling.Set(InputCoupling.Ac);
        ch2.ProbeAttenuation.Set(1);
        ch2.Scale.Set(0.5);
        ch2.Offset.Set(-0.1);
        scope.TimebaseScale.Set(2e-4);
        scope.TimebasePosition.Set(1e-4);
        scope.TriggerSource.Set(2);
        scope.TriggerLevel.Set(0.5);
        instrument.InvalidateCache();
        Assert.False(ch2.Display.Get());
        Assert.Equal(InputCoupling.Ac, ch2.Coupling.Get());
        Assert.Equal(1.0, ch2.ProbeAttenuation.Get());
        Assert.Equal(0.5, ch2.Scale.Get());
        Assert.Equal(-0.1, ch2.Offset.Get(), 9);
        Assert.Equal(2e-4, scope.TimebaseScale.Get(), 12);
        Assert.Equal(1e-4, scope.TimebasePosition.Get(), 12);
        Assert.Equal(2, scope.TriggerSource.Get());
        Assert.Equal(0.5, scope.TriggerLevel.Get(), 9);
        Assert.Empty(await instrument.ReadErrorQueueAsync());
    }

    [Fact]
    public async Task Rigol_preamble_counts_the_y_origin_in_codes()
    {
        await using var scope = Simulated.Open<RigolDS1000Z>("rigol/DS1054Z");
        scope.Channel(4).Scale.Set(0.1);
        scope.Channel(4).Offset.Set(0.2);
        var preamble = scope.ReadPreamble(4);
        Assert.Equal(0.004, preamble.Fields.YIncrement, 9);
        Assert.Equal(50, preamble.Fields.YOrigin);   // 0.2 V / 4 mV per code
        Assert.Equal(127, preamble.Fields.YReference);
        Assert.Equal([0.0, -0.2, 0.2], preamble.Scale([177, 127, 227]).Select(v => Math.Round(v, 9)));
        Assert.Equal(3.0, scope.Measure("VPP", 1), 6);
        Assert.Contains("'VPP;*RST' is not a measurement item", Assert.Throws<ArgumentException>(() => scope.Measure("VPP;*RST", 1)).Message);
        scope.TriggerSlope.Set(ScopeTriggerSlope.Either);
        scope.AcquisitionType.Set(AcquisitionType.Average);
        scope.Channel(1).BandwidthLimit.Set(true);
        scope.InvalidateCache();
        Assert.Equal(ScopeTriggerSlope.Either, scope.TriggerSlope.Get());
        Assert.Equal(AcquisitionType.Average, scope.AcquisitionType.Get());
        Assert.True(scope.Channel(1).BandwidthLimit.Get());
        Assert.Equal(1e9, scope.SampleRate.Get());
    }

    [Fact]
    public async Task Rigol_has_no_OPT_query_and_the_profile_says_so_as_the_scope_does()
    {
        await using var scope = Simulated.Open<RigolDS1000Z>("rigol/DS1054Z");
        scope.Write("*OPT?");
        var error = Assert.Single(await scope.ReadErrorQueueAsync());
        Assert.Equal(-113, error.Code);
        Assert.Contains("Undefined header", error.Message);
    }

    [Fact]
    public async Task Tektronix_scaling_is_read_field_by_field_and_the_record_length_is_honoured()
    {
        await using var scope = Simulated.Open<TektronixTbs>("tektronix/TBS2104", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        scope.Channel(1).Scale.Set(0.5);
        scope.Channel(1).Offset.Set(0.1);
        var scaling = scope.ReadScaling(1);
        Assert.Equal(0.02, scaling.YMultiplier, 12);
        Assert.Equal(0.1, scaling.YZero, 12);
        Assert.Equal([0.1, 0.12, -2.46], scaling.Scale([0, 1, -128]).Select(v => Math.Round(v, 9)));
        scope.RecordLength.Set(20000);
        var wave = scope.ReadWaveform(1);
        Assert.Equal(20000, wave.Voltages.Length);
        Assert.Equal(5e-7, wave.XIncrement, 15);
        Assert.Equal(2000.0, scope.Measure("FREQ", 2), 6);
        Assert.Contains("must be one of", Assert.ThrowsAny<ArgumentException>(() => scope.RecordLength.Set(5000)).Message);
    }

    [Fact]
    public async Task RohdeSchwarz_trigger_level_follows_the_trigger_source()
    {
        await using var scope = Simulated.Open<RohdeSchwarzRtb2000>("rs/RTB2004", options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        scope.TriggerSource.Set(3);
        scope.TriggerLevel.Set(0.3);
        scope.TriggerSource.Set(1);
        scope.TriggerLevel.InvalidateCache();
        Assert.Equal(0.0, scope.TriggerLevel.Get());
        Assert.Equal("3.0000E-01", scope.Ask("TRIG:A:LEV3?"));
        var header = scope.ReadHeader(1);
        Assert.Equal(new RohdeSchwarzWaveformHeader(-6e-3, 6e-3, 2000, 1), header);
        Assert.Equal(6e-6, header.XIncrement, 15);
        scope.Channel(3).BandwidthLimit.Set(true);
        scope.Channel(3).BandwidthLimit.InvalidateCache();
        Assert.True(scope.Channel(3).BandwidthLimit.Get());
    }

    [Fact]
    public void Malformed_headers_and_preambles_are_refused_with_the_reply_quoted()
    {
        Assert.Contains("'1,2,3' has 3", Assert.Throws<FormatException>(() => RohdeSchwarzWaveformHeader.Parse("1,2,3")).Message);
        Assert.Contains("is not a number: 'x'", Assert.Throws<FormatException>(() => RohdeSchwarzWaveformHeader.Parse("1,x,3,1")).Message);
        Assert.Contains("has 10 fields", Assert.Throws<FormatException>(() => RigolWaveformPreamble.Parse("0,0,1200")).Message);
        var e = Assert.Throws<FormatException>(() => TektronixWaveformScaling.FromReplies(["2000", "1E-6", "0", "0", "abc", "0", "0"]));
        Assert.Contains("'abc' to 'WFMO:YMU?' is not a number", e.Message);
    }
}
