using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Benches;

/// <summary>Benches on the real drivers and their simulation profiles, chosen by the file's simulate flags.</summary>
public sealed class BenchSimulatedTests
{
    [Fact]
    public async Task Simulate_in_the_file_opens_every_driver_on_its_profile_and_the_limits_hold_through_interfaces()
    {
        var psu = TestNames.Unique("psu");
        var smu = TestNames.Unique("smu");
        var yaml = $$"""
            bench_name: sim bench
            simulate: true
            instruments:
              {{psu}}:
                driver: keysight/EDU36311A
                address: "TCPIP0::192.168.1.20::inst0::INSTR"
                safety_limits:
                  channels:
                    2:
                      voltage: {max: 12}
              {{smu}}:
                profile: keithley/2400
                simulate: true
                safety_limits:
                  voltage: {min: -5, max: 5}
            """;
        var logger = new RecordingLogger();
        await using var bench = await Bench.OpenAsync(BenchLoader.Parse(yaml, "/benches/sim.yaml"), new BenchOpenOptions { Logger = logger });
        var supply = bench.Get<IPowerSupply>(psu);
        supply.Channel(2).Voltage.Set(12);
        var e = Assert.Throws<SafetyLimitException>(() => supply.Channel(2).Voltage.Set(13));
        Assert.Contains("at most 12 V is allowed (from sim.yaml line 10)", e.Message);
        var meter = bench.Get<ISourceMeter>(smu);
        await Assert.ThrowsAsync<SafetyLimitException>(async () => await meter.Voltage.SetAsync(-6));
        Assert.Equal("simulate: true for the bench (sim.yaml line 2)", bench.Backends[psu].Reason);
        Assert.Equal($"simulate: true for {smu} (sim.yaml line 13)", bench.Backends[smu].Reason);
        Assert.Equal("TCPIP0::sim-edu36311a::inst0::INSTR", bench[psu].Address);
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task The_variable_simulates_when_the_file_says_nothing()
    {
        var dmm = TestNames.Unique("dmm");
        var yaml = $"bench_name: env\ninstruments:\n  {dmm}: {{driver: keysight/34461A, address: \"TCPIP0::192.168.1.21::inst0::INSTR\"}}\n";
        await using var bench = await Bench.OpenAsync(BenchLoader.Parse(yaml, "/benches/env.yaml"), new BenchOpenOptions { SimulateVariable = "1" });
        var meter = bench.Get<IMultimeter>(dmm);
        Assert.Equal(1.2345678, await meter.MeasureAsync(MeasurementFunction.DcVoltage), 7);
        Assert.Equal("OPENVISA_SIMULATE=1", bench.Backends[dmm].Reason);
    }

    [Fact]
    public void A_sim_profile_of_the_users_own_replaces_the_drivers()
    {
        var folder = Directory.CreateTempSubdirectory("openvisa-own-profile-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "mine.yaml"), """
                model: MY-DMM
                identification: "Acme,MY-DMM,1,1"
                address: "TCPIP0::my-dmm::inst0::INSTR"
                simulation:
                  scpi:
                    "MEASure:VOLTage[:DC]?": "+4.20000000E+00"
                """);
            var dmm = TestNames.Unique("dmm");
            var yaml = $"bench_name: own\ninstruments:\n  {dmm}: {{driver: keysight/34461A, sim_profile: mine.yaml, simulate: true}}\n";
            using var bench = Bench.Open(BenchLoader.Parse(yaml, Path.Combine(folder.FullName, "bench.yaml")));
            Assert.Equal("Acme", bench[dmm].Idn.Cache.Value.Vendor);
            Assert.Equal("TCPIP0::my-dmm::inst0::INSTR", bench[dmm].Address);
            Assert.Equal(4.2, bench.Get<IMultimeter>(dmm).Voltage.Get());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
