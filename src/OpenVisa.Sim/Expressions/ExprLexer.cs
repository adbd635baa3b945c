using System.Globalization;
using System.Text;

namespace OpenVisa.Sim.Expressions;

internal enum TokenKind
{
    End,
    Number,
    String,
    FString,
    Name,
    Capture,
    Operator,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position, ExprValue Literal = default);

/// <summary>Splits an expression into tokens: Python-style numbers, strings (with f-strings), names, $1/$name captures and operators.</summary>
internal static class ExprLexer
{
    private static readonly string[] Operators = ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":"];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                tokens.Add(ReadNumber(source, ref i));
                continue;
            }
            if ((c is 'f' or 'F' or 'r' or 'R') && i + 1 < source.Length && source[i + 1] is '\'' or '"')
            {
                var start = i;
                i++;
                var text = ReadString(source, ref i, raw: c is 'r' or 'R');
                tokens.Add(c is 'f' or 'F' ? new Token(TokenKind.FString, text, start) : new Token(TokenKind.String, text, start, ExprValue.Str(text)));
                continue;
            }
            if (c is '\'' or '"')
            {
                var start = i;
                var text = ReadString(source, ref i, raw: false);
                tokens.Add(new Token(TokenKind.String, text, start, ExprValue.Str(text)));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
                    i++;
                tokens.Add(new Token(TokenKind.Name, source[start..i], start));
                continue;
            }
            if (c == '$')
            {
                var start = i++;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
                    i++;
                if (i == start + 1)
                    throw new ExprException($"'$' at position {start} must be followed by a group number or name, as in $1 or $value");
                tokens.Add(new Token(TokenKind.Capture, source[(start + 1)..i], start));
                continue;
            }
            var matched = Operators.FirstOrDefault(op => string.CompareOrdinal(source, i, op, 0, op.Length) == 0);
            if (matched is null)
            {
                var hint = c switch
                {
                    ';' => " (statements are not available: an expression computes one value)",
                    '=' => " (assignment is not available; use set: in the profile, or == to compare)",
                    _ => "",
                };
                throw new ExprException($"unexpected character '{c}' at position {i}{hint}");
            }
            tokens.Add(new Token(TokenKind.Operator, matched, i));
            i += matched.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", source.Length));
        return tokens;
    }

    private static Token ReadNumber(string source, ref int i)
    {
        var start = i;
        if (source[i] == '0' && i + 1 < source.Length && source[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(source[i + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            i += 2;
            while (i < source.Length && (char.IsAsciiHexDigit(source[i]) || source[i] == '_'))
                i++;
            if (!PyVisaSim.PyInt.TryParse(source.AsSpan(start, i - start), radix, out var based))
                throw new ExprException($"'{source[start..i]}' is not a valid number");
            return new Token(TokenKind.Number, source[start..i], start, ExprValue.Int(based));
        }
        var isFloat = false;
        while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '_'))
            i++;
        if (i < source.Length && source[i] == '.')
        {
            isFloat = true;
            i++;
            while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '_'))
                i++;
        }
        if (i < source.Length && source[i] is 'e' or 'E')
        {
            var save = i;
            i++;
            if (i < source.Length && source[i] is '+' or '-')
                i++;
            if (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                isFloat = true;
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                    i++;
            }
            else
            {
                i = save;
            }
        }
        var text = source[start..i].Replace("_", "", StringComparison.Ordinal);
        if (isFloat)
            return new Token(TokenKind.Number, text, start, ExprValue.Float(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
            throw new ExprException($"the number {text} is too large (integers are 64-bit here)");
        return new Token(TokenKind.Number, text, start, ExprValue.Int(integer));
    }

    private static string ReadString(string source, ref int i, bool raw)
    {
        var quote = source[i];
        var start = i;
        i++;
        var builder = new StringBuilder();
        while (i < source.Length && source[i] != quote)
        {
            var c = source[i++];
            if (c != '\\' || i >= source.Length)
            {
                builder.Append(c);
                continue;
            }
            var next = source[i++];
            if (raw)
            {
                builder.Append('\\').Append(next);
                continue;
            }
            switch (next)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case '0': builder.Append('\0'); break;
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'x' when i + 2 <= source.Length && int.TryParse(source.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 2;
                    break;
                default: builder.Append('\\').Append(next); break;
            }
        }
        if (i >= source.Length)
            throw new ExprException($"the string starting at position {start} has no closing {quote}");
        i++;
        return builder.ToString();
    }
}
