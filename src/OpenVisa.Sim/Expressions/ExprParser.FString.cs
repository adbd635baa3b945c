using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

/// <summary>f-strings and templates: literal text with <c>{expression!conversion:spec}</c> fields.</summary>
internal sealed partial class ExprParser
{
    /// <summary>Parses text with <c>{expression}</c> fields, as the inside of an f-string.</summary>
    public static ExprNode ParseTemplate(string text, IEnumerable<string>? names = null)
    {
        try
        {
            return ParseFString(text, names);
        }
        catch (ExprException e) when (!e.Message.StartsWith("in expression", StringComparison.Ordinal))
        {
            throw new ExprException($"in template '{text}': {e.Message}");
        }
    }

    private FStringNode ParseFString(string text) => ParseFString(text, _names);

    private static FStringNode ParseFString(string text, IEnumerable<string>? names)
    {
        var parts = new List<(string?, ExprNode?, char, PyFormatSpec?)>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }
            if (c == '}')
                throw new ExprException("f-string: single '}' is not allowed");
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var (end, colon, bang) = FieldBounds(text, i);
            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null, '\0', null));
                literal.Clear();
            }
            var expressionEnd = bang >= 0 ? bang : colon >= 0 ? colon : end;
            var expression = Parse(text[(i + 1)..expressionEnd], names);
            var conversion = bang >= 0 ? text[bang + 1] : '\0';
            if (bang >= 0 && conversion is not ('r' or 's' or 'a'))
                throw new ExprException($"f-string: invalid conversion character '{conversion}'");
            PyFormatSpec? spec = null;
            if (colon >= 0)
            {
                try
                {
                    spec = PyFormatSpec.Parse(text[(colon + 1)..end]);
                }
                catch (FormatException e)
                {
                    throw new ExprException("f-string: " + e.Message);
                }
            }
            parts.Add((null, expression, conversion == 'a' ? 'r' : conversion, spec));
            i = end + 1;
        }
        if (literal.Length > 0)
            parts.Add((literal.ToString(), null, '\0', null));
        return new FStringNode(parts);
    }

    // Finds the closing '}' of the field opened at 'open', and the top-level '!' and ':' in it (outside brackets and strings).
    private static (int End, int Colon, int Bang) FieldBounds(string text, int open)
    {
        var depth = 0;
        var colon = -1;
        var bang = -1;
        char quote = '\0';
        for (var k = open + 1; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"' when colon < 0:
                    quote = c;
                    break;
                case '(' or '[' or '{' when colon < 0:
                    depth++;
                    break;
                case ')' or ']' when colon < 0:
                    depth--;
                    break;
                case '}' when depth > 0 && colon < 0:
                    depth--;
                    break;
                case '!' when depth == 0 && colon < 0 && k + 1 < text.Length && text[k + 1] != '=':
                    bang = k;
                    break;
                case ':' when depth == 0 && colon < 0:
                    colon = k;
                    break;
                case '}' when depth == 0:
                    return (k, colon, bang);
            }
        }
        throw new ExprException("f-string: expecting '}'");
    }
}
