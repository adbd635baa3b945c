using System.Text;
using System.Text.RegularExpressions;

namespace OpenVisa.Sim.Profiles;

/// <summary>How a profile key is read.</summary>
internal enum PatternKind
{
    /// <summary>SCPI syntax: <c>[SOURce:]VOLTage[:LEVel] &lt;value&gt;, (@&lt;ch&gt;)</c>.</summary>
    Scpi,

    /// <summary>A PyTestLab regular expression: <c>:CHANnel([1-4]):SCALe\s+(\S+)</c>.</summary>
    Regex,

    /// <summary>A PyTestLab glob: <c>VOLTage *</c>.</summary>
    Glob,
}

/// <summary>
/// A command pattern compiled to one regular expression that accepts the command in SCPI's forms: every mixed-case
/// mnemonic (<c>CHANnel</c>) accepts its short and long form in any case, and a leading colon is optional. Groups are
/// numbered left to right as Python numbers them, named or not, so <c>$1</c> and <c>g1</c> mean what they mean in PyTestLab.
/// </summary>
internal sealed class CommandPattern
{
    private readonly Regex _regex;

    private CommandPattern(string source, PatternKind kind, string regex, string?[] names)
    {
        Source = source;
        Kind = kind;
        RegexText = regex;
        GroupNames = names;
        _regex = Compile(@"\A(?:" + regex + @")\z");
    }

    /// <summary>The time one match may take with a pattern the linear-time engine cannot run (back-references, lookarounds).</summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>True when the pattern runs on .NET's linear-time engine, so no command can make it slow.</summary>
    public bool IsLinear => (_regex.Options & RegexOptions.NonBacktracking) != 0;

