using System.Text;
using System.Text.RegularExpressions;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// Turns SCPI-manual syntax into a regular expression: <c>[SOURce:]VOLTage[:LEVel] &lt;value&gt;[, (@&lt;ch&gt;)]</c>.
/// Square brackets mark optional parts, <c>&lt;name&gt;</c> captures a value (after letters: a numeric suffix, as in
/// <c>CHANnel&lt;n&gt;</c>), <c>{ON|OFF}</c> lists choices, <c>#</c> is an optional numeric suffix, mixed-case words accept
/// their short and long forms, and spaces and commas between parameters are flexible.
/// </summary>
internal static class ScpiSyntax
{
    // IEEE 488.2 string data doubles a quote inside the string ("say ""hi""").
    private const string Value = "\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|[^\\s,;()\"']+";

    public static string ToRegex(string key, List<string?> names)
    {
        var builder = new StringBuilder();
        var text = key.Trim();
        var headerEnd = HeaderEnd(text);
        var header = text[..headerEnd];
        var parameters = text[headerEnd..].TrimStart();
        builder.Append(header.StartsWith(':') ? ":?" : ":?");
        Convert(header.StartsWith(':') ? header[1..] : header, builder, names, inHeader: true, key);
        if (parameters.Length > 0)
        {
            // A parameter list that is wholly optional ("[<value>]") may be absent along with its leading space.
            var optional = parameters.StartsWith('[') && MatchingBracket(parameters, 0) == parameters.Length - 1;
            builder.Append(optional ? @"(?:\s+" : @"\s+");
            Convert(optional ? parameters[1..^1] : parameters, builder, names, inHeader: false, key);
            if (optional)
                builder.Append(")?");
        }
        return builder.ToString();
    }

    // The header ends at the first whitespace outside brackets.
    private static int HeaderEnd(string text)
    {
        var depth = 0;
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == '[')
                depth++;
            else if (text[k] == ']')
                depth--;
            else if (char.IsWhiteSpace(text[k]) && depth == 0)
                return k;
        }
        return text.Length;
    }

    private static int MatchingBracket(string text, int open)
    {
        var depth = 0;
        for (var k = open; k < text.Length; k++)
        {
            if (text[k] == '[')
                depth++;
            else if (text[k] == ']' && --depth == 0)
                return k;
        }
        throw new ArgumentException($"the '[' at position {open} of '{text}' is never closed");
    }

    private static void Convert(string text, StringBuilder builder, List<string?> names, bool inHeader, string key)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '[':
                    builder.Append("(?:");
                    i++;
                    continue;
                case ']':
                    builder.Append(")?");
                    i++;
                    continue;
                case '<':
                    var close = text.IndexOf('>', i);
                    if (close < 0)
                        throw new ArgumentException($"the '<' at position {i} of '{key}' is never closed by '>'");
                    var name = text[(i + 1)..close];
                    if (!Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
                        throw new ArgumentException($"'<{name}>' in '{key}' is not a placeholder name (letters, digits, '_')");
                    if (names.Contains(name))
                        throw new ArgumentException($"'<{name}>' appears twice in '{key}'");
                    var afterLetters = i > 0 && char.IsAsciiLetter(text[i - 1]);
                    builder.Append('(').Append(afterLetters ? @"\d+" : Value).Append(')');
                    names.Add(name);
                    i = close + 1;
                    continue;
                case '{':
                    var end = text.IndexOf('}', i);
                    if (end < 0)
                        throw new ArgumentException($"the '{{' at position {i} of '{key}' is never closed by '}}'");
                    var choices = text[(i + 1)..end].Split('|').Select(choice => CommandPattern.Mnemonic(choice.Trim()));
                    builder.Append("(?:").Append(string.Join('|', choices.Select(EscapeKeepingGroups))).Append(')');
                    i = end + 1;
                    continue;
                case '#' when i > 0 && char.IsAsciiLetter(text[i - 1]):
                    builder.Append(@"\d*");
                    i++;
                    continue;
                case ',':
                    builder.Append(@"\s*,\s*");
                    i++;
                    while (i < text.Length && text[i] == ' ')
                        i++;
                    continue;
                case ' ':
                    while (i < text.Length && text[i] == ' ')
                        i++;
                    builder.Append(inHeader ? @"\s+" : @"\s*");
                    continue;
            }
            if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                    i++;
                var word = text[start..i];
                var mnemonic = ScpiMnemonic.FromKey(word);
                // Header words in one case still get SCPI's short form (VOLTAGE also accepts VOLT).
                builder.Append(inHeader || word.Any(char.IsAsciiLetterLower) ? mnemonic.ToRegex() : Regex.Escape(word));
                continue;
            }
            builder.Append(Regex.Escape(c.ToString()));
            i++;
        }
    }

    private static string EscapeKeepingGroups(string mnemonic) =>
        mnemonic.Contains("(?:", StringComparison.Ordinal) ? mnemonic : Regex.Escape(mnemonic);
}
