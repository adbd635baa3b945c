using System.Text;

namespace OpenVisa;

/// <summary>
/// Translates the regular-expression part of a VISA pattern into a .NET pattern. VISA's special characters are
/// <c>?</c> (any one character), <c>*</c> and <c>+</c> (zero-or-more / one-or-more of the element before, so
/// <c>?*</c> is "anything"), <c>[list]</c> and <c>[^list]</c> with <c>a-z</c> ranges, <c>|</c>, <c>( )</c> and
/// <c>\</c> (the next character literally). Every other character, <c>.</c> included, is literal. The result is
/// anchored at both ends: VISA matches whole names, so <c>ASRL1</c> does not match <c>ASRL11::INSTR</c> (PyVISA
/// matches only the start and would).
/// </summary>
internal static class VisaRegexTranslator
{
    /// <summary>Translates <paramref name="visa"/>, a part of <paramref name="pattern"/>, or fails saying where it is wrong.</summary>
    public static string Translate(string visa, string pattern)
    {
        var output = new StringBuilder("\\A(?:");
        var openGroups = new Stack<int>();
        var canRepeat = false;    // an element stands before: * and + may follow
        var justRepeated = false; // the last thing was * or +: another may not follow
        for (var i = 0; i < visa.Length; i++)
        {
            var c = visa[i];
            var position = i + 1;
            var repeatable = true;
            switch (c)
            {
                case '\\':
                    if (i + 1 == visa.Length)
                    {
                        PatternError.Fail(pattern, "it ends with '\\', which has no character after it to escape");
                    }
                    output.Append(EscapeLiteral(visa[++i]));
                    break;
                case '?':
                    output.Append('.');
                    break;
                case '*' or '+':
                    if (justRepeated)
                    {
                        PatternError.Fail(pattern, $"the '{c}' at position {position} follows another '*' or '+'");
                    }
                    if (!canRepeat)
                    {
                        PatternError.Fail(pattern, $"the '{c}' at position {position} has nothing before it to repeat (use '?*' to match anything)");
                    }
                    output.Append(c);
                    justRepeated = true;
                    continue;
                case '[':
                    i = TranslateList(visa, i, pattern, output);
                    break;
                case ']':
                    PatternError.Fail(pattern, $"the ']' at position {position} has no matching '['");
                    break;
                case '(':
                    openGroups.Push(position);
                    output.Append("(?:");
                    repeatable = false;
                    break;
                case ')':
                    if (openGroups.Count == 0)
                    {
                        PatternError.Fail(pattern, $"the ')' at position {position} has no matching '('");
                    }
                    openGroups.Pop();
                    output.Append(')');
                    break;
                case '|':
                    output.Append('|');
                    repeatable = false;
                    break;
                case '}':
                    PatternError.Fail(pattern, $"the '}}' at position {position} has no matching '{{'");
                    break;
                default:
                    output.Append(EscapeLiteral(c));
                    break;
            }
            canRepeat = repeatable;
            justRepeated = false;
        }
        if (openGroups.Count > 0)
        {
            PatternError.Fail(pattern, $"the '(' at position {openGroups.Peek()} is never closed by ')'");
        }
        return output.Append(")\\z").ToString();
    }

    /// <summary>Translates the list starting at <paramref name="start"/> (a <c>[</c>); returns the index of its <c>]</c>.</summary>
    private static int TranslateList(string visa, int start, string pattern, StringBuilder output)
    {
        var i = start + 1;
        var negated = i < visa.Length && visa[i] == '^';
        if (negated)
        {
            i++;
        }
        var members = new StringBuilder();
        while (true)
        {
            if (i >= visa.Length)
            {
                PatternError.Fail(pattern, $"the '[' at position {start + 1} is never closed by ']'");
            }
            if (visa[i] == ']')
            {
                break;
            }
            var low = ReadListChar(visa, ref i, pattern);
            if (i + 1 < visa.Length && visa[i] == '-' && visa[i + 1] != ']')
            {
                i++;
                var high = ReadListChar(visa, ref i, pattern);
                if (high < low)
                {
                    PatternError.Fail(pattern, $"the range '{low}-{high}' in the list at position {start + 1} runs backwards");
                }
                members.Append(EscapeInList(low)).Append('-').Append(EscapeInList(high));
            }
            else
            {
                members.Append(EscapeInList(low));
            }
        }
        if (members.Length == 0)
        {
            PatternError.Fail(pattern, $"the list at position {start + 1} is empty");
        }
        output.Append('[').Append(negated ? "^" : "").Append(members).Append(']');
        return i;
    }

    private static char ReadListChar(string visa, ref int i, string pattern)
    {
        if (visa[i] == '\\')
        {
            if (i + 1 == visa.Length)
            {
                PatternError.Fail(pattern, "it ends with '\\', which has no character after it to escape");
            }
            i++;
        }
        return visa[i++];
    }

    private static string EscapeLiteral(char c) => System.Text.RegularExpressions.Regex.Escape(c.ToString());

    private static string EscapeInList(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();
}
