using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Benches;

public class BackendSelectorTests
{
    private static readonly DriverInfo Driver = TestDrivers.Catalog().Find("test/supply") with { SimulationAddress = "TCPIP0::sim-psu::inst0::INSTR" };

    private static BenchFile Bench(BenchSetting<bool>? simulate = null, BenchBackend? defaults = null) => new()
    {
        Path = "/benches/lab.yaml",
        Name = "lab",
        Instruments = [],
        Simulate = simulate,
        BackendDefaults = defaults,
    };

    private static BenchInstrument Entry(string? address = "TCPIP0::10.1.1.1::INSTR", BenchSetting<bool>? simulate = null, BenchBackend? backend = null, string? hint = null) => new()
    {
        Alias = "psu",
        Driver = "test/supply",
        Address = address,
        Simulate = simulate,
        Backend = backend,
        BackendTypeHint = hint is null ? null : new BenchSetting<string>(hint, 9),
        SimProfile = "/profiles/psu.yaml",
        Line = 5,
    };

    private static BackendChoice Choose(BenchFile bench, BenchInstrument entry, bool force = false, string? variable = null) =>
        BackendSelector.Choose(bench, entry, Driver, force, variable);

    [Fact]
    public void The_runs_simulate_flag_wins_over_everything()
    {
        var choice = Choose(Bench(), Entry(hint: "managed", backend: new BenchBackend("ivi", null, 7)), force: true);
        Assert.Equal("sim", choice.Type);
        Assert.Equal("/profiles/psu.yaml@sim", choice.Spec);
        Assert.Contains("--simulate", choice.Reason);
        Assert.True(choice.IsSimulated);
    }

    [Fact]
    public void An_explicit_hint_wins_over_the_backend_and_simulate()
    {
        var choice = Choose(Bench(new BenchSetting<bool>(true, 2)), Entry(simulate: new BenchSetting<bool>(true, 6), backend: new BenchBackend("ivi", null, 7), hint: "managed"));
        Assert.Equal("@managed", choice.Spec);
        Assert.Equal("TCPIP0::10.1.1.1::INSTR", choice.Address);
        Assert.Equal("backend_type_hint: managed for psu (lab.yaml line 9)", choice.Reason);
    }

    [Fact]
    public void The_instruments_backend_wins_over_simulate()
    {
        var choice = Choose(Bench(new BenchSetting<bool>(true, 2)), Entry(backend: new BenchBackend("ivi", 3000, 7)));
        Assert.Equal("@ivi", choice.Spec);
        Assert.Equal("backend.type: ivi for psu (lab.yaml line 7)", choice.Reason);
        Assert.Equal(TimeSpan.FromSeconds(3), choice.Timeout);
    }

    [Fact]
    public void Simulate_per_instrument_then_bench_then_variable()
    {
        Assert.Equal("simulate: true for psu (lab.yaml line 6)", Choose(Bench(), Entry(simulate: new BenchSetting<bool>(true, 6))).Reason);
        Assert.Equal("simulate: true for the bench (lab.yaml line 2)", Choose(Bench(new BenchSetting<bool>(true, 2)), Entry()).Reason);
        Assert.Equal("OPENVISA_SIMULATE=yes", Choose(Bench(), Entry(), variable: "yes").Reason);
        var instrumentSaysNo = Choose(Bench(new BenchSetting<bool>(true, 2)), Entry(simulate: new BenchSetting<bool>(false, 6)), variable: "1");
        Assert.False(instrumentSaysNo.IsSimulated);
        var benchSaysNo = Choose(Bench(new BenchSetting<bool>(false, 2)), Entry(), variable: "1");
        Assert.False(benchSaysNo.IsSimulated);
        Assert.False(Choose(Bench(), Entry(), variable: "perhaps").IsSimulated);
    }

    [Theory]
    [InlineData("sim")]
    [InlineData("SIM::power_supply::1")]
    [InlineData("TCPIP0::x::INSTR@sim")]
    public void An_address_naming_the_simulator_simulates(string address)
    {
        var choice = Choose(Bench(), Entry(address));
        Assert.True(choice.IsSimulated);
        Assert.Equal($"the address '{address}' names the simulator", choice.Reason);
    }

    [Fact]
    public void Backend_defaults_come_after_simulate_and_address()
    {
        var defaults = new BenchBackend("managed", 10000, 3);
        var choice = Choose(Bench(defaults: defaults), Entry("TCPIP0::10.1.1.1::INSTR@ivi"));
        Assert.Equal("@managed", choice.Spec);
        Assert.Equal("backend_defaults.type: managed (lab.yaml line 3)", choice.Reason);
        Assert.Equal("TCPIP0::10.1.1.1::INSTR", choice.Address);
        Assert.Equal(TimeSpan.FromSeconds(10), choice.Timeout);
        Assert.True(Choose(Bench(new BenchSetting<bool>(true, 2), defaults), Entry()).IsSimulated);
    }

