namespace OpenVisa.Tests.Cli;

public sealed class SimCheckCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-sim-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private const string Good = """
        spec: "1.1"
        devices:
          meter:
            eom:
              GPIB INSTR: {q: "\n", r: "\n"}
            dialogues:
              - {q: "*IDN?", r: "METER,1"}
        resources:
          GPIB0::1::INSTR: {device: meter}
        """;

    [Fact]
    public void A_good_file_prints_its_resources_and_dialogues()
    {
        var run = CliRun.Of("sim", "check", Write("good.yaml", Good));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("GPIB0::1::INSTR -> meter", run.Out, StringComparison.Ordinal);
        Assert.Contains("*IDN? -> METER,1", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
        var json = CliRun.Of("sim", "check", Write("good2.yaml", Good), "--json").Json;
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("GPIB0::1::INSTR", json.GetProperty("resources")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Each_problem_is_reported_with_file_line_and_column_and_warnings_fail_only_with_strict()
    {
        // An unknown key is a warning: pyvisa-sim loads the file, so the check passes (exit 0) and prints it.
        var path = Write("bad.yaml", Good.Replace("dialogues:", "dialogz:", StringComparison.Ordinal));
        var run = CliRun.Of("sim", "check", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{path}:6:5: warning: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("dialogz", run.Error, StringComparison.Ordinal);
        var strict = CliRun.Of("sim", "check", path, "--strict");
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("dialogz", strict.Error, StringComparison.Ordinal);
        var json = CliRun.Of("sim", "check", path, "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.True(json.Json.GetProperty("valid").GetBoolean());
        Assert.Equal(0, json.Json.GetProperty("exitCode").GetInt32());
        var strictJson = CliRun.Of("sim", "check", path, "--json", "--strict");
        Assert.Equal(2, strictJson.ExitCode);
        Assert.Equal(2, strictJson.Json.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void An_error_exits_2_and_every_problem_is_reported_in_one_run()
    {
        var path = Write("errors.yaml", Good.Replace("{device: meter}", "{device: nosuch}", StringComparison.Ordinal)
            .Replace("dialogues:", "dialogz:", StringComparison.Ordinal));
        var run = CliRun.Of("sim", "check", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: the resource points at device 'nosuch'", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: unknown key 'dialogz'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_located_too()
    {
        var path = Write("broken.yaml", "spec: \"1.1\"\ndevices: [unclosed\n");
        var run = CliRun.Of("sim", "check", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: error:", run.Error);
    }

    [Fact]
    public void A_bad_simulator_file_given_as_the_backend_is_bad_input()
    {
        var path = Write("bad-backend.yaml", Good.Replace("meter}", "nosuchdevice}", StringComparison.Ordinal));
        var run = CliRun.Of("list", "-b", path + "@sim");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: VI_ERROR_INV_SETUP", run.Error, StringComparison.Ordinal);
        Assert.Contains("nosuchdevice", run.Error, StringComparison.Ordinal);
        var missing = CliRun.Of("list", "-b", Path.Combine(_folder, "absent.yaml") + "@sim");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("VI_ERROR_FILE_ACCESS", missing.Error, StringComparison.Ordinal);
    }
}
