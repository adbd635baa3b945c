using System.Text;

namespace OpenVisa.Fuzz;

/// <summary>One input that crashed a decoder or took too long, with what happened.</summary>
/// <param name="Input">The input, as fed to the target.</param>
/// <param name="What">The exception's type and message, or how long it took.</param>
/// <param name="Error">The unexpected exception, for its stack trace.</param>
public sealed record FuzzFinding(byte[] Input, string What, Exception? Error);

/// <summary>What one campaign tried and found.</summary>
public sealed class FuzzReport(string target, int seed)
{
    /// <summary>The target's name.</summary>
    public string Target { get; } = target;

    /// <summary>The mutator's seed; the same seed repeats the same inputs.</summary>
    public int Seed { get; } = seed;

    /// <summary>Inputs fed, seeds included.</summary>
    public long Inputs { get; internal set; }

    /// <summary>Inputs that raised an exception the decoder does not document, or broke the target's health.</summary>
    public List<FuzzFinding> Crashes { get; } = [];

    /// <summary>Inputs that took longer than the target's hang threshold.</summary>
    public List<FuzzFinding> Hangs { get; } = [];

    /// <summary>The longest any single input took.</summary>
    public TimeSpan Slowest { get; internal set; }

    /// <summary>The largest working set seen between inputs, in bytes.</summary>
    public long PeakWorkingSet { get; internal set; }

    /// <summary>How long the campaign ran.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>True when the campaign was still stuck on an input when the watchdog gave up on it.</summary>
    public bool Unfinished { get; internal set; }

    /// <summary>True when nothing crashed or hung.</summary>
    public bool Clean => Crashes.Count == 0 && Hangs.Count == 0;

    /// <summary>One line: inputs, rate, findings, slowest input and peak memory.</summary>
    public string Summary =>
        $"{Target,-22} {Inputs,9:N0} inputs in {Elapsed.TotalSeconds,5:F1} s ({(Elapsed > TimeSpan.Zero ? Inputs / Elapsed.TotalSeconds : 0),8:N0}/s), " +
        $"{Crashes.Count} crashes, {Hangs.Count} hangs, slowest {Slowest.TotalMilliseconds:F1} ms, peak working set {PeakWorkingSet / (1024 * 1024)} MiB";

    /// <summary>The summary and every finding with its input in hex (the first 256 bytes) and its stack trace.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Summary).AppendLine();
        foreach (var (kind, list) in new[] { ("crash", Crashes), ("hang", Hangs) })
        {
            foreach (var finding in list.Take(5))
            {
                text.AppendLine($"  {kind}: {finding.What}");
                text.AppendLine($"    input ({finding.Input.Length} bytes): {Convert.ToHexString(finding.Input.AsSpan(0, Math.Min(256, finding.Input.Length)))}");
                if (finding.Error?.StackTrace is { } trace)
                    text.AppendLine("    " + trace.Replace("\n", "\n    ", StringComparison.Ordinal));
            }
        }
        return text.ToString();
    }
}