    [Fact]
    public void Then_the_addresss_own_backend_then_the_default()
    {
        var named = Choose(Bench(), Entry("TCPIP0::10.1.1.1::INSTR@managed"));
        Assert.Equal("@managed", named.Spec);
        Assert.Equal("the address names @managed", named.Reason);
        var fallback = Choose(Bench(), Entry());
        Assert.Equal(BackendRegistry.DefaultSpec(), fallback.Spec);
        Assert.StartsWith("no rule chose one, so the default backend", fallback.Reason);
    }

    [Fact]
    public void A_real_backend_without_an_address_is_an_error_naming_the_fix()
    {
        var e = Assert.Throws<BenchOpenException>(() => Choose(Bench(), Entry(address: null, hint: "managed")));
        Assert.Equal("psu uses the managed backend (backend_type_hint: managed for psu (lab.yaml line 9)) but has no address; add address: with its resource name, or simulate: true", e.Message);
    }

    [Fact]
    public void Simulating_a_driver_without_a_profile_is_an_error()
    {
        var entry = Entry(simulate: new BenchSetting<bool>(true, 6)) with { SimProfile = null };
        var e = Assert.Throws<BenchOpenException>(() => BackendSelector.Choose(Bench(), entry, Driver));
        Assert.Contains("the driver test/supply has no simulation profile; give sim_profile:", e.Message);
    }

    [Fact]
    public void A_full_spec_as_type_is_used_as_it_is()
    {
        var choice = Choose(Bench(), Entry(backend: new BenchBackend("key@fake", null, 7)));
        Assert.Equal("key@fake", choice.Spec);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("ON", true)]
    [InlineData("no", false)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_variable_reads_common_spellings(string? text, bool? expected) =>
        Assert.Equal(expected, BackendSelector.ParseSimulate(text));
}

public class LambBackendSelectionTests
{
    private static readonly DriverInfo Driver = TestDrivers.Catalog().Find("test/supply");

    private static BenchFile Bench(BenchBackend? defaults = null) => new()
    {
        Path = "/benches/lab.yaml",
        Name = "lab",
        Instruments = [],
        BackendDefaults = defaults,
    };

    private static BenchInstrument Entry(string address, BenchBackend? backend = null) => new()
    {
        Alias = "scope",
        Driver = "test/supply",
        Address = address,
        Backend = backend,
        Line = 5,
    };

    [Fact]
    public void A_lamb_backend_takes_its_url_from_the_instrument_then_backend_defaults()
    {
        var own = BackendSelector.Choose(Bench(new BenchBackend("visa", null, 2, "http://defaults:8000")), Entry("USB0::1::2::3::INSTR", new BenchBackend("lamb", 15000, 7, "http://lab-pc:8000")), Driver);
        Assert.Equal("http://lab-pc:8000@lamb", own.Spec);
        Assert.Equal("USB0::1::2::3::INSTR", own.Address);
        Assert.Equal(TimeSpan.FromSeconds(15), own.Timeout);
        var fromDefaults = BackendSelector.Choose(Bench(new BenchBackend("lamb", null, 2, "http://defaults:8000")), Entry("USB0::1::2::3::INSTR"), Driver);
        Assert.Equal("http://defaults:8000@lamb", fromDefaults.Spec);
        Assert.Equal("backend_defaults.type: lamb (lab.yaml line 2)", fromDefaults.Reason);
        var noUrl = BackendSelector.Choose(Bench(), Entry("USB0::1::2::3::INSTR", new BenchBackend("lamb", null, 7)), Driver);
        Assert.Equal("@lamb", noUrl.Spec);
    }

    [Fact]
    public void A_LAMB_address_chooses_the_lamb_backend_as_PyTestLab_does()
    {
        var choice = BackendSelector.Choose(Bench(new BenchBackend(null, null, 2, "http://lab-pc:8000")), Entry("LAMB::DSOX1204G::CN1::INSTR"), Driver);
        Assert.Equal("http://lab-pc:8000@lamb", choice.Spec);
        Assert.Equal("LAMB::DSOX1204G::CN1::INSTR", choice.Address);
        Assert.Equal("the address 'LAMB::DSOX1204G::CN1::INSTR' is a LAMB:: name, as in PyTestLab", choice.Reason);
    }
}