    // PyTestLab keys such as "(a+)+b" take exponential time on a backtracking engine: twenty of them made one
    // 41-character command take 22 s. The non-backtracking engine matches in time linear in the command; only what it
    // cannot run (back-references, lookarounds, atomic groups) stays on the backtracking engine, with a short timeout.
    private static Regex Compile(string pattern)
    {
        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            var regex = new Regex(pattern, options, BacktrackingTimeout);
            if (FirstSlowProbe(regex, pattern) is { } probe)
                throw new ArgumentException($"matching it takes longer than {BacktrackingTimeout.TotalMilliseconds} ms on a command such as '{probe[..Math.Min(probe.Length, 12)]}…' (nested repeats such as (a+)+ backtrack exponentially, and back-references or lookarounds keep it off the linear-time engine); simplify it");
            return regex;
        }
    }

    // Catastrophic backtracking shows on long runs of one character the pattern repeats, followed by one that fails the
    // match: each character of the pattern is tried that way once, at load, so a slow pattern is an error in sim check
    // rather than a slow instrument.
    private static string? FirstSlowProbe(Regex regex, string pattern)
    {
        foreach (var c in pattern.Where(char.IsAsciiLetterOrDigit).Append(' ').Distinct().Take(24))
        {
            var probe = new string(c, 40) + "\u0001";
            try
            {
                regex.IsMatch(probe);
            }
            catch (RegexMatchTimeoutException)
            {
                return probe;
            }
        }
        return null;
    }

    public string Source { get; }

    public PatternKind Kind { get; }

    public string RegexText { get; }

    /// <summary>The name of each group (index 0 is group 1), null for unnamed ones.</summary>
    public IReadOnlyList<string?> GroupNames { get; }

    /// <summary>Matches the whole command; the groups are the captured texts (null for a group that did not take part).</summary>
    public bool TryMatch(string command, out string?[] groups, out Dictionary<string, string?>? named)
    {
        groups = [];
        named = null;
        Match match;
        try
        {
            match = _regex.Match(command);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        if (!match.Success)
            return false;
        groups = new string?[GroupNames.Count];
        for (var k = 0; k < groups.Length; k++)
        {
            var group = match.Groups[k + 1];
            groups[k] = group.Success ? group.Value : null;
            if (GroupNames[k] is { } name)
                (named ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = groups[k];
        }
        return true;
    }

    /// <summary>Classifies a profile key: SCPI syntax, PyTestLab regex or glob; null when it is only a literal command.</summary>
    public static PatternKind? Classify(string key)
    {
        if (key.StartsWith('*') && key.AsSpan(1).IndexOfAny("*[](){}+|^$") < 0)
            return null;
        if (LooksLikeScpiSyntax(key))
            return PatternKind.Scpi;
        // PyTestLab reads a key with '*' and no '(' as a glob, which breaks regexes such as ":DIGitize.*"; '.*' and '.+' mean regex.
        var regexRepeat = key.Contains(".*", StringComparison.Ordinal) || key.Contains(".+", StringComparison.Ordinal);
        if (key.Contains('*', StringComparison.Ordinal) && !key.Contains('(', StringComparison.Ordinal) && !regexRepeat)
            return PatternKind.Glob;
        if (key.AsSpan().IndexOfAny(".[](){}+|^$?\\") >= 0)
            return PatternKind.Regex;
        return null;
    }

    private static readonly Regex Placeholder = new(@"<[A-Za-z_][A-Za-z0-9_]*>", RegexOptions.CultureInvariant);
    private static readonly Regex OptionalNode = new(@"\[:?[A-Za-z]+[0-9#]*:?\]", RegexOptions.CultureInvariant);

    private static bool LooksLikeScpiSyntax(string key)
    {
        if (key.Contains('\\', StringComparison.Ordinal) || key.Contains("(?", StringComparison.Ordinal) || key.Contains(".*", StringComparison.Ordinal) || key.Contains(".+", StringComparison.Ordinal))
            return false;
        if (Placeholder.IsMatch(key))
            return true;
        foreach (Match node in OptionalNode.Matches(key))
        {
            var inner = node.Value[1..^1];
            if (inner.Contains(':', StringComparison.Ordinal) || inner.Any(char.IsAsciiLetterLower) && inner.Any(char.IsAsciiLetterUpper))
                return true;
        }
        return false;
    }

    /// <summary>Compiles a key of the given kind; throws <see cref="ArgumentException"/> with the reason when it does not compile.</summary>
    public static CommandPattern Create(string key, PatternKind kind, bool escapeFinalQuestionMark = true)
    {
        var names = new List<string?>();
        var regex = kind switch
        {
            PatternKind.Scpi => ScpiSyntax.ToRegex(key, names),
            PatternKind.Glob => GlobToRegex(key, names),
            _ => RegexRewriter.Rewrite(escapeFinalQuestionMark && key.EndsWith('?') && !key.EndsWith("\\?", StringComparison.Ordinal) ? key[..^1] + "\\?" : key, names),
        };
        try
        {
            return new CommandPattern(key, kind, regex, [.. names]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{key}' is not a valid {(kind == PatternKind.Regex ? "regular expression" : "pattern")}: {e.Message}", e);
        }
    }

    private static string GlobToRegex(string key, List<string?> names)
    {
        var builder = new StringBuilder(":?");
        var text = key.StartsWith(':') ? key[1..] : key;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '*')
            {
                builder.Append("(.*)");
                names.Add(null);
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                    i++;
                builder.Append(@"\s+");
            }
            else if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                    i++;
                builder.Append(Mnemonic(text[start..i]));
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
                i++;
            }
        }
        return builder.ToString();
    }

    /// <summary>A mixed-case word (CHANnel) becomes its short form with the rest optional; any other word stays as written.</summary>
    internal static string Mnemonic(string word)
    {
        var upper = 0;
        while (upper < word.Length && char.IsAsciiLetterUpper(word[upper]))
            upper++;
        var mixed = upper > 0 && upper < word.Length && word.AsSpan(upper).ContainsAnyExceptInRange('a', 'z') == false;
        return mixed ? $"{word[..upper]}(?:{word[upper..]})?" : word;
    }
}
