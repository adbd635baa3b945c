using OpenVisa.Instruments.Drivers.Keithley;
using OpenVisa.Instruments.Drivers.Keysight;

namespace OpenVisa.Instruments.Drivers;

/// <summary>The drivers that ship with OpenVisa.Instruments, each with its simulation profile.</summary>
internal static class BuiltInDrivers
{
    public static IEnumerable<DriverInfo> All =>
    [
        new DriverInfo
        {
            Key = "keysight/34461A",
            Aliases = ["keysight/34460A", "Keysight 34461A"],
            Description = "Keysight Truevolt 34460A/34461A digital multimeter",
            InstrumentType = typeof(Keysight3446xA),
            Create = (name, resource, options) => new Keysight3446xA(name, resource, Keysight3446xAModel.Model34461A, options),
            SimulationProfile = "keysight_34461a.yaml",
            SimulationAddress = "TCPIP0::sim-34461a::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/34465A",
            Aliases = ["keysight/34470A", "Keysight 34465A"],
            Description = "Keysight Truevolt 34465A/34470A digital multimeter",
            InstrumentType = typeof(Keysight3446xA),
            Create = (name, resource, options) => new Keysight3446xA(name, resource, Keysight3446xAModel.Model34465A, options),
            SimulationProfile = "keysight_34465a.yaml",
            SimulationAddress = "TCPIP0::sim-34465a::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/E36313A",
            Aliases = ["Keysight E36313A"],
            Description = "Keysight E36313A triple-output supply (6 V/10 A, 25 V/2 A, 25 V/2 A)",
            InstrumentType = typeof(KeysightE36300),
            Create = (name, resource, options) => new KeysightE36300(name, resource, KeysightE36300Model.E36313A, options),
            SimulationProfile = "keysight_e36313a.yaml",
            SimulationAddress = "TCPIP0::sim-e36313a::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/E36312A",
            Aliases = ["Keysight E36312A"],
            Description = "Keysight E36312A triple-output supply (6 V/5 A, 25 V/1 A, 25 V/1 A)",
            InstrumentType = typeof(KeysightE36300),
            Create = (name, resource, options) => new KeysightE36300(name, resource, KeysightE36300Model.E36312A, options),
            SimulationProfile = "keysight_e36312a.yaml",
            SimulationAddress = "TCPIP0::sim-e36312a::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/EDU36311A",
            Aliases = ["Keysight EDU36311A"],
            Description = "Keysight EDU36311A triple-output supply (6 V/5 A, 30 V/1 A, 30 V/1 A)",
            InstrumentType = typeof(KeysightE36300),
            Create = (name, resource, options) => new KeysightE36300(name, resource, KeysightE36300Model.EDU36311A, options),
            SimulationProfile = "keysight_edu36311a.yaml",
            SimulationAddress = "TCPIP0::sim-edu36311a::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/DSOX1204G",
            Aliases = ["keysight/DSOX1204A", "keysight/DSOX2004A", "keysight/DSOX2024A", "keysight/DSOX3024T", "keysight/DSOX3034T", "Keysight DSOX1204G"],
            Description = "Keysight InfiniiVision four-channel oscilloscope",
            InstrumentType = typeof(KeysightInfiniiVision),
            Create = (name, resource, options) => new KeysightInfiniiVision(name, resource, 4, options),
            SimulationProfile = "keysight_dsox1204g.yaml",
            SimulationAddress = "TCPIP0::sim-dsox1204g::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keysight/33522B",
            Aliases = ["keysight/33512B", "keysight/33622A", "Keysight 33522B"],
            Description = "Keysight 33500B two-channel waveform generator",
            InstrumentType = typeof(Keysight33500B),
            Create = (name, resource, options) => new Keysight33500B(name, resource, 2, options),
            SimulationProfile = "keysight_33522b.yaml",
            SimulationAddress = "TCPIP0::sim-33522b::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "keithley/2400",
            Aliases = ["keithley/2401", "keithley/2410", "Keithley 2400"],
            Description = "Keithley 2400-series SourceMeter",
            InstrumentType = typeof(Keithley2400),
            Create = (name, resource, options) => new Keithley2400(name, resource, options),
            SimulationProfile = "keithley_2400.yaml",
            SimulationAddress = "GPIB0::24::INSTR",
        },
    ];
}
