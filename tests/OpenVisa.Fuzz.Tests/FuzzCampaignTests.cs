using System.Globalization;
using OpenVisa.Fuzz;
using Xunit.Abstractions;

namespace OpenVisa.Fuzz.Tests;

/// <summary>
/// Issue 18, section D: every parser and protocol decoder is fed mutated real inputs on each CI run, the same inputs
/// every run (a fixed seed per target, <c>OPENVISA_FUZZ_SEED</c> to change it) so that CI stays repeatable, at most
/// <c>OPENVISA_FUZZ_INPUTS</c> (20,000) within <c>OPENVISA_FUZZ_SECONDS</c> (3) per target. Raise them, or use the fuzz
/// program or afl-fuzz (docs/reliability.md), to search further. A crash or hang fails the test with the input in hex
/// and the stack trace.
/// </summary>
public sealed class FuzzCampaignTests(ITestOutputHelper output)
{
    private static TimeSpan Budget => TimeSpan.FromSeconds(Setting("OPENVISA_FUZZ_SECONDS", 3));

    private static long MaxInputs => (long)Setting("OPENVISA_FUZZ_INPUTS", 20_000);

    private static int BaseSeed => (int)Setting("OPENVISA_FUZZ_SEED", 20261206);

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_inputs_never_crash_or_hang_the_target(string name)
    {
        using var target = FuzzTargets.Create(name);
        var seed = BaseSeed + FuzzTargets.Names.ToList().IndexOf(name);

        var report = FuzzCampaign.Run(target, Budget, seed, MaxInputs);

        output.WriteLine(report.Summary);
        if (Environment.GetEnvironmentVariable("OPENVISA_FUZZ_REPORT") is { Length: > 0 } file)
            File.AppendAllText(file, report.Summary + Environment.NewLine);
        Assert.True(report.Clean, $"seed {seed}:\n{report.Describe()}");
        Assert.True(report.Inputs > target.Seeds.Count, $"only the seeds were tried: {report.Summary}");
    }

    public static TheoryData<string, string> CorpusFiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
            foreach (var folder in Directory.GetDirectories(corpus).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                    data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Inputs_that_once_failed_stay_fixed(string target, string file)
    {
        using var fuzzTarget = FuzzTargets.Create(target);
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", target, file));

        var error = fuzzTarget.RunOne(input);

        Assert.Null(error);
    }

    [Fact]
    public void A_target_that_throws_an_undocumented_exception_is_reported_as_a_crash_with_its_input()
    {
        using var target = new ThrowingTarget();

        var report = FuzzCampaign.Run(target, TimeSpan.FromSeconds(1), seed: 1, maxInputs: 50);

        Assert.False(report.Clean);
        Assert.Contains("IndexOutOfRangeException", report.Describe(), StringComparison.Ordinal);
        Assert.Contains("input (", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_stuck_on_an_input_is_reported_as_a_hang()
    {
        using var target = new ThrowingTarget { SleepOn = 0x21 };

        var report = FuzzCampaign.Run(target, TimeSpan.FromSeconds(1), seed: 1, maxInputs: 20);

        Assert.Contains(report.Hangs, h => h.What.Contains("took", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_target_name_lists_the_targets()
    {
        var e = Assert.Throws<ArgumentException>(() => FuzzTargets.Create("xdr"));

        Assert.Contains("There is no fuzz target 'xdr'. The targets are: resource-name,", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Fails on purpose: an index error on inputs starting with 0x20, a long sleep on inputs starting with <see cref="SleepOn"/>.</summary>
    private sealed class ThrowingTarget : FuzzTarget
    {
        public byte SleepOn { get; init; } = 0xFF;

        public override string Name => "throwing";

        public override string Description => "a target with a bug";

        public override IReadOnlyList<byte[]> Seeds { get; } = [[0x20, 1, 2], [0x21, 1, 2], [0x30]];

        public override TimeSpan HangThreshold => TimeSpan.FromMilliseconds(100);

        public override void Run(byte[] input)
        {
            if (input.Length > 0 && input[0] == SleepOn)
                Thread.Sleep(300);
            if (input.Length > 0 && input[0] == 0x20)
                throw new IndexOutOfRangeException("a bug");
            if (input.Length == 0)
                throw new FormatException("empty");
        }

        public override bool IsExpected(Exception error) => error is FormatException;
    }
}
