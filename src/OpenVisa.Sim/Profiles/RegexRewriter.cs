using System.Text;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// Rewrites a PyTestLab (Python) regular expression for .NET and for SCPI: mixed-case words become their short form
/// plus an optional rest (<c>CHANnel</c> → <c>CHAN(?:nel)?</c>), a leading colon becomes optional, Python's
/// <c>(?P&lt;name&gt;…)</c> and <c>(?P=name)</c> become numbered groups, and every group is numbered left to right as
/// Python numbers them. Escapes, character classes and quantifiers are copied untouched.
/// </summary>
internal static class RegexRewriter
{
    public static string Rewrite(string pattern, List<string?> names)
    {
        var builder = new StringBuilder();
        var i = 0;
        if (pattern.StartsWith(':'))
            i = 1;
        builder.Append(":?");
        var groupNames = new Dictionary<string, int>(StringComparer.Ordinal);
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                        throw new ArgumentException($"'{pattern}' ends with a lone backslash");
                    builder.Append(pattern[i + 1] == 'Z' ? @"\z" : pattern.AsSpan(i, 2));
                    i += 2;
                    continue;
                case '[':
                    var end = ClassEnd(pattern, i);
                    builder.Append(pattern.AsSpan(i, end - i + 1));
                    i = end + 1;
                    continue;
                case '(':
                    i = Group(pattern, i, builder, names, groupNames);
                    continue;
                case '{':
                    var close = pattern.IndexOf('}', i);
                    if (close > i && IsQuantifier(pattern.AsSpan(i + 1, close - i - 1)))
                    {
                        builder.Append(pattern.AsSpan(i, close - i + 1));
                        i = close + 1;
                    }
                    else
                    {
                        builder.Append(@"\{");
                        i++;
                    }
                    continue;
                case '}':
                    builder.Append(@"\}");
                    i++;
                    continue;
            }
            if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < pattern.Length && char.IsAsciiLetter(pattern[i]))
                    i++;
                var word = pattern[start..i];
                var quantified = i < pattern.Length && pattern[i] is '?' or '*' or '+' or '{';
                builder.Append(quantified ? word : CommandPattern.Mnemonic(word));
                continue;
            }
            builder.Append(c);
            i++;
        }
        return builder.ToString();
    }

    private static int ClassEnd(string pattern, int open)
    {
        var k = open + 1;
        if (k < pattern.Length && pattern[k] == '^')
            k++;
        if (k < pattern.Length && pattern[k] == ']')
            k++;
        for (; k < pattern.Length; k++)
        {
            if (pattern[k] == '\\')
                k++;
            else if (pattern[k] == ']')
                return k;
        }
        throw new ArgumentException($"the character class starting at position {open} of '{pattern}' is never closed");
    }

    private static int Group(string pattern, int open, StringBuilder builder, List<string?> names, Dictionary<string, int> groupNames)
    {
        var rest = pattern.AsSpan(open);
        if (rest.StartsWith("(?P<") || (rest.StartsWith("(?<") && !rest.StartsWith("(?<=") && !rest.StartsWith("(?<!")))
        {
            var nameStart = open + (rest.StartsWith("(?P<") ? 4 : 3);
            var nameEnd = pattern.IndexOf('>', nameStart);
            if (nameEnd < 0)
                throw new ArgumentException($"the group name at position {open} of '{pattern}' is never closed by '>'");
            var name = pattern[nameStart..nameEnd];
            names.Add(name);
            groupNames[name] = names.Count;
            builder.Append('(');
            return nameEnd + 1;
        }
        if (rest.StartsWith("(?P="))
        {
            var nameEnd = pattern.IndexOf(')', open);
            var name = pattern[(open + 4)..nameEnd];
            if (!groupNames.TryGetValue(name, out var number))
                throw new ArgumentException($"'(?P={name})' refers to no group named '{name}' before it");
            builder.Append(@"(?:\").Append(number).Append(')');
            return nameEnd + 1;
        }
        if (rest.StartsWith("(?"))
        {
            // Non-capturing groups, lookarounds and inline flags: copy the opening as written.
            var length = rest.StartsWith("(?<=") || rest.StartsWith("(?<!") ? 4 : 3;
            builder.Append(rest[..Math.Min(length, rest.Length)]);
            return open + length;
        }
        names.Add(null);
        builder.Append('(');
        return open + 1;
    }

    private static bool IsQuantifier(ReadOnlySpan<char> inner)
    {
        if (inner.IsEmpty)
            return false;
        var comma = inner.IndexOf(',');
        var low = comma < 0 ? inner : inner[..comma];
        var high = comma < 0 ? [] : inner[(comma + 1)..];
        return !low.ContainsAnyExceptInRange('0', '9') && !high.ContainsAnyExceptInRange('0', '9') && (low.Length > 0 || high.Length > 0);
    }
}
