using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// A setter pattern such as <c>!FREQ {:.2f}</c> or <c>CH {ch_id}:VOLT {:.3f}</c>, read by the rules of the
/// <c>stringparser</c> package pyvisa-sim uses: the text around fields must match exactly, and each field accepts what
/// its type's regular expression accepts, so <c>{:.2f}</c> takes <c>10.3</c>, <c>50</c> and <c>-5.0</c> but not <c>5</c>
/// (two digits at least) nor <c>1e3</c>; <c>{:d}</c> takes digits only; <c>{}</c> takes anything. Width, fill and
/// precision are ignored; the sign option decides whether a sign may or must lead.
/// </summary>
/// <remarks>
/// Matching runs on the message's bytes viewed as Latin-1 characters (one per byte), so it allocates nothing and compares
/// bytes exactly, as pyvisa-sim compares the UTF-8 text. Lazy fields (text and integers) try the shortest text first and
/// number fields the longest, as the regular expressions stringparser builds do.
/// </remarks>
internal sealed class StringParserPattern
{
    // The pattern stringparser applies, from the start of the specification, to find its parts.
    private static readonly Regex SpecParts = new(
        @"\G(?<align>(?<fill>[^{}])?[<>=\^])?(?<sign>[\+\- ])?(?<alternate>#)?(?<zero>0)?(?<width>[0-9]+)?(?<comma>[,])?(?<precision>\.[0-9]+)?(?<type>[bcdeEfFgGnosxX%]+)?",
        RegexOptions.CultureInvariant);

    private readonly Part[] _parts;
    private readonly Part[] _capturing;

    private StringParserPattern(string source, Part[] parts, string[] fieldNames)
    {
        Source = source;
        _parts = parts;
        _capturing = [.. parts.Where(p => p.Capturing)];
        FieldNames = fieldNames;
    }

    /// <summary>The pattern as written.</summary>
    public string Source { get; }

    /// <summary>Things stringparser silently accepts that are probably mistakes, e.g. a type letter it ignores.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    /// <summary>The names of the capturing fields in order: "0", "1" … for unnamed ones, the name otherwise.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    private enum SignRule
    {
        Optional,
        Required,
        MinusOrSpace,
    }

    private sealed record Part(string? Literal, char Type, SignRule Sign, string Prefix, bool Capturing, string Name);

