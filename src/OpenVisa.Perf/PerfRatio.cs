namespace OpenVisa.Perf;

/// <summary>
/// The ratio of two clients' figures. When both were measured in the same rounds it is the median of the per-round
/// ratios: the two were timed seconds apart in each round, so a burst of other work on the machine moves both and cancels,
/// where a ratio of medians could pair a quiet round of one with a busy round of the other.
/// </summary>
internal static class PerfRatio
{
    public static double? Of(PerfResult? ours, PerfResult? theirs)
    {
        if (ours is null || theirs is null)
            return null;
        if (ours.Rounds.Count > 0 && ours.Rounds.Count == theirs.Rounds.Count && theirs.Rounds.All(v => v > 0))
            return PerfSamples.Median([.. ours.Rounds.Zip(theirs.Rounds, (a, b) => a / b)]);
        return theirs.Value > 0 ? ours.Value / theirs.Value : null;
    }
}
