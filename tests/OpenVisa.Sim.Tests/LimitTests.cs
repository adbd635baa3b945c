using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Tests;

/// <summary>Issue 18, items 13, 16 and 17: nesting, alias and expression budgets, each with a located or -200 error.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-sim-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static ExprValue Eval(string source) =>
        ExprParser.Parse(source).Evaluate(new ExprScope(new PythonRandom(1)) { State = new StateMap(), InitialState = new StateMap() });

    [Theory]
    [InlineData("[1]*2000000000", "repeating a list of 1 2000000000 times would hold too many values, more than the 1,000,000")]
    [InlineData("[1]*300000000", "more than the 1,000,000 an expression may build")]
    [InlineData("sum([1]*100000000)", "more than the 1,000,000 an expression may build")]
    [InlineData("str([[1]*1000000]*1000000)", "more than the 1,000,000 an expression may build")]
    [InlineData("str([['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']*500]*1000)", "the text of the list would be more than 16,777,216 characters")]
    [InlineData("'x' * 100000000", "repeating text 100000000 times would be more than 16,777,216 characters")]
    [InlineData("'%999999999d' % 1", "'%999999999d': the width 999999999 is more than the 10000 allowed")]
    [InlineData("'%.99999999999f' % 1.5", "the precision 99999999999 is more than the 10000 allowed")]
    public void Expressions_that_would_fill_memory_fail_with_a_limit(string source, string message)
    {
        var error = Bounded.Throws(() => Eval(source), source);
        Assert.IsType<ExprLimitException>(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_format_width_in_an_f_string_fails_when_parsed()
    {
        var error = Bounded.Throws(() => ExprParser.Parse("f'{1:999999999}'"), "f-string");
        Assert.Contains("f-string: the width 999999999 is more than the 10000 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Powers_take_logarithmic_steps()
    {
        Assert.Equal("1", Bounded.Run(() => Eval("str(1 ** 9223372036854775807)").ToString(), "1 ** (2**63 - 1)"));
        Assert.Equal("-1", Eval("(-1) ** 9223372036854775807").ToString());
        Assert.Equal("1024", Eval("2 ** 10").ToString());
        Assert.Equal("-2187", Eval("(-3) ** 7").ToString());
        var error = Bounded.Throws(() => Eval("2 ** 9223372036854775807"), "2 ** (2**63 - 1)");
        Assert.Contains("does not fit a 64-bit integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_and_within_it_works()
    {
        Assert.Equal("1", Eval(new string('(', 60) + "1" + new string(')', 60)).ToString());
        var error = Assert.Throws<ExprException>(() => ExprParser.Parse(new string('(', 100) + "1" + new string(')', 100)));
        Assert.Contains("nests brackets, calls or conditionals more than 64 levels deep", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ExprException>(() => ExprParser.Parse(string.Join("+", Enumerable.Repeat("1", 3000))));
        Assert.Contains("more than the 2000 allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_in_initial_state_is_a_located_error()
    {
        var lines = new List<string> { "simulation:", "  initial_state:", "    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 10; i++)
            lines.Add($"    a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        lines.Add("  scpi:");
        lines.Add("    \"*IDN?\": \"X\"");
        var file = Write("laughs.yaml", string.Join('\n', lines) + "\n");
        Assert.True(new FileInfo(file).Length < 1000);
        var report = Bounded.Run(() => SimFileChecker.Check(file), "the alias bomb");
        var problem = Assert.Single(report.Problems);
        Assert.Equal(SimProblemSeverity.Error, problem.Severity);
        Assert.Contains("holds more than 4,000,000 values, counting each value its aliases ('*name') repeat", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, 8, 12);
    }

    [Fact]
    public void Aliases_within_the_budget_still_work()
    {
        var file = Write("aliases.yaml", "simulation:\n  initial_state:\n    base: &b {volt: 1.5}\n    copy: *b\n  scpi:\n    \"V?\": \"py: state.copy.volt\"\n");
        using var client = SimClient.Open(file + "@sim", "TCPIP0::sim-aliases::inst0::INSTR");
        Assert.Equal("1.5", client.Query("V?"));
    }

    [Fact]
    public void Sim_check_reports_an_expression_that_always_passes_a_limit()
    {
        var file = Write("budget.yaml", "simulation:\n  scpi:\n    \"BIG?\": \"py: '%999999999d' % 1\"\n    \"LIST?\": \"py: len([1]*2000000000)\"\n    \"OK?\": \"py: state.x * 2\"\n");
        var report = Bounded.Run(() => SimFileChecker.Check(file), "sim check");
        Assert.Equal(2, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.Line == 3 && p.Message.Contains("always fails: '%999999999d': the width 999999999 is more than the 10000 allowed", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Line == 4 && p.Message.Contains("would hold too many values", StringComparison.Ordinal));
    }

    [Fact]
    public void At_run_time_a_budget_error_is_the_instruments_minus_200()
    {
        var file = Write("runtime.yaml", "simulation:\n  scpi:\n    \"REP <n>\": \"py: len([1] * int($n))\"\n");
        using var client = SimClient.Open(file + "@sim", "TCPIP0::sim-runtime::inst0::INSTR");
        Assert.Equal("3", client.Query("REP 3"));
        client.Write("REP 2000000000");
        var error = Bounded.Run(() => client.Query("SYST:ERR?"), "the error query");
        Assert.StartsWith("-200,", error, StringComparison.Ordinal);
        Assert.Contains("more than the 1,000,000 an expression may build", error, StringComparison.Ordinal);
    }
}

/// <summary>Issue 18, item 18: catastrophic regular expressions in profile keys.</summary>
public sealed class RegexLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-sim-regex-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Twenty_nested_repeat_keys_answer_a_41_character_command_at_once()
    {
        var keys = string.Concat(Enumerable.Range(0, 20).Select(n => $"    \"(a+)+b{n}\": \"R{n}\"\n"));
        var file = Path.Combine(_folder, "nested.yaml");
        File.WriteAllText(file, "simulation:\n  scpi:\n" + keys + "    \"(a+)+c\": \"C\"\n");
        Assert.Empty(SimFileChecker.Check(file).Problems);
        using var client = SimClient.Open(file + "@sim", "TCPIP0::sim-nested::inst0::INSTR");
        client.TimeoutMs = 60_000;
        // Before: each key backtracked for its full 1 s timeout, 22 s in all; now each match is linear.
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("C", Bounded.Run(() => client.Query(new string('a', 40) + "c"), "the query"));
        client.Write(new string('a', 40) + "!");
        Assert.StartsWith("-113,", client.Query("SYST:ERR?"), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public void A_pathological_pattern_the_linear_engine_cannot_run_fails_at_load()
    {
        var file = Path.Combine(_folder, "backref.yaml");
        File.WriteAllText(file, "simulation:\n  scpi:\n    \"((a+)+)\\\\1b\": \"X\"\n    \"(ab)\\\\1\": \"Y\"\n");
        var report = Bounded.Run(() => SimFileChecker.Check(file), "sim check");
        var problem = Assert.Single(report.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("takes longer than 200 ms", problem.Message, StringComparison.Ordinal);
        Assert.Contains("simplify it", problem.Message, StringComparison.Ordinal);
    }
}

/// <summary>Issue 18, item 20: checking grows linearly with the number of resources.</summary>
public sealed class ScaleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-sim-scale-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_of_100000_resources_checks_in_linear_time()
    {
        var builder = new System.Text.StringBuilder("spec: \"1.1\"\ndevices:\n  meter:\n    eom:\n      GPIB INSTR: {q: \"\\n\", r: \"\\n\"}\n    dialogues:\n      - {q: \"*IDN?\", r: \"M\"}\nresources:\n");
        for (var i = 0; i < 100_000; i++)
            builder.Append("  GPIB").Append(i).Append("::1::INSTR: {device: meter}\n");
        builder.Append("  gpib7::1::INSTR: {device: meter}\n");
        var file = Path.Combine(_folder, "many.yaml");
        File.WriteAllText(file, builder.ToString());
        // Before: 69 s (Release), quadratic in the resources (a scan of every resource bound so far for each new one,
        // and of every mapping entry for each key); now about 7 s for the whole ovisa run, within the 60 s deadline.
        var report = Bounded.Run(() => SimFileChecker.Check(file), "checking 100,000 resources");
        Assert.Equal(100_000, report.Resources.Count);
        var duplicate = Assert.Single(report.Problems);
        Assert.Contains("is the same resource as the one at line 16", duplicate.Message, StringComparison.Ordinal);
    }
}

/// <summary>Issue 18, item 15: simulator files are read bounded, and only when they are regular files.</summary>
public sealed class SimFileSizeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-sim-size-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_yaml_file_over_16_MiB_is_refused_before_parsing()
    {
        var file = Path.Combine(_folder, "big.yaml");
        using (var stream = File.Create(file))
            stream.SetLength(17L * 1024 * 1024);
        var problem = Assert.Single(Bounded.Run(() => SimFileChecker.Check(file), "sim check").Problems);
        Assert.Contains("is 17,825,792 bytes, more than the 16,777,216 bytes allowed for an input file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_a_sim_file_names_are_refused_when_they_are_devices_or_FIFOs()
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (var name in new[] { "pipe.yaml", "pipe2.yaml" })
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_folder, name)]);
            mkfifo.WaitForExit();
        }
        var file = Path.Combine(_folder, "names.yaml");
        File.WriteAllText(file, "spec: \"1.1\"\nresources:\n  GPIB0::1::INSTR: {device: d, filename: /dev/zero}\n  GPIB0::2::INSTR: {device: d, filename: pipe.yaml}\n  GPIB0::3::INSTR: {profile: pipe2.yaml}\n");
        // /dev is allowed here, as --allow-path /dev would: the size limit is what is tested.
        var report = Bounded.Run(() => SimFileChecker.Check(file, ["/dev"]), "sim check");
        Assert.Contains(report.Problems, p => p.Line == 3 && p.Message.Contains("'/dev/zero' is endless or growing", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Line == 4 && p.Message.Contains("is not a regular file", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Line == 5 && p.Message.Contains("is not a regular file", StringComparison.Ordinal));
        var profile = Path.Combine(_folder, "binary.yaml");
        File.WriteAllText(profile, "simulation:\n  scpi:\n    \"WAV?\":\n      binary: pipe.yaml\n");
        report = Bounded.Run(() => SimFileChecker.Check(profile), "sim check");
        Assert.Contains(report.Problems, p => p.Line == 4 && p.Message.Contains("is not a regular file", StringComparison.Ordinal));
    }
}

/// <summary>Issue 18, item 19: a simulator file reads only files in its own folder unless more are allowed.</summary>
public sealed class PathPolicyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ovisa-sim-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Binary_replies_from_outside_the_folder_are_not_served_and_sim_check_warns()
    {
        Write("secret/key.txt", "SECRET");
        var profile = Write("lab/p.yaml", "simulation:\n  scpi:\n    \"A?\":\n      binary: ../secret/key.txt\n    \"B?\":\n      binary: /etc/hostname\n    \"C?\":\n      binary: data/ok.bin\n");
        Write("lab/data/ok.bin", "OK");
        var report = SimFileChecker.Check(profile);
        Assert.All(report.Problems, p => Assert.Equal(SimProblemSeverity.Warning, p.Severity));
        Assert.Contains(report.Problems, p => p.Line == 4 && p.Message.Contains("is outside the folder of the simulator file", StringComparison.Ordinal) && p.Message.Contains("--allow-path", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Line == 6 && p.Message.Contains("'/etc/hostname' (/etc/hostname) is outside the folder", StringComparison.Ordinal));
        Assert.Equal(2, report.Problems.Count);
        using var client = SimClient.Open(profile + "@sim", "TCPIP0::sim-p::inst0::INSTR");
        Assert.Equal("OK", client.Query("C?"));
        Assert.DoesNotContain("SECRET", client.Query("A?"), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_named_from_outside_the_folder_are_errors_unless_allowed()
    {
        Write("shared/devices.yaml", "spec: \"1.1\"\ndevices:\n  d:\n    dialogues:\n      - {q: \"*IDN?\", r: \"D\"}\n");
        Write("shared/wave.bin", "WAVE");
        var main = Write("lab/main.yaml", "spec: \"1.1\"\nresources:\n  GPIB0::1::INSTR: {device: d, filename: ../shared/devices.yaml}\n");
        var problem = Assert.Single(SimFileChecker.Check(main).Problems);
        Assert.Equal(SimProblemSeverity.Error, problem.Severity);
        Assert.Equal(3, problem.Line);
        Assert.Contains("is outside the folder of the simulator file", problem.Message, StringComparison.Ordinal);
        var allowed = SimFileChecker.Check(main, [Path.Combine(_root, "shared")]);
        Assert.DoesNotContain(allowed.Problems, p => p.Severity == SimProblemSeverity.Error);
        Assert.Single(allowed.Resources);
    }
}
