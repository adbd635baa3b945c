using System.Globalization;

namespace OpenVisa;

/// <summary>How a replay serves a session file; the defaults are strict and fast.</summary>
public sealed record ReplayOptions
{
    /// <summary>The defaults: strict matching in recorded order, attributes matched, timing ignored.</summary>
    public static ReplayOptions Default { get; } = new();

    /// <summary>Whether operations take as long as they did when recorded. Default <see cref="ReplayTiming.Ignore"/>.</summary>
    public ReplayTiming Timing { get; init; } = ReplayTiming.Ignore;

    /// <summary>How written data is compared with the recording. Default <see cref="ReplayMatching.Strict"/>.</summary>
    public ReplayMatching Matching { get; init; } = ReplayMatching.Strict;

    /// <summary>Whether operations on different resources must keep their recorded order. Default <see cref="ReplayOrdering.Global"/>.</summary>
    public ReplayOrdering Ordering { get; init; } = ReplayOrdering.Global;

    /// <summary>
    /// Match attribute reads and writes in order like every other operation (default). When false, attribute writes are
    /// kept per session and reads answer from them, then from the recording, then from the attribute table's default.
    /// </summary>
    public bool MatchAttributes { get; init; } = true;

    /// <summary>How many recorded operations before and after a mismatch its message shows. Default 3.</summary>
    public int ContextOperations { get; init; } = 3;

    /// <summary>
    /// Reads options as a replay spec spells them: comma-separated <c>timing=ignore|recorded</c>,
    /// <c>match=strict|relaxed</c>, <c>order=global|per-resource</c>, <c>attributes=match|ignore</c>, <c>context=N</c>.
    /// </summary>
    public static ReplayOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = Default;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? item : item[..equals]).Trim().ToLowerInvariant();
            var value = equals < 0 ? "" : item[(equals + 1)..].Trim().ToLowerInvariant();
            options = (key, value) switch
            {
                ("timing", "ignore") => options with { Timing = ReplayTiming.Ignore },
                ("timing", "recorded") => options with { Timing = ReplayTiming.Recorded },
                ("match", "strict") => options with { Matching = ReplayMatching.Strict },
                ("match", "relaxed") => options with { Matching = ReplayMatching.Relaxed },
                ("order", "global") => options with { Ordering = ReplayOrdering.Global },
                ("order", "per-resource") => options with { Ordering = ReplayOrdering.PerResource },
                ("attributes", "match") => options with { MatchAttributes = true },
                ("attributes", "ignore") => options with { MatchAttributes = false },
                ("context", _) when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => options with { ContextOperations = n },
                _ => throw new ArgumentException(
                    $"Unknown replay option '{item}'; expected timing=ignore|recorded, match=strict|relaxed, order=global|per-resource, attributes=match|ignore or context=N.", nameof(text)),
            };
        }
        return options;
    }

    /// <summary>The options that differ from the defaults, as <see cref="Parse"/> reads them (empty for the defaults).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Timing != ReplayTiming.Ignore)
            parts.Add("timing=recorded");
        if (Matching != ReplayMatching.Strict)
            parts.Add("match=relaxed");
        if (Ordering != ReplayOrdering.Global)
            parts.Add("order=per-resource");
        if (!MatchAttributes)
            parts.Add("attributes=ignore");
        if (ContextOperations != 3)
            parts.Add("context=" + ContextOperations.ToString(CultureInfo.InvariantCulture));
        return string.Join(',', parts);
    }
}

/// <summary>Whether a replay reproduces the recorded durations.</summary>
public enum ReplayTiming
{
    /// <summary>Answer at once.</summary>
    Ignore,

    /// <summary>Each operation takes as long as it did when recorded.</summary>
    Recorded,
}

/// <summary>How written data is compared with the recording.</summary>
public enum ReplayMatching
{
    /// <summary>Byte for byte.</summary>
    Strict,

    /// <summary>
    /// As SCPI: the termination, runs of whitespace and letter case do not matter, long and short mnemonic forms are the same
    /// (<c>VOLTage</c>, <c>VOLT</c>), a leading colon is optional, and numbers compare by value (<c>5</c>, <c>5.0</c>, <c>+5E0</c>).
    /// </summary>
    Relaxed,
}

/// <summary>Whether operations on different resources must keep their recorded order.</summary>
public enum ReplayOrdering
{
    /// <summary>Every operation must be the next one recorded, whatever its resource.</summary>
    Global,

    /// <summary>Each resource keeps its own order; resources may interleave differently (threads).</summary>
    PerResource,
}
