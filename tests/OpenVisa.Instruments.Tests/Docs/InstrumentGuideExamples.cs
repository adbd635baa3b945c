using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Docs;

/// <summary>
/// Every C# block of docs/instruments.md, compiled here: the test checks that each block appears in this file
/// (whitespace aside), so a change to the API that breaks an example breaks the build, and an edited example that
/// is not copied here fails the test. The methods are compiled, not run (they talk to addresses that do not exist).
/// </summary>
public partial class InstrumentGuideExamples
{
    [Fact]
    public void Every_csharp_block_of_the_guide_is_compiled_here()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "instruments.md"));
        var blocks = CsharpBlock().Matches(guide).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 10, $"the guide has only {blocks.Count} C# blocks");
        var source = Normalise(File.ReadAllText(ThisFile()));
        foreach (var block in blocks)
            Assert.True(source.Contains(Normalise(block), StringComparison.Ordinal), $"this block of docs/instruments.md is not in {nameof(InstrumentGuideExamples)}.cs:\n{block}");
    }

    [Fact]
    public void The_guide_covers_every_section_the_issue_asks_for()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "instruments.md"));
        foreach (var heading in new[] { "## Opening a driver in one line", "## Parameters", "### Validators", "## Channels", "## Snapshots", "## Writing a driver in C#", "## Writing a driver in YAML", "## Bench files", "## Safety limits", "## Reconnecting", "## Manual instruments" })
            Assert.Contains(heading, guide);
    }

    private static void OneLineOpen()
    {
        using var dmm = DriverCatalog.Default.Find("keysight/34465A")
            .Open<Keysight3446xA>("dmm", "TCPIP0::192.168.1.21::inst0::INSTR", backend: "@managed");
        double volts = dmm.Voltage.Get();
        _ = volts;
        using var simulated = DriverCatalog.Default.Find("keysight/34465A").Open<Keysight3446xA>("dmm_sim", simulate: true);
    }

    private static void WaveformsAndTraces()
    {
        using var scope = DriverCatalog.Default.Find("rigol/DS1054Z").Open<RigolDS1000Z>("scope", simulate: true);
        Waveform wave = scope.ReadWaveform(1);                 // wave.Voltages[i] was taken at wave.TimeOf(i) seconds
        using var analyser = DriverCatalog.Default.Find("rs/FPC1500").Open<RohdeSchwarzFpc>("analyser", simulate: true);
        analyser.CenterFrequency.Set(433.92e6);
        analyser.Span.Set(10e6);
        analyser.SingleSweep();
        SpectrumTrace trace = analyser.ReadTrace(1);           // trace.Levels[i] in dBm at trace.FrequencyOf(i) Hz
        double carrier = trace.FrequencyOf(trace.PeakIndex());
        _ = (wave, carrier);
    }

    private static void ParametersAndKinds(Instrument instrument)
    {
        var level = new Parameter<double>("level", instrument)
        {
            Label = "Output level",
            Unit = "V",
            GetCommand = "VOLT?",
            SetCommand = "VOLT {0}",
            Validator = new Numbers(0, 30),
        };
        level.Step = 0.1;                                    // a set ramps from the cached value in 0.1 V steps
        level.InterDelay = TimeSpan.FromMilliseconds(20);    // at least 20 ms between two steps
        level.PostDelay = TimeSpan.FromMilliseconds(50);     // each step takes at least 50 ms (settling)
        level.Set(5.0);
        double now = level.Cache.Get();                      // the cached value; read from the instrument when stale
        _ = now;

        using (level.SetTo(1.5))
        {
            // measure at 1.5 V; level.Set(2) here would throw, the scope holds the value
        }
        instrument.OnParameterSet = (parameter, value) => Console.WriteLine($"{parameter.FullName} = {value}");

        var gateMillivolts = new DelegateParameter<double>("gate_mv", level, instrument) { Unit = "mV", Scale = 0.001 };
        var range = new GroupParameter<int>("range", instrument);
        var resistance = new GroupParameter<double>("resistance", instrument) { Unit = "ohm" };
        var heater = new ParameterGroup([range, resistance], setCommand: "HTRSET 1,{range},{resistance}", getCommand: "HTRSET? 1");
        var frequency = new Parameter<double[]>("frequency", instrument) { Unit = "Hz", GetCommand = "FREQ:LIST?" };
        var trace = new ParameterWithSetpoints("trace", [frequency], instrument) { Unit = "dBm", GetCommand = "TRAC?" };
        _ = (gateMillivolts, heater, trace);

        var sweep = new Parameter<double[]>("sweep", instrument) { Validator = new Sequence(new Numbers(0, 10), length: 3, requireSorted: true) };
        _ = sweep;
    }

    private static void ChannelsAndSnapshots(KeysightE36300 psu)
    {
        psu.Channels[1..].Set(c => c.Output, true);          // outputs 2 and 3 on, validated on all before any is sent
        IReadOnlyList<double> volts = psu.Channels.Get(c => c.Voltage);
        psu.Channels.Pick(0, 2).ForEach(c => c.ClearProtection());    // a method called on every channel of the list
        _ = volts;

        string json = SnapshotJson.ToJsonString(psu.Snapshot(SnapshotUpdate.All));
        Console.WriteLine(psu.ReadableSnapshot());
        _ = json;
    }

    public sealed class AcmeSupply : ScpiInstrument
    {
        public AcmeSupply(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
            : base(name, resource, options, new InstrumentOptions { ReadTermination = "\n", WriteTermination = "\n" })
        {
            Voltage = new Parameter<double>("voltage", this) { Unit = "V", GetCommand = "VOLT?", SetCommand = "VOLT {0}", Validator = new Numbers(0, 30) };
            Output = new Parameter<bool>("output", this) { GetCommand = "OUTP?", SetCommand = "OUTP {0}", Mapping = ValueMapping.OnOff() };
            Display = new Parameter<string>("display", this) { SetCommand = "DISP:TEXT {0}", SetFormatter = ScpiString.Quote };
        }

        public Parameter<double> Voltage { get; }

        public Parameter<bool> Output { get; }

        public Parameter<string> Display { get; }
    }

    private static void Register()
    {
        DriverCatalog.Default.Register(new DriverInfo
        {
            Key = "acme/PS30",
            Description = "Acme PS30 30 V supply",
            InstrumentType = typeof(AcmeSupply),
            Create = (name, resource, options) => new AcmeSupply(name, resource, options),
        });
    }

    private static void YamlDrivers()
    {
        DriverInfo ps2 = YamlDriver.Load("drivers/acme_ps2.yaml");
        using var supply = (YamlInstrument)ps2.Open("ps2", simulate: true);
        supply.ChannelList("outputs")[0].Parameter<double>("voltage").Set(3.3);
    }

    private static void YamlInterfaces()
    {
        using var dp832 = DriverCatalog.Default.Find("rigol/DP832").Open<YamlPowerSupply>("dp832", simulate: true);
        IPowerSupply psu = dp832;
        psu.Channel(1).Voltage.Set(5.0);
        psu.Channel(1).Output.Set(true);
        IReadOnlyList<string> problems = InterfaceCheck.CheckAgainstInstrument(dp832);
        _ = problems;
    }

    private static void Benches()
    {
        using var bench = Bench.Open("bench.yaml", new BenchOpenOptions { Simulate = true });
        var supply = bench.Get<KeysightE36300>("psu");
        supply.Channel(1).Voltage.Set(3.3);
        string benchJson = SnapshotJson.ToJsonString(bench.Snapshot());
        _ = benchJson;
    }

    private static InstrumentOptions Reconnecting()
    {
        var options = new InstrumentOptions { Reconnect = new ReconnectPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(1) } };
        return options;
    }

    private static void ManualInstrument()
    {
        using var panel = new Instrument("patch_panel", null);
        var attenuator = new Parameter<double>("attenuation", panel) { Unit = "dB", InitialValue = 20, Validator = new Numbers(0, 60) };
        attenuator.Set(30);
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OpenVisa.slnx")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds OpenVisa.slnx.");
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
