namespace OpenVisa.Cli.Shell;

/// <summary>
/// Tab completion of a whole line from candidates (the shell's commands, then lines from history): one match completes
/// the line, several extend it to what they share and are listed when that adds nothing. Case does not matter for the
/// match, as SCPI ignores it; a completion takes the candidate's spelling.
/// </summary>
internal static class LineCompletion
{
    /// <summary>What Tab does to <paramref name="typed"/>.</summary>
    /// <param name="typed">The line typed so far.</param>
    /// <param name="candidates">Every line that could be meant, in order of preference; duplicates are ignored.</param>
    /// <returns>The new line, and the matches to list (empty when the line was completed or nothing matched).</returns>
    public static (string Line, IReadOnlyList<string> Matches) Complete(string typed, IEnumerable<string> candidates)
    {
        var matches = candidates
            .Where(c => c.Length > typed.Length && c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        switch (matches.Count)
        {
            case 0:
                return (typed, []);
            case 1:
                return (matches[0], []);
        }
        var shared = matches[0].Length;
        foreach (var match in matches.Skip(1))
        {
            var n = 0;
            while (n < shared && n < match.Length && char.ToUpperInvariant(match[n]) == char.ToUpperInvariant(matches[0][n]))
                n++;
            shared = n;
        }
        return shared > typed.Length ? (matches[0][..shared], []) : (typed, matches);
    }
}
