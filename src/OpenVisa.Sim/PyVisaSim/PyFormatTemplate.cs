using System.Text;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// A Python <c>str.format</c> template such as <c>"{:+.8E}"</c> or <c>"V={0:.3f}"</c>, parsed once, formatting one
/// positional value as pyvisa-sim's getters do (<c>r.format(value)</c>). Named fields and indexes other than 0 are
/// rejected when parsed, since Python would raise KeyError or IndexError on every query.
/// </summary>
internal sealed class PyFormatTemplate
{
    private readonly Segment[] _segments;

    private PyFormatTemplate(string source, Segment[] segments)
    {
        Source = source;
        _segments = segments;
    }

    public string Source { get; }

    /// <summary>The specs of the replacement fields, in order.</summary>
    public IEnumerable<PyFormatSpec> Specs => _segments.Where(s => s.Spec is not null).Select(s => s.Spec!);

    /// <summary>The number of replacement fields.</summary>
    public int FieldCount => _segments.Count(s => s.Spec is not null);

    private sealed record Segment(string? Literal, PyFormatSpec? Spec, char Conversion);

    /// <summary>Parses <paramref name="source"/>; throws <see cref="FormatException"/> with Python's message when <c>format</c> would raise.</summary>
    public static PyFormatTemplate Parse(string source)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var numbering = '\0'; // 'a' automatic, 'm' manual
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '}')
            {
                if (i + 1 < source.Length && source[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }
                throw new FormatException("Single '}' encountered in format string");
            }
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 < source.Length && source[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }
            var close = FindClose(source, i);
            var field = source[(i + 1)..close];
            i = close + 1;
            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), null, '\0'));
                literal.Clear();
            }
            segments.Add(ParseField(field, ref numbering));
        }
        if (literal.Length > 0)
            segments.Add(new Segment(literal.ToString(), null, '\0'));
        return new PyFormatTemplate(source, [.. segments]);
    }

    private static int FindClose(string source, int open)
    {
        var depth = 0;
        for (var k = open + 1; k < source.Length; k++)
        {
            if (source[k] == '{')
                depth++;
            else if (source[k] == '}')
            {
                if (depth == 0)
                    return k;
                depth--;
            }
        }
        throw new FormatException(open == source.Length - 1 ? "Single '{' encountered in format string" : "expected '}' before end of string");
    }

    private static Segment ParseField(string field, ref char numbering)
    {
        var end = field.IndexOfAny(['!', ':']);
        var name = end < 0 ? field : field[..end];
        var conversion = '\0';
        var spec = "";
        if (end >= 0 && field[end] == '!')
        {
            if (end + 1 >= field.Length)
                throw new FormatException("end of string while looking for conversion specifier");
            conversion = field[end + 1];
            if (conversion is not ('r' or 's' or 'a'))
                throw new FormatException($"Unknown conversion specifier {conversion}");
            if (end + 2 < field.Length)
            {
                if (field[end + 2] != ':')
                    throw new FormatException("expected ':' after conversion specifier");
                spec = field[(end + 3)..];
            }
        }
        else if (end >= 0)
        {
            spec = field[(end + 1)..];
        }
        if (spec.Contains('{', StringComparison.Ordinal))
            throw new FormatException($"nested replacement fields ('{{{field}}}') are not supported by the simulator; write the specification out");
        if (name.Length == 0)
        {
            if (numbering == 'm')
                throw new FormatException("cannot switch from manual field specification to automatic field numbering");
            numbering = 'a';
        }
        else if (name.All(char.IsAsciiDigit))
        {
            if (numbering == 'a')
                throw new FormatException("cannot switch from automatic field numbering to manual field specification");
            numbering = 'm';
            if (name.TrimStart('0').Length > 0)
                throw new FormatException($"Replacement index {name} out of range for positional args tuple (a reply formats one value, index 0)");
        }
        else if (name[0] is '.' or '[' || name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal))
        {
            throw new FormatException($"'{{{field}}}' reads an attribute or item of the value; the simulator formats the value itself");
        }
        else
        {
            throw new FormatException($"KeyError: '{name}' (a reply formats one positional value; write {{}} or {{0}})");
        }
        return new Segment(null, spec.Length == 0 ? PyFormatSpec.Empty : PyFormatSpec.Parse(spec), conversion);
    }

    /// <summary>Formats <paramref name="value"/> into every field; throws <see cref="FormatException"/> as Python's <c>format</c> would.</summary>
    public void Format(PyValue value, TextBuilder output)
    {
        foreach (var segment in _segments)
        {
            if (segment.Spec is null)
            {
                output.Append(segment.Literal);
                continue;
            }
            var converted = segment.Conversion switch
            {
                's' => PyValue.Str(value.ToString()),
                'r' => PyValue.Str(Repr(value, asciiOnly: false)),
                'a' => PyValue.Str(Repr(value, asciiOnly: true)),
                _ => value,
            };
            segment.Spec.Format(converted, output);
        }
    }

    /// <summary>The text of formatting <paramref name="value"/>.</summary>
    public string Format(PyValue value)
    {
        var output = new TextBuilder();
        Format(value, output);
        return output.ToString();
    }

    /// <summary>Python's <c>repr()</c> (or <c>ascii()</c>) of a value.</summary>
    public static string Repr(PyValue value, bool asciiOnly)
    {
        if (value.Kind != PyKind.Str)
            return value.ToString();
        var text = value.Text;
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            if (v == '\\' || v == quote)
                builder.Append('\\').Append((char)v);
            else if (v == '\n')
                builder.Append("\\n");
            else if (v == '\r')
                builder.Append("\\r");
            else if (v == '\t')
                builder.Append("\\t");
            else if (v < 0x20 || v == 0x7F || (v is >= 0x80 and < 0xA0))
                builder.Append($"\\x{v:x2}");
            else if (v >= 0x80 && (asciiOnly || !Rune.IsLetterOrDigit(rune) && Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.SpaceSeparator))
                builder.Append(v <= 0xFF ? $"\\x{v:x2}" : v <= 0xFFFF ? $"\\u{v:x4}" : $"\\U{v:x8}");
            else
                builder.Append(rune.ToString());
        }
        return builder.Append(quote).ToString();
    }
}
