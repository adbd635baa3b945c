using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The swept spectrum analysers against their simulation profiles: traces as float blocks with their frequency axis.</summary>
public class SimulatedSpectrumAnalyzerTests
{
    public static TheoryData<string, double, double, int> Analyzers() => new()
    {
        // driver, carrier frequency and level the profile's input carries, sweep points
        { "rigol/DSA815", 100e6, -20, 601 },
        { "rs/FPC1500", 433.92e6, -30, 631 },
    };

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task The_driver_meets_its_interface_on_its_profile(string key, double carrier, double level, int points)
    {
        _ = carrier;
        _ = level;
        await using var analyzer = Simulated.Open<ScpiSpectrumAnalyzer>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        Assert.Empty(InterfaceCheck.Check(analyzer));
        Assert.Contains(typeof(ISpectrumAnalyzer), InterfaceCheck.InterfacesOf(analyzer.GetType()));
        Assert.Equal(key.Split('/')[1], (await analyzer.ConnectAsync()).Model);
        Assert.Equal("0", analyzer.Ask("*OPT?"));
        Assert.Equal(points, analyzer.SweepPoints.Get());
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task A_trace_comes_back_with_its_frequency_axis_and_shows_the_carrier(string key, double carrier, double level, int points)
    {
        await using var instrument = Simulated.Open<ScpiSpectrumAnalyzer>(key, options: new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        ISpectrumAnalyzer analyzer = instrument;
        analyzer.CenterFrequency.Set(carrier);
        analyzer.Span.Set(10e6);
        analyzer.ResolutionBandwidth.Set(100e3);
        instrument.InvalidateCache();
        Assert.Equal(carrier - 5e6, analyzer.StartFrequency.Get(), 1e-3);
        Assert.Equal(carrier + 5e6, analyzer.StopFrequency.Get(), 1e-3);
        Assert.Equal(10e6, analyzer.Span.Get(), 1e-3);
        await analyzer.SingleSweepAsync();
        var trace = await analyzer.ReadTraceAsync(1);
        Assert.Equal(points, trace.Levels.Length);
        Assert.Equal(carrier - 5e6, trace.FrequencyOf(0), 1e-3);
        Assert.Equal(carrier + 5e6, trace.Frequencies()[^1], 1e-3);
        Assert.Equal(10e6 / (points - 1), trace.FrequencyOf(1) - trace.FrequencyOf(0), 1e-6);
        // The carrier is the peak, within one sweep point of its frequency, at its level (the RBW filter's top).
        var peak = trace.PeakIndex();
        Assert.InRange(trace.FrequencyOf(peak), carrier - (10e6 / (points - 1)), carrier + (10e6 / (points - 1)));
        Assert.Equal(level, trace.Levels[peak], 1.0);
        // Away from the carrier the trace shows the noise floor, which a narrower RBW lowers by 10 dB per decade.
        var floorWide = trace.Levels[..20].Average();
        Assert.InRange(floorWide, level - 100, level - 40);
        analyzer.ResolutionBandwidth.Set(10e3);
        var narrow = analyzer.ReadTrace(1);
        Assert.Equal(floorWide - 10, narrow.Levels[..20].Average(), 1.0);
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task The_spectrum_parameter_has_the_frequency_axis_as_setpoints(string key, double carrier, double level, int points)
    {
        _ = level;
        await using var analyzer = Simulated.Open<ScpiSpectrumAnalyzer>(key);
        analyzer.StartFrequency.Set(carrier - 1e6);
        analyzer.StopFrequency.Set(carrier + 1e6);
        var axis = analyzer.Frequencies.Get();
        var levels = analyzer.Spectrum.Get();
        Assert.Equal(points, axis.Length);
        Assert.Equal(axis.Length, levels.Length);
        Assert.Equal(carrier - 1e6, axis[0], 1e-3);
        Assert.Equal(carrier + 1e6, axis[^1], 1e-3);
        Assert.Same(analyzer.Frequencies, Assert.Single(analyzer.Spectrum.Setpoints));
        var (frequency, peakLevel) = analyzer.PeakSearch();
        Assert.Equal(carrier, frequency, 1.0);
        Assert.Equal(levels.Max(), peakLevel, 1.0);
    }

    [Fact]
    public async Task Out_of_range_settings_and_traces_are_refused_before_sending()
    {
        await using var analyzer = Simulated.Open<RigolDsa800>("rigol/DSA815");
        var e = Assert.Throws<ValidationException>(() => analyzer.CenterFrequency.Set(2e9));
        Assert.Contains("must be a number between 9000 and 1500000000", e.Message);
        Assert.Contains("resolution_bandwidth", Assert.Throws<ValidationException>(() => analyzer.ResolutionBandwidth.Set(5e6)).Message);
        var trace = Assert.Throws<ArgumentOutOfRangeException>(() => analyzer.ReadTrace(4));
        Assert.Contains("has traces 1 to 3", trace.Message);
    }

    [Fact]
    public async Task A_trace_of_the_wrong_length_is_refused_with_what_to_check()
    {
        // The FPC driver reading the DSA815's 601-point traces: the model's 631 points do not match.
        var driver = DriverCatalog.Default.Find("rigol/DSA815") with
        {
            Create = (name, resource, options) => new RohdeSchwarzFpc(name, resource, RohdeSchwarzFpc.Fpc1500, options),
        };
        await using var analyzer = (RohdeSchwarzFpc)driver.Open(TestNames.Unique("fpc"), simulate: true);
        var e = Assert.Throws<FormatException>(() => analyzer.ReadTrace(1));
        Assert.Contains("TRACE1 returned 601 points, but the FPC1500 sweeps 631", e.Message);
        Assert.Contains("check the data format", e.Message);
    }
}