    /// <summary>Parses <paramref name="source"/>; throws <see cref="FormatException"/> where stringparser raises.</summary>
    public static StringParserPattern Parse(string source)
    {
        var parts = new List<Part>();
        var names = new List<string>();
        var notes = new List<string>();
        var literal = new StringBuilder();
        var number = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c is '{' or '}' && i + 1 < source.Length && source[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }
            if (c == '}')
                throw new FormatException("Single '}' encountered in format string");
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var close = source.IndexOf('}', i + 1);
            if (close < 0)
                throw new FormatException("expected '}' before end of string");
            var field = source[(i + 1)..close];
            i = close + 1;
            if (literal.Length > 0)
            {
                parts.Add(new Part(ToLatin1(literal.ToString()), '\0', SignRule.Optional, "", false, ""));
                literal.Clear();
            }
            var end = field.IndexOfAny(['!', ':']);
            var name = end < 0 ? field : field[..end];
            var spec = field.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? field[(colon + 1)..] : "";
            var (type, sign, prefix) = ParseSpec(spec, notes);
            if (name == "_")
            {
                parts.Add(new Part(null, type, sign, prefix, false, name));
                continue;
            }
            if (name.Length == 0 || name[0] is '.' or '[')
                name = (number++).ToString(System.Globalization.CultureInfo.InvariantCulture) + name;
            if (name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal))
                throw new FormatException($"the field '{{{field}}}' reads an attribute or item ('.' or '['); stringparser builds nested objects from it, which the simulator does not (name the field plainly, e.g. {{value}})");
            if (names.Contains(name))
                throw new FormatException($"the field name '{name}' appears twice; stringparser cannot fill the same field twice");
            parts.Add(new Part(null, type, sign, prefix, true, name));
            names.Add(name);
        }
        if (literal.Length > 0)
            parts.Add(new Part(ToLatin1(literal.ToString()), '\0', SignRule.Optional, "", false, ""));
        return new StringParserPattern(source, [.. parts], [.. names]) { Notes = notes };
    }

    private static string ToLatin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    private static (char Type, SignRule Sign, string Prefix) ParseSpec(string spec, List<string> notes)
    {
        if (spec.Length == 0)
            return ('s', SignRule.Optional, "");
        var match = SpecParts.Match(spec);
        if (match.Length < spec.Length)
            notes.Add($"'{spec[match.Length..]}' in '{{:{spec}}}' is not a type stringparser knows, so the field reads any text, as {{}} does");
        var typeText = match.Groups["type"].Success ? match.Groups["type"].Value : "s";
        if (typeText.Length != 1 || "sdboxXeEfFgG%".IndexOf(typeText[0], StringComparison.Ordinal) < 0)
            throw new FormatException($"{typeText} is not an valid type (stringparser reads s, d, b, o, x, X, e, E, f, F, g, G and %)");
        var type = typeText[0];
        var prefix = "";
        if (match.Groups["alternate"].Success)
        {
            if (type is not ('o' or 'x' or 'X' or 'b'))
                throw new FormatException($"Alternate form (#) not allowed in {type} type");
            prefix = "0" + type;
        }
        var sign = match.Groups["sign"].Value switch
        {
            "+" => SignRule.Required,
            " " => SignRule.MinusOrSpace,
            _ => SignRule.Optional,
        };
        return (type, sign, prefix);
    }

    /// <summary>
    /// Matches the whole of <paramref name="text"/> (a trailing LF may be left over, as with Python's <c>$</c>), filling
    /// <paramref name="captures"/> (one per capturing field) with the matched ranges.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> text, Span<Range> captures)
    {
        if (MatchFrom(0, text, 0, captures, 0))
            return true;
        return text.Length > 0 && text[^1] == '\n' && MatchFrom(0, text[..^1], 0, captures, 0);
    }

    private bool MatchFrom(int partIndex, ReadOnlySpan<char> text, int position, Span<Range> captures, int captureIndex)
    {
        if (partIndex == _parts.Length)
            return position == text.Length;
        var part = _parts[partIndex];
        if (part.Literal is not null)
        {
            return text[position..].StartsWith(part.Literal, StringComparison.Ordinal)
                && MatchFrom(partIndex + 1, text, position + part.Literal.Length, captures, captureIndex);
        }
        var nextCapture = part.Capturing ? captureIndex + 1 : captureIndex;
        var lazy = part.Type is 's' or 'd' or 'b' or 'o' or 'x' or 'X';
        var limit = text.Length - position;
        // Without LF the text field '.*?' and every other field stop at the first LF anyway.
        var newline = text[position..].IndexOf('\n');
        if (newline >= 0)
            limit = newline;
        for (var k = 0; k <= limit; k++)
        {
            var length = lazy ? k : limit - k;
            if (!FieldAccepts(part, text.Slice(position, length)))
                continue;
            if (MatchFrom(partIndex + 1, text, position + length, captures, nextCapture))
            {
                if (part.Capturing)
                    captures[captureIndex] = new Range(position, position + length);
                return true;
            }
        }
        return false;
    }

    private static bool FieldAccepts(Part part, ReadOnlySpan<char> text)
    {
        switch (part.Sign)
        {
            case SignRule.Required:
                if (text.IsEmpty || text[0] is not ('-' or '+'))
                    return false;
                text = text[1..];
                break;
            case SignRule.MinusOrSpace:
                if (text.IsEmpty || text[0] is not ('-' or ' '))
                    return false;
                text = text[1..];
                break;
            default:
                // An optional '-' is taken when present, except that a text field may also take it as text.
                if (part.Type == 's')
                    return true;
                if (!text.IsEmpty && text[0] == '-')
                    text = text[1..];
                break;
        }
        if (part.Prefix.Length > 0)
        {
            if (!text.StartsWith(part.Prefix, StringComparison.Ordinal))
                return false;
            text = text[part.Prefix.Length..];
        }
        return part.Type switch
        {
            's' => true,
            'd' => AllIn(text, '0', '9'),
            'b' => AllIn(text, '0', '1'),
            'o' => AllIn(text, '0', '7'),
            'x' => !text.IsEmpty && !text.ContainsAnyExcept("0123456789abcdef"),
            'X' => !text.IsEmpty && !text.ContainsAnyExcept("0123456789ABCDEF"),
            'f' or 'F' => IsFloatBody(text),
            'e' => IsFloatWithExponent(text, "e"),
            'E' => IsFloatWithExponent(text, "E"),
            'g' or 'G' => IsFloatWithExponent(text, "eE"),
            '%' => text.Length > 1 && text[^1] == '%' && IsFloatBody(text[..^1]),
            _ => false,
        };
    }

    private static bool AllIn(ReadOnlySpan<char> text, char low, char high) => !text.IsEmpty && !text.ContainsAnyExceptInRange(low, high);

    // [0-9]+\.?[0-9]+ : two digits at least, at most one point, which has digits on both sides.
    private static bool IsFloatBody(ReadOnlySpan<char> text)
    {
        var point = text.IndexOf('.');
        if (point < 0)
            return text.Length >= 2 && !text.ContainsAnyExceptInRange('0', '9');
        return point > 0 && point < text.Length - 1
            && !text[..point].ContainsAnyExceptInRange('0', '9')
            && !text[(point + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsFloatWithExponent(ReadOnlySpan<char> text, string letters)
    {
        if (IsFloatBody(text))
            return true;
        var at = text.LastIndexOfAny(letters);
        if (at < 0 || !IsFloatBody(text[..at]))
            return false;
        var exponent = text[(at + 1)..];
        if (!exponent.IsEmpty && exponent[0] is '+' or '-')
            exponent = exponent[1..];
        return AllIn(exponent, '0', '9');
    }

    /// <summary>
    /// The value stringparser returns for a match, as pyvisa-sim hands it to the property: one unnamed field gives the
    /// field's value; several unnamed fields a <c>list</c>; named fields (or a mix) a <c>dict</c> by name, in the order
    /// written; no field at all an empty <c>dict</c>.
    /// </summary>
    public PyValue Result(ReadOnlySpan<char> text, ReadOnlySpan<Range> captures)
    {
        var count = FieldNames.Count;
        var order = NumberedOrder();
        if (order is not null && count == 1)
            return Convert(0, text[captures[0]]);
        var builder = new StringBuilder(order is null ? "{" : "[");
        for (var k = 0; k < count; k++)
        {
            var field = order is null ? k : order[k];
            if (k > 0)
                builder.Append(", ");
            if (order is null)
                builder.Append(PyFormatTemplate.Repr(PyValue.Str(FieldNames[field]), asciiOnly: false)).Append(": ");
            builder.Append(PyFormatTemplate.Repr(Convert(field, text[captures[field]]), asciiOnly: false));
        }
        builder.Append(order is null ? '}' : ']');
        return PyValue.Container(order is null ? PyKind.Dict : PyKind.List, builder.ToString());
    }

    /// <summary>The value of the field named <paramref name="name"/> in a match, or null when the pattern has no such field.</summary>
    public PyValue? Field(string name, ReadOnlySpan<char> text, ReadOnlySpan<Range> captures)
    {
        for (var k = 0; k < FieldNames.Count; k++)
        {
            if (FieldNames[k] == name)
                return Convert(k, text[captures[k]]);
        }
        return null;
    }

    // stringparser turns its dict into a list when the names are the numbers 0 … n-1: the capture index of each list
    // item in order, or null for a dict (which no fields at all also give).
    private int[]? NumberedOrder()
    {
        var count = FieldNames.Count;
        if (count == 0)
            return null;
        var order = new int[count];
        Array.Fill(order, -1);
        for (var k = 0; k < count; k++)
        {
            if (!int.TryParse(FieldNames[k], NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number)
                || number < 0 || number >= count || order[number] >= 0)
                return null;
            order[number] = k;
        }
        return order;
    }

    /// <summary>The Python value stringparser makes of capture <paramref name="index"/>: str, int (by base) or float.</summary>
    public PyValue Convert(int index, ReadOnlySpan<char> captured) => ConvertPart(_capturing[index], captured);

    private static PyValue ConvertPart(Part part, ReadOnlySpan<char> captured)
    {
        switch (part.Type)
        {
            case 'd':
            case 'b':
            case 'o':
            case 'x':
            case 'X':
                var radix = part.Type switch { 'b' => 2, 'o' => 8, 'd' => 10, _ => 16 };
                return PyInt.TryParse(captured, radix, out var integer) ? PyValue.Int(integer) : PyValue.Str(captured.ToString());
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
                // The field's pattern already admits only [sign]digits[.digits][e[sign]digits], which .NET reads as Python does.
                double.TryParse(captured, NumberStyles.Float, CultureInfo.InvariantCulture, out var real);
                return PyValue.Float(real);
            case '%':
                double.TryParse(captured[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent);
                return PyValue.Float(percent / 100);
            default:
                return PyValue.Str(FromLatin1Utf8(captured));
        }
    }

    /// <summary>Characters that stand for bytes, decoded as the UTF-8 text they are.</summary>
    public static string FromLatin1Utf8(ReadOnlySpan<char> latin1)
    {
        Span<byte> bytes = latin1.Length <= 256 ? stackalloc byte[latin1.Length] : new byte[latin1.Length];
        for (var k = 0; k < latin1.Length; k++)
            bytes[k] = (byte)latin1[k];
        return Encoding.UTF8.GetString(bytes);
    }
}
