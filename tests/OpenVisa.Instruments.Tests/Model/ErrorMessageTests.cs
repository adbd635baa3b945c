using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Keithley;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Model;

/// <summary>The remaining error paths, each checked for a message that says what went wrong.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void An_empty_name_and_a_closed_resource_are_refused()
    {
        Assert.Equal("A instrument needs a name. (Parameter 'name')", Assert.Throws<ArgumentException>(() => new Instrument("", null)).Message);
        var resource = FakeLibrary.Open(new FakeDevice());
        resource.Close();
        var name = TestNames.Unique();
        var e = Assert.Throws<ArgumentException>(() => new Instrument(name, resource));
        Assert.Contains($"given to instrument '{name}' is already closed", e.Message);
        Assert.False(Instrument.Exists(name));
    }

    [Fact]
    public void A_negative_timeout_scope_and_a_zero_scale_are_refused()
    {
        using var inst = TestNames.Connected(new FakeDevice());
        Assert.Contains("A timeout cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => inst.WithTimeout(TimeSpan.FromSeconds(-1))).Message);
        Assert.Contains("a scale of 0 cannot be undone on reading", Assert.Throws<ArgumentOutOfRangeException>(() => new Parameter<double>("gain", inst) { Scale = 0 }).Message);
    }

    [Fact]
    public void FindOrCreate_refuses_a_factory_that_builds_another_name_or_type()
    {
        var name = TestNames.Unique();
        var other = TestNames.Unique();
        var e = Assert.Throws<ArgumentException>(() => Instrument.FindOrCreate(name, () => new Instrument(other, null)));
        Assert.Contains($"FindOrCreate asked for '{name}' but the factory built '{other}'", e.Message);
        Assert.False(Instrument.Exists(other));
        using var plain = new Instrument(name, null);
        Assert.Contains("close it or pass recreate: true", Assert.Throws<InvalidCastException>(() => Instrument.FindOrCreate(name, () => new TestSupply(name, null))).Message);
    }

    [Fact]
    public void An_async_only_setter_is_refused_by_the_sync_Set_and_a_stale_write_only_cache_says_why()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<int>("slow", inst) { AsyncSetter = (_, _) => ValueTask.CompletedTask };
        Assert.Contains("has only an asynchronous setter; set it with SetAsync", Assert.Throws<ParameterException>(() => p.Set(1)).Message);
        var written = new Parameter<int>("written", inst) { Setter = _ => { } };
        written.Set(3);
        written.InvalidateCache();
        var e = Assert.Throws<InvalidOperationException>(() => written.Cache.Get());
        Assert.Contains("is stale and the parameter cannot be read from the instrument; set it again", e.Message);
        Assert.Equal(3, written.Cache.Get(getIfInvalid: false));
    }

    [Fact]
    public void A_mapping_names_the_value_it_lacks()
    {
        var mapping = new ValueMapping<DayOfWeek> { [DayOfWeek.Monday] = "MON" };
        Assert.Equal("Friday is not in the mapping; mapped values: Monday.", Assert.Throws<KeyNotFoundException>(() => mapping[DayOfWeek.Friday]).Message);
    }

    [Theory]
    [InlineData("0,0,1000", "A waveform preamble has 10 fields; '0,0,1000' has 3.")]
    [InlineData("0,0,1000,1,x,0,0,0.04,0,128", "Field 5 of the waveform preamble '0,0,1000,1,x,0,0,0.04,0,128' is not a number: 'x'.")]
    public void A_bad_preamble_is_quoted(string reply, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => WaveformPreamble.Parse(reply)).Message);

    [Fact]
    public void A_scope_reply_in_the_wrong_format_or_source_is_reported()
    {
        var device = new FakeDevice();
        using var scope = new KeysightInfiniiVision(TestNames.Unique(), FakeLibrary.Open(device));
        device.Values[":WAV:PRE"] = "1,0,2,1,1e-3,0,0,0.04,0,128";
        device.Handlers[":WAV:DATA?"] = _ => "#14\u0080\u0080\u0080\u0080";
        Assert.Equal("The preamble says format 1, but BYTE (0) was asked for.", Assert.Throws<FormatException>(() => scope.ReadWaveform(1)).Message);
        device.Values[":TRIG:EDGE:SOUR"] = "EXT";
        Assert.Contains("the trigger source 'EXT' is not an analog channel (CHAN1 …)", Assert.Throws<ParameterException>(() => scope.TriggerSource.Get()).Message);
    }

    [Fact]
    public void A_short_source_meter_reading_and_an_unreadable_reply_are_reported()
    {
        var device = new FakeDevice();
        using var smu = new Keithley2400(TestNames.Unique(), FakeLibrary.Open(device));
        device.Handlers[":READ?"] = _ => "+1.000000E+00";
        Assert.Contains(":READ? returned 1 value(s); voltage and current were expected", Assert.Throws<FormatException>(() => smu.Measure()).Message);
        Assert.Contains("the reply 'maybe' to 'X?' is not 1/0 or ON/OFF", Assert.Throws<FormatException>(() => ScpiReplies.Boolean("maybe", "X?")).Message);
        Assert.Contains("the reply 'high' to 'Y?' is not a number", Assert.Throws<FormatException>(() => ScpiReplies.Number("high", "Y?")).Message);
    }

    [Fact]
    public void A_range_for_a_function_without_ranges_is_refused()
    {
        using var dmm = new Keysight3446xA(TestNames.Unique(), null);
        dmm.Function.Cache.Set(MeasurementFunction.Frequency);
        var e = Assert.Throws<OpenVisa.Instruments.Validators.ValidationException>(() => dmm.Range.Set(10));
        Assert.Contains("the Frequency function has no range setting", e.Message);
    }

    [Fact]
    public void A_missing_embedded_profile_lists_the_ones_there_are()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SimulationProfiles.Text("nope.yaml"));
        Assert.Contains("There is no embedded simulation profile 'nope.yaml'; embedded profiles: keithley_", e.Message);
        Assert.Contains("keithley_2400.yaml, ", e.Message);
    }

    [Fact]
    public async Task A_bench_names_missing_aliases_wrong_types_and_unclear_simulator_files()
    {
        var psu = TestNames.Unique("psu");
        var yaml = $"bench_name: b\nsimulate: true\ninstruments:\n  {psu}: {{driver: keysight/E36313A}}\n";
        await using var bench = await Bench.OpenAsync(BenchLoader.Parse(yaml, "/b.yaml"));
        Assert.Contains($"has no open instrument 'dmm'; it has: {psu}", Assert.Throws<KeyNotFoundException>(() => bench["dmm"]).Message);
        Assert.Contains($"{psu} is a KeysightE36300, not a IMultimeter", Assert.Throws<InvalidCastException>(() => bench.Get<IMultimeter>(psu)).Message);

        var folder = Directory.CreateTempSubdirectory("openvisa-two-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "two.yaml"), """
                spec: "1.1"
                devices:
                  device 1:
                    eom: {TCPIP INSTR: {q: "\n", r: "\n"}}
                    dialogues: [{q: "*IDN?", r: "A,B,C,D"}]
                resources:
                  TCPIP0::one::inst0::INSTR: {device: device 1}
                  TCPIP0::two::inst0::INSTR: {device: device 1}
                """);
            var dmm = TestNames.Unique("dmm");
            var two = BenchLoader.Parse($"bench_name: t\ninstruments:\n  {dmm}: {{driver: keysight/34461A, sim_profile: two.yaml, simulate: true}}\n", Path.Combine(folder.FullName, "bench.yaml"));
            var e = Assert.Throws<BenchOpenException>(() => Bench.Open(two));
            Assert.Contains("the simulator file offers TCPIP0::one::inst0::INSTR, TCPIP0::two::inst0::INSTR, so it is not clear which one is the keysight/34461A; give address:", e.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
