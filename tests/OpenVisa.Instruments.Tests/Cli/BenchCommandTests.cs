using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Cli;

public sealed class BenchCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openvisa-bench-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder.FullName, $"bench-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Example => Path.Combine(AppContext.BaseDirectory, "examples", "bench.yaml");

    [Fact]
    public void Check_accepts_the_example_and_shows_each_backend_and_why()
    {
        var (code, output, error) = Run("bench", "check", Example);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("bench 'Regulator characterisation bench', 6 instruments, valid", output);
        Assert.Contains("psu: keysight/E36313A -> ", output);
        Assert.Contains("backend_defaults.type: visa (bench.yaml line 30)", output);
        var simulated = Run("bench", "check", Example, "--simulate");
        Assert.Contains("smu: keithley/2400 -> ", simulated.Out);
        Assert.Contains("keithley_2400.yaml@sim GPIB0::24::INSTR (the run asked for simulation (--simulate))", simulated.Out);
    }

    [Fact]
    public void Check_refuses_a_misspelled_interface_in_an_address_with_the_parser_s_reason_and_exits_2()
    {
        var path = Write("""
            bench_name: typo
            instruments:
              dmm:
                driver: keysight/34461A
                address: "TCIP0::x::INSTR"
            """);
        var (code, output, error) = Run("bench", "check", path);
        Assert.Equal(2, code);
        Assert.DoesNotContain("valid", output);
        Assert.Contains(":5:", error);
        Assert.Contains("instruments.dmm.address", error);
        Assert.Contains("unknown interface type 'TCIP'", error);
        Assert.Contains("TCPIP", error);
    }

    [Fact]
    public void Check_reports_each_problem_with_file_line_and_field_and_exits_2()
    {
        var path = Write("""
            bench_name: broken
            simulate: perhaps
            instruments:
              psu:
                driver: keysight/E36313A
                address: "TCPIP0::10.0.0.9::INSTR"
                safety_limits:
                  channels:
                    4: {voltage: {max: 5}}
              meter: {driver: acme/9000}
            """);
        var (code, _, error) = Run("bench", "check", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}:2:11: error: simulate: expected true or false, found 'perhaps'", error);
        Assert.Contains($"{path}:10:19: error: instruments.meter.driver: there is no driver 'acme/9000'", error);
    }

    [Fact]
    public void Check_finds_limits_on_parameters_the_driver_lacks()
    {
        var path = Write("""
            bench_name: limits
            instruments:
              psu:
                driver: keysight/E36313A
                address: "TCPIP0::10.0.0.9::INSTR"
                safety_limits:
                  channels:
                    4: {voltage: {max: 5}}
                    1: {power: {max: 5}}
            """);
        var (code, output, error) = Run("bench", "check", path);
        Assert.Equal(2, code);
        Assert.Contains("2 errors", output);
        Assert.Contains($"{path}:8:1: error: instruments.psu.safety_limits.channels.4.voltage: the driver KeysightE36300 has no channel '4'; its channels are 1, 2, 3", error);
        Assert.Contains("KeysightE36300 has no numeric parameter 'power' on channel 1; limits can bound voltage, current", error);
    }

    [Fact]
    public void Check_with_json_prints_one_document()
    {
        var (code, output, _) = Run("bench", "check", Example, "--json");
        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(6, root.GetProperty("instruments").GetArrayLength());
        Assert.Equal("psu", root.GetProperty("instruments")[0].GetProperty("alias").GetString());
        Assert.Equal(0, root.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public void A_missing_address_for_a_real_backend_is_a_check_error()
    {
        var path = Write("bench_name: x\ninstruments:\n  dmm: {driver: keysight/34461A, backend_type_hint: managed}\n");
        var (code, output, error) = Run("bench", "check", path);
        Assert.Equal(2, code);
        Assert.Contains("dmm uses the managed backend", error);
        Assert.Contains("has no address; add address:", error);
        Assert.Contains("(none)", output);
    }

    [Fact]
    public void Open_names_the_visa_status_when_an_instrument_is_not_there_and_exits_1()
    {
        var key = "cli_" + Guid.NewGuid().ToString("N");
        FakeLibrary.Attach(key, new FakeDevice());
        // The registry is process-wide and other tests open benches with a "dmm", so this one has a name of its own.
        var name = "dmm_" + key;
        var path = Write($"bench_name: x\ninstruments:\n  {name}: {{driver: keysight/34461A, address: \"TCPIP0::10.9.9.9::INSTR\", backend: {{type: \"{key}@fake\"}}}}\n");
        var (code, output, error) = Run("bench", "open", path);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"info: {name}: backend " + key + "@fake because backend.type", error);
        Assert.Contains($"VI_ERROR_RSRC_NFOUND: {name} (keysight/34461A) did not open on " + key + "@fake at TCPIP0::10.9.9.9::INSTR", error);
        Assert.False(Instrument.Exists(name));
    }

    [Fact]
    public void Open_prints_a_readable_status_and_closes_again()
    {
        var key = "cli_" + Guid.NewGuid().ToString("N");
        var device = new FakeDevice { Idn = "Keysight Technologies,34461A,MY1,A.03" };
        device.Values["SENS:FUNC"] = "\"VOLT\"";
        FakeLibrary.Attach(key, device);
        var alias = TestNames.Unique("dmm");
        var path = Write($"bench_name: fake\ninstruments:\n  {alias}: {{driver: keysight/34461A, address: \"{FakeLibrary.Address}\", backend: {{type: \"{key}@fake\"}}}}\n");
        var (code, output, error) = Run("bench", "open", path);
        Assert.Equal(0, code);
        Assert.Contains($"{alias}: keysight/34461A, Keysight Technologies 34461A (serial:MY1, firmware:A.03)", output);
        Assert.Contains("because backend.type", output);
        Assert.Contains("function", output);
        Assert.Contains($"info: Connected to: Keysight Technologies 34461A", error);
        Assert.False(Instrument.Exists(alias));
        var json = Run("bench", "open", path, "--json");
        Assert.Equal(0, json.Code);
        Assert.Equal("Keysight Technologies 34461A (serial:MY1, firmware:A.03)", JsonDocument.Parse(json.Out).RootElement.GetProperty("instruments")[0].GetProperty("identity").GetString());
    }

    [Fact]
    public void A_file_that_is_not_there_exits_2()
    {
        var (code, _, error) = Run("bench", "snapshot", Path.Combine(_folder.FullName, "none.yaml"));
        Assert.Equal(2, code);
        Assert.Contains("the file cannot be read", error);
    }
}
