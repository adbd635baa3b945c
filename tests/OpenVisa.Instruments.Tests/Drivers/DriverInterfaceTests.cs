using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

public class DriverInterfaceTests
{
    public static TheoryData<string> DriverKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var driver in DriverCatalog.Default.All)
            keys.Add(driver.Key);
        return keys;
    }

    [Theory]
    [MemberData(nameof(DriverKeys))]
    public void Every_driver_meets_the_interfaces_it_declares(string key)
    {
        var driver = DriverCatalog.Default.Find(key);
        using var instrument = Instrument.Create(() => driver.Create(TestNames.Unique("drv"), null, null));
        Assert.IsType(driver.InstrumentType, instrument);
        var interfaces = InterfaceCheck.InterfacesOf(instrument.GetType());
        Assert.Contains(typeof(IInstrument), interfaces);
        Assert.True(interfaces.Count >= 2, $"{key} implements no instrument-kind interface");
        Assert.Empty(InterfaceCheck.Check(instrument));
        instrument.CheckDefinitions();
    }

    [Theory]
    [MemberData(nameof(DriverKeys))]
    public void Every_driver_has_an_embedded_simulation_profile(string key)
    {
        var driver = DriverCatalog.Default.Find(key);
        Assert.NotNull(driver.SimulationProfile);
        Assert.Contains(driver.SimulationProfile, SimulationProfiles.Names);
        var text = SimulationProfiles.Text(driver.SimulationProfile!);
        Assert.Contains($"address: \"{driver.SimulationAddress}\"", text);
        var path = driver.SimulationProfilePath();
        Assert.True(File.Exists(path));
        Assert.Equal(text, File.ReadAllText(path!));
    }

    [Fact]
    public void Every_interface_kind_has_a_driver()
    {
        var kinds = DriverCatalog.Default.All.SelectMany(d => InterfaceCheck.InterfacesOf(d.InstrumentType)).ToHashSet();
        foreach (var kind in new[] { typeof(IPowerSupply), typeof(IMultimeter), typeof(IOscilloscope), typeof(IWaveformGenerator), typeof(ISourceMeter), typeof(IElectronicLoad), typeof(ISpectrumAnalyzer) })
            Assert.Contains(kind, kinds);
    }

    [Fact]
    public void The_check_reports_wrong_names_units_and_channel_ranges()
    {
        using var broken = new BrokenSupply(TestNames.Unique());
        var problems = InterfaceCheck.Check(broken);
        Assert.Contains(problems, p => p.Contains("Voltage is named 'volts'; IPowerSupplyChannel requires 'voltage'"));
        Assert.Contains(problems, p => p.Contains("Current has unit 'mA'; IPowerSupplyChannel requires 'A'"));
        Assert.Contains(problems, p => p.Contains("Channel(0) should throw ArgumentOutOfRangeException"));
    }

    [Fact]
    public void The_catalog_finds_drivers_by_key_alias_or_model()
    {
        Assert.Equal("keysight/E36313A", DriverCatalog.Default.Find("KEYSIGHT/e36313a").Key);
        Assert.Equal("keysight/DSOX1204G", DriverCatalog.Default.Find("keysight/DSOX3034T").Key);
        Assert.Equal("keithley/2400", DriverCatalog.Default.Find("2400").Key);
        var e = Assert.Throws<KeyNotFoundException>(() => DriverCatalog.Default.Find("acme/9000"));
        Assert.Contains("There is no driver 'acme/9000'; known drivers: keysight/34461A", e.Message);
        var catalog = TestDrivers.Catalog();
        Assert.Contains("already used by test/supply", Assert.Throws<ArgumentException>(() => catalog.Register(catalog.Find("test/supply") with { Aliases = [] })).Message);
    }

    private sealed class BrokenSupply : Instrument, IPowerSupply
    {
        private readonly BrokenChannel _channel;

        public BrokenSupply(string name)
            : base(name, null)
        {
            _channel = AddSubmodule("ch1", new BrokenChannel(this));
        }

        public int ChannelCount => 1;

        public IPowerSupplyChannel Channel(int number) => _channel;

        public void AllOutputsOff()
        {
        }

        public ValueTask AllOutputsOffAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public void Reset()
        {
        }

        public ValueTask ResetAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public void ClearStatus()
        {
        }
    }

    private sealed class BrokenChannel : InstrumentChannel, IPowerSupplyChannel
    {
        public BrokenChannel(Instrument parent)
            : base(parent, "ch1", "1")
        {
            Voltage = new Parameter<double>("volts", this) { Unit = "V" };
            Current = new Parameter<double>("current", this) { Unit = "mA" };
            Output = new Parameter<bool>("output", this);
            MeasuredVoltage = new Parameter<double>("measured_voltage", this) { Unit = "V" };
            MeasuredCurrent = new Parameter<double>("measured_current", this) { Unit = "A" };
        }

        public Parameter<double> Voltage { get; }

        public Parameter<double> Current { get; }

        public Parameter<bool> Output { get; }

        public Parameter<double> MeasuredVoltage { get; }

        public Parameter<double> MeasuredCurrent { get; }
    }
}
