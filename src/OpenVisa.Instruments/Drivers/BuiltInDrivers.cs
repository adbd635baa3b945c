using OpenVisa.Instruments.Drivers.Keithley;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Siglent;
using OpenVisa.Instruments.Drivers.Tektronix;

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
        new DriverInfo
        {
            Key = "rigol/DSA815",
            Aliases = ["rigol/DSA815-TG", "Rigol DSA815"],
            Description = "Rigol DSA815 spectrum analyser (9 kHz to 1.5 GHz)",
            InstrumentType = typeof(RigolDsa800),
            Create = (name, resource, options) => new RigolDsa800(name, resource, RigolDsa800.Dsa815, options),
            SimulationProfile = "rigol_dsa815.yaml",
            SimulationAddress = "TCPIP0::sim-dsa815::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "rs/FPC1500",
            Aliases = ["rohde-schwarz/FPC1500", "R&S FPC1500"],
            Description = "Rohde & Schwarz FPC1500 spectrum analyser (5 kHz to 1 GHz)",
            InstrumentType = typeof(RohdeSchwarzFpc),
            Create = (name, resource, options) => new RohdeSchwarzFpc(name, resource, RohdeSchwarzFpc.Fpc1500, options),
            SimulationProfile = "rs_fpc1500.yaml",
            SimulationAddress = "TCPIP0::sim-fpc1500::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "rigol/DS1054Z",
            Aliases = ["rigol/DS1104Z", "rigol/DS1074Z", "rigol/MSO1104Z", "Rigol DS1054Z"],
            Description = "Rigol DS1000Z four-channel oscilloscope",
            InstrumentType = typeof(RigolDS1000Z),
            Create = (name, resource, options) => new RigolDS1000Z(name, resource, options),
            SimulationProfile = "rigol_ds1054z.yaml",
            SimulationAddress = "TCPIP0::sim-ds1054z::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "tektronix/TBS2104",
            Aliases = ["tektronix/TBS2074", "tektronix/TBS2104B", "Tektronix TBS2104"],
            Description = "Tektronix TBS2000 four-channel oscilloscope",
            InstrumentType = typeof(TektronixTbs),
            Create = (name, resource, options) => new TektronixTbs(name, resource, 4, options),
            SimulationProfile = "tektronix_tbs2104.yaml",
            SimulationAddress = "TCPIP0::sim-tbs2104::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "rs/RTB2004",
            Aliases = ["rohde-schwarz/RTB2004", "R&S RTB2004"],
            Description = "Rohde & Schwarz RTB2000 four-channel oscilloscope",
            InstrumentType = typeof(RohdeSchwarzRtb2000),
            Create = (name, resource, options) => new RohdeSchwarzRtb2000(name, resource, 4, options),
            SimulationProfile = "rs_rtb2004.yaml",
            SimulationAddress = "TCPIP0::sim-rtb2004::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "rigol/DG1022Z",
            Aliases = ["Rigol DG1022Z"],
            Description = "Rigol DG1022Z two-channel function generator (25 MHz)",
            InstrumentType = typeof(RigolDG1000Z),
            Create = (name, resource, options) => new RigolDG1000Z(name, resource, 25e6, options),
            SimulationProfile = "rigol_dg1022z.yaml",
            SimulationAddress = "TCPIP0::sim-dg1022z::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "siglent/SDG2042X",
            Aliases = ["Siglent SDG2042X"],
            Description = "Siglent SDG2042X two-channel function generator (40 MHz)",
            InstrumentType = typeof(SiglentSdg2000X),
            Create = (name, resource, options) => new SiglentSdg2000X(name, resource, 40e6, options),
            SimulationProfile = "siglent_sdg2042x.yaml",
            SimulationAddress = "TCPIP0::sim-sdg2042x::inst0::INSTR",
        },
        new DriverInfo
        {
            Key = "tektronix/AFG31022",
            Aliases = ["Tektronix AFG31022"],
            Description = "Tektronix AFG31022 two-channel arbitrary/function generator (25 MHz)",
            InstrumentType = typeof(TektronixAfg31000),
            Create = (name, resource, options) => new TektronixAfg31000(name, resource, 2, 25e6, options),
            SimulationProfile = "tektronix_afg31022.yaml",
            SimulationAddress = "TCPIP0::sim-afg31022::inst0::INSTR",
        },
    ];
}
