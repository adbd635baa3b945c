using OpenVisa.Cli;

namespace OpenVisa.Instruments.Tests.Cli;

/// <summary>
/// <c>ovisa bench check</c> warns when an instrument's backend cannot open its address: a simulator file without that
/// name, <c>@lamb</c> given a port of this machine, <c>@managed</c> given an interface it has no transport for.
/// </summary>
public sealed class BenchCheckReachTests : IDisposable
{
    private const string SimFile = """
        spec: "1.1"
        devices:
          meter:
            eom:
              GPIB INSTR: {q: "\n", r: "\n"}
            dialogues:
              - q: "*IDN?"
                r: "Sim,Meter,0,1"
        resources:
          GPIB0::22::INSTR:
            device: meter
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openvisa-bench-reach-");

    public void Dispose() => _folder.Delete(recursive: true);

    private (int Code, string Out, string Error) Check(string instrument)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "meter.yaml"), SimFile);
        var path = Path.Combine(_folder.FullName, "bench.yaml");
        File.WriteAllText(path, "bench_name: reach\ninstruments:\n  dmm:\n    driver: keysight/34461A\n" + instrument);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(["bench", "check", path], new CliContext(output, error, new StringReader("")));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_simulator_file_without_the_address_is_a_warning_naming_what_it_serves()
    {
        var (code, output, error) = Check("    address: \"GPIB0::9::INSTR\"\n    backend_type_hint: sim\n    sim_profile: meter.yaml\n");
        Assert.Equal(0, code);
        Assert.Contains("valid", output);
        Assert.Contains(":4:1: warning: instruments.dmm: the simulator ", error);
        Assert.Contains("serves no resource named GPIB0::9::INSTR, so opening it will fail; it serves GPIB0::22::INSTR", error);
    }

    [Fact]
    public void A_simulator_file_that_serves_the_address_gives_no_warning()
    {
        var (code, _, error) = Check("    address: \"GPIB0::22::INSTR\"\n    backend_type_hint: sim\n    sim_profile: meter.yaml\n");
        Assert.Equal(0, code);
        Assert.Equal("", error);
    }

    [Fact]
    public void Lamb_given_a_serial_port_is_a_warning_that_says_what_to_use()
    {
        var (code, _, error) = Check("    address: \"ASRL3::INSTR\"\n    backend: {type: lamb, url: \"http://127.0.0.1:1\"}\n");
        Assert.Equal(0, code);
        Assert.Contains("warning: instruments.dmm: ASRL3::INSTR names a serial port of this machine", error);
        Assert.Contains("use backend: {type: managed}", error);
    }

    [Fact]
    public void Lamb_given_a_network_name_gives_no_warning()
    {
        var (code, _, error) = Check("    address: \"TCPIP0::10.0.0.5::inst0::INSTR\"\n    backend: {type: lamb, url: \"http://127.0.0.1:1\"}\n");
        Assert.Equal(0, code);
        Assert.Equal("", error);
    }

    [Fact]
    public void Managed_given_an_interface_it_has_no_transport_for_is_a_warning()
    {
        var (code, _, error) = Check("    address: \"VXI0::1::INSTR\"\n    backend: {type: managed}\n");
        Assert.Equal(0, code);
        Assert.Contains("warning: instruments.dmm: @managed has no transport for VXI0::1::INSTR (VXI)", error);
        Assert.Contains("backend: {type: ivi}", error);
    }

    [Fact]
    public void A_safety_limit_with_min_above_max_is_refused_by_check_with_its_line()
    {
        var (code, output, error) = Check("    address: \"TCPIP0::10.0.0.5::inst0::INSTR\"\n    safety_limits:\n      voltage: {min: 5, max: 1}\n");
        Assert.Equal(2, code);
        Assert.DoesNotContain("valid", output);
        Assert.Contains(":7:", error);
        Assert.Contains("instruments.dmm.safety_limits.voltage: min 5 is above max 1", error);
    }
}
