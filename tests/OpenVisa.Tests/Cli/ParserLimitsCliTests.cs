namespace OpenVisa.Tests.Cli;

/// <summary>
/// Issue 18, items 13 to 15: deeply nested or endless input files give a located error and exit 2, never a stack
/// overflow (exit 134), an unhandled exception or a hang. Each runs ovisa in a child process, so a regression fails
/// one test instead of ending the test run.
/// </summary>
public sealed class ParserLimitsCliTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertBadInput(CliProcess run, string file, string expected)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Error + run.Out, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(file) + ":", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sim_file_of_20000_nested_brackets_is_an_error_with_its_line()
    {
        var file = Write("deep.yaml", "spec: \"1.1\"\ndevices: " + new string('[', 20_000) + "\n");
        var run = CliProcess.Run(Limit, "sim", "check", file);
        AssertBadInput(run, file, "deep.yaml:2:");
        Assert.Contains("nest more than 128 levels", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_with_3000_nested_parentheses_is_an_error_with_its_line()
    {
        var file = Write("deepexpr.yaml", "simulation:\n  scpi:\n    \"A?\": \"py: " + new string('(', 3000) + "1" + new string(')', 3000) + "\"\n");
        var run = CliProcess.Run(Limit, "sim", "check", file);
        AssertBadInput(run, file, "deepexpr.yaml:3:");
        Assert.Contains("more than the 2000 allowed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_file_nested_50000_deep_is_an_error_with_its_line()
    {
        var file = Write("deep.bench.yaml", "bench_name: x\ninstruments: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var run = CliProcess.Run(Limit, "bench", "check", file);
        AssertBadInput(run, file, "deep.bench.yaml:2:");
        Assert.Contains("nest more than 64 levels", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bench_file_that_makes_YamlDotNet_throw_InvalidOperationException_is_an_error_with_a_line()
    {
        var file = Write("odd.bench.yaml", "      : {\n0");
        var run = CliProcess.Run(Limit, "bench", "check", file);
        AssertBadInput(run, file, "odd.bench.yaml:1:");
        Assert.Contains("not valid YAML", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PyTestLab_session_nested_50000_deep_is_an_error_with_its_line()
    {
        var flow = Write("flow.session.yaml", "dmm:\n  profile: x.yaml\n  log:\n    - type: query\n      command: " + new string('[', 50_000) + new string(']', 50_000) + "\n");
        var run = CliProcess.Run(Limit, "replay", flow, "--", "list");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("flow.session.yaml line 5, column 76: the mappings and lists nest more than 64 levels", run.Error, StringComparison.Ordinal);
        var block = Write("block.session.yaml", "dmm:\n  log:\n    " + string.Concat(Enumerable.Repeat("- ", 50_000)) + "x\n");
        run = CliProcess.Run(Limit, "replay", block, "--", "list");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("block.session.yaml line 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("nest more than 64 levels", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_check_of_dev_zero_stops_at_the_size_limit()
    {
        if (!File.Exists("/dev/zero"))
            return;
        var run = CliProcess.Run(Limit, "sim", "check", "/dev/zero");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("/dev/zero:1:1: error: the file cannot be loaded: '/dev/zero' is endless or growing, more than the 16,777,216 bytes allowed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_bench_and_replay_refuse_a_FIFO_instead_of_waiting_for_ever()
    {
        if (OperatingSystem.IsWindows())
            return;
        var fifo = Path.Combine(_folder, "pipe.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
            mkfifo.WaitForExit();
        foreach (var args in new[] { new[] { "sim", "check", fifo }, ["bench", "check", fifo], ["replay", fifo, "--", "list"] })
        {
            var run = CliProcess.Run(Limit, args);
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("is not a regular file", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sim_check_allow_path_lets_a_file_name_a_folder_outside_its_own()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "shared"));
        Directory.CreateDirectory(Path.Combine(_folder, "lab"));
        Write("shared/devices.yaml", "spec: \"1.1\"\ndevices:\n  d:\n    eom:\n      GPIB INSTR: {q: \"\\n\", r: \"\\n\"}\n    dialogues:\n      - {q: \"*IDN?\", r: \"D\"}\n");
        var main = Write("lab/main.yaml", "spec: \"1.1\"\nresources:\n  GPIB0::1::INSTR: {device: d, filename: ../shared/devices.yaml}\n");
        var refused = CliRun.Of("sim", "check", main);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("main.yaml:3:", refused.Error, StringComparison.Ordinal);
        Assert.Contains("is outside the folder of the simulator file", refused.Error, StringComparison.Ordinal);
        var allowed = CliRun.Of("sim", "check", main, "--allow-path", Path.Combine(_folder, "shared"));
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        Assert.Contains("GPIB0::1::INSTR -> d", allowed.Out, StringComparison.Ordinal);
    }
}
