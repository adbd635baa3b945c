using System.Globalization;
using System.Text;

namespace OpenVisa;

/// <summary>The kinds of token in an attribute expression.</summary>
internal enum ExpressionTokenKind
{
    /// <summary>An attribute or constant name.</summary>
    Identifier,
    /// <summary>An integer literal, decimal or <c>0x</c> hex.</summary>
    Integer,
    /// <summary>A double-quoted string literal.</summary>
    String,
    /// <summary>One of <c>&amp;&amp; || ! == != &lt; &gt; &lt;= &gt;=</c>.</summary>
    Operator,
    /// <summary><c>(</c>.</summary>
    Open,
    /// <summary><c>)</c>.</summary>
    Close,
    /// <summary>The end of the expression.</summary>
    End,
}

/// <summary>One token of an attribute expression.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text (for a string, the unescaped value).</param>
/// <param name="Position">Its 1-based position in the whole pattern, for messages.</param>
/// <param name="Number">The value of an integer literal.</param>
internal sealed record ExpressionToken(ExpressionTokenKind Kind, string Text, int Position, long Number = 0)
{
    /// <summary>How a message shows the token.</summary>
    public string Shown => Kind switch
    {
        ExpressionTokenKind.End => "the end of the expression",
        ExpressionTokenKind.String => $"\"{Text}\" at position {Position}",
        _ => $"'{Text}' at position {Position}",
    };
}

/// <summary>Splits the text between <c>{</c> and <c>}</c> of a pattern into tokens.</summary>
internal static class AttributeExpressionTokenizer
{
    /// <summary>
    /// The tokens of <paramref name="text"/>, which starts at 0-based <paramref name="offset"/> in
    /// <paramref name="pattern"/>; the last token is <see cref="ExpressionTokenKind.End"/>.
    /// </summary>
    public static List<ExpressionToken> Tokenize(string text, int offset, string pattern)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var position = offset + i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new(ExpressionTokenKind.Identifier, text[start..i], position));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadInteger(text, ref i, position, pattern));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(text, ref i, position, pattern));
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new(c == '(' ? ExpressionTokenKind.Open : ExpressionTokenKind.Close, c.ToString(), position));
                i++;
            }
            else
            {
                tokens.Add(ReadOperator(text, ref i, position, pattern));
            }
        }
        tokens.Add(new(ExpressionTokenKind.End, "", offset + text.Length + 1));
        return tokens;
    }

    private static ExpressionToken ReadInteger(string text, ref int i, int position, string pattern)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }
        var hex = i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X';
        if (hex)
        {
            i += 2;
        }
        var digitsStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }
        var literal = text[start..i];
        var digits = text.AsSpan(digitsStart, i - digitsStart);
        var ok = hex
            ? long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && digits.Length > 0
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            PatternError.Fail(pattern, $"'{literal}' at position {position} is not a number (write decimal, or hex like 0x1AB1)");
        }
        return new(ExpressionTokenKind.Integer, literal, position, text[start] == '-' ? -value : value);
    }

    private static ExpressionToken ReadString(string text, ref int i, int position, string pattern)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                PatternError.Fail(pattern, $"the string starting at position {position} is never closed by '\"'");
            }
            var c = text[i++];
            if (c == '"')
            {
                return new(ExpressionTokenKind.String, value.ToString(), position);
            }
            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }
            value.Append(c);
        }
    }

    private static readonly string[] Operators = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!"];

    private static ExpressionToken ReadOperator(string text, ref int i, int position, string pattern)
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                i += op.Length;
                return new(ExpressionTokenKind.Operator, op, position);
            }
        }
        var c = text[i];
        var hint = c switch
        {
            '=' => "; compare with '=='",
            '&' => "; 'and' is '&&'",
            '|' => "; 'or' is '||'",
            '{' or '}' => "; an attribute expression cannot hold braces outside a string",
            _ => "",
        };
        PatternError.Fail(pattern, $"unexpected '{c}' at position {position} in the attribute expression{hint}");
        return null!;
    }
}
