using System.Globalization;
using System.Text;

namespace OpenVisa;

internal sealed partial class MiniYaml
{
    private readonly record struct KeyAt(string Key, int ValueStart);

    /// <summary>The key of a <c>key: value</c> line, and where its value starts; null when the line is no mapping entry.</summary>
    private KeyAt? MappingKey(string content, int line)
    {
        if (content.Length == 0 || content[0] is '{' or '[' or '#' or '|' or '>' or '&' or '*' or '!' || IsSequenceItem(content))
            return null;
        if (content[0] is '"' or '\'')
        {
            var close = ClosingQuote(content, 0);
            if (close < 0)
                return null;
            var after = close + 1;
            while (after < content.Length && content[after] == ' ')
                after++;
            if (after >= content.Length || content[after] != ':' || (after + 1 < content.Length && content[after + 1] != ' '))
                return null;
            return new KeyAt(Unquote(content[..(close + 1)], line), after + 1);
        }
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '#' && i > 0 && content[i - 1] == ' ')
                return null;
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
                return new KeyAt(content[..i].Trim(), i + 1);
        }
        return null;
    }

    /// <summary>Reads a quoted scalar that starts <paramref name="text"/>, continuing over lines; returns it and what follows the closing quote.</summary>
    private (string Value, string After) ReadQuoted(string text, int startLine)
    {
        var raw = text;
        var close = ClosingQuote(raw, 0);
        while (close < 0)
        {
            if (_line >= _lines.Count)
                throw Error(startLine, $"the quoted value {Shorten(text)} is never closed");
            raw += "\n" + _lines[_line++];
            close = ClosingQuote(raw, 0);
        }
        return (Unquote(raw[..(close + 1)], startLine), raw[(close + 1)..]);
    }

    /// <summary>The index of the quote closing the one at <paramref name="open"/>, or -1.</summary>
    private static int ClosingQuote(string text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
                continue;
            }
            if (text[i] != quote)
                continue;
            if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>The value of a whole quoted scalar (quotes included), with escapes and line folding applied.</summary>
    private string Unquote(string quoted, int line)
    {
        var body = quoted[1..^1];
        var doubleQuoted = quoted[0] == '"';
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\n')
            {
                i = Fold(body, i, builder, escaped: false);
                continue;
            }
            if (!doubleQuoted)
            {
                builder.Append(c);
                if (c == '\'')
                    i++;
                continue;
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (++i >= body.Length)
                throw Error(line, "a double-quoted value ends with a lone backslash");
            var e = body[i];
            switch (e)
            {
                case '\n': i = Fold(body, i, builder, escaped: true); break;
                case '0': builder.Append('\0'); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 't' or '\t': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'v': builder.Append('\v'); break;
                case 'f': builder.Append('\f'); break;
                case 'r': builder.Append('\r'); break;
                case 'e': builder.Append('\x1b'); break;
                case ' ': builder.Append(' '); break;
                case '"': builder.Append('"'); break;
                case '/': builder.Append('/'); break;
                case '\\': builder.Append('\\'); break;
                case 'N': builder.Append('\u0085'); break;
                case '_': builder.Append('\u00a0'); break;
                case 'L': builder.Append('\u2028'); break;
                case 'P': builder.Append('\u2029'); break;
                case 'x': builder.Append(Hex(body, ref i, 2, line)); break;
                case 'u': builder.Append(Hex(body, ref i, 4, line)); break;
                case 'U': builder.Append(Hex(body, ref i, 8, line)); break;
                default: throw Error(line, $"unknown escape '\\{e}' in a double-quoted value");
            }
        }
        return builder.ToString();
    }

    // Folds the line break at body[at]: trailing spaces before it go, leading spaces after it go, and the break becomes a
    // space (or nothing when escaped), or one newline per empty line that follows.
    private static int Fold(string body, int at, StringBuilder builder, bool escaped)
    {
        if (!escaped)
        {
            while (builder.Length > 0 && builder[^1] == ' ')
                builder.Length--;
        }
        var i = at + 1;
        var empty = 0;
        while (true)
        {
            while (i < body.Length && body[i] == ' ')
                i++;
            if (i < body.Length && body[i] == '\n')
            {
                empty++;
                i++;
                continue;
            }
            break;
        }
        if (empty > 0)
            builder.Append('\n', empty);
        else if (!escaped)
            builder.Append(' ');
        return i - 1;
    }

    private string Hex(string body, ref int i, int digits, int line)
    {
        var hex = body.Substring(i + 1, Math.Min(digits, body.Length - i - 1));
        if (hex.Length != digits || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            throw Error(line, $"'\\{body[i]}{hex}' is not a valid escape");
        i += digits;
        return char.ConvertFromUtf32(code);
    }

    /// <summary>The whole text of a flow collection starting at <paramref name="text"/>, over as many lines as it takes.</summary>
    private string GatherFlow(string text, int startLine)
    {
        var builder = new StringBuilder(text);
        while (true)
        {
            var end = FlowEnd(builder.ToString());
            if (end >= 0)
            {
                var rest = builder.ToString()[(end + 1)..].Trim();
                if (rest.Length > 0 && !rest.StartsWith('#'))
                    throw Error(_line - 1, $"unexpected '{rest}' after a flow collection");
                return builder.ToString()[..(end + 1)];
            }
            if (_line >= _lines.Count)
                throw Error(startLine, $"the collection {Shorten(text)} is never closed");
            builder.Append('\n').Append(_lines[_line++]);
        }
    }

    private static int FlowEnd(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or '{' or '[' or ',' or ':' or '\n'))
            {
                var close = ClosingQuote(text, i);
                if (close < 0)
                    return -1;
                i = close;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']' && --depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    private object? ParseFlowText(string text, int line)
    {
        var position = 0;
        var value = FlowValue(text, ref position, line);
        return value;
    }

    private object? FlowValue(string text, ref int i, int line)
    {
        if (++_depth > MaxDepth)
            throw Error(line, $"the flow collections ('[', '{{') nest more than {MaxDepth} levels deep here; a session file needs far fewer");
        try
        {
            return FlowValueAtDepth(text, ref i, line);
        }
        finally
        {
            _depth--;
        }
    }

    private object? FlowValueAtDepth(string text, ref int i, int line)
    {
        SkipFlowSpace(text, ref i);
        if (i >= text.Length)
            throw Error(line, "a flow collection ends too early");
        switch (text[i])
        {
            case '{':
            {
                var map = new YamlMap();
                i++;
                while (true)
                {
                    SkipFlowSpace(text, ref i);
                    if (i < text.Length && text[i] == '}')
                    {
                        i++;
                        return map;
                    }
                    var key = FlowScalar(text, ref i, line, isKey: true) ?? "";
                    SkipFlowSpace(text, ref i);
                    object? value = null;
                    if (i < text.Length && text[i] == ':')
                    {
                        i++;
                        SkipFlowSpace(text, ref i);
                        value = i < text.Length && text[i] is ',' or '}' ? null : FlowValue(text, ref i, line);
                    }
                    map.Add(new(key, value));
                    SkipFlowSpace(text, ref i);
                    if (i < text.Length && text[i] == ',')
                        i++;
                    else if (i >= text.Length || text[i] != '}')
                        throw Error(line, $"expected ',' or '}}' in {Shorten(text)}");
                }
            }
            case '[':
            {
                var list = new List<object?>();
                i++;
                while (true)
                {
                    SkipFlowSpace(text, ref i);
                    if (i < text.Length && text[i] == ']')
                    {
                        i++;
                        return list;
                    }
                    list.Add(FlowValue(text, ref i, line));
                    SkipFlowSpace(text, ref i);
                    if (i < text.Length && text[i] == ',')
                        i++;
                    else if (i >= text.Length || text[i] != ']')
                        throw Error(line, $"expected ',' or ']' in {Shorten(text)}");
                }
            }
            default:
                return FlowScalar(text, ref i, line, isKey: false);
        }
    }

    private string? FlowScalar(string text, ref int i, int line, bool isKey)
    {
        if (text[i] is '"' or '\'')
        {
            var close = ClosingQuote(text, i);
            if (close < 0)
                throw Error(line, $"a quoted value in {Shorten(text)} is never closed");
            var value = Unquote(text[i..(close + 1)], line);
            i = close + 1;
            return value;
        }
        var start = i;
        while (i < text.Length && text[i] is not (',' or '[' or ']' or '{' or '}'))
        {
            if (text[i] == ':' && (i + 1 >= text.Length || text[i + 1] is ' ' or '\n' or ',' or '}' or ']') && isKey)
                break;
            if (text[i] == ':' && !isKey && (i + 1 >= text.Length || text[i + 1] is ' ' or '\n'))
                throw Error(line, $"a plain value in {Shorten(text)} holds ': '; quote it");
            i++;
        }
        var plain = string.Join(' ', text[start..i].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Trim();
        return plain;
    }

    private static void SkipFlowSpace(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\n')
            i++;
    }

    private static string Shorten(string text)
    {
        var one = text.ReplaceLineEndings(" ");
        return "'" + (one.Length > 40 ? one[..40] + "…" : one) + "'";
    }
}
