using System.Globalization;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// One Python format specification (PEP 3101, the part after the colon in <c>{:+.8E}</c>):
/// <c>[[fill]align][sign][z][#][0][width][grouping][.precision][type]</c>, formatting <c>str</c>, <c>int</c> and
/// <c>float</c> values exactly as Python 3.11 does, including its error messages.
/// </summary>
internal sealed partial class PyFormatSpec
{
    private static readonly string[] FixedFormats = [.. Enumerable.Range(0, 100).Select(p => "F" + p.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] ExponentFormats = [.. Enumerable.Range(0, 100).Select(p => "E" + p.ToString(CultureInfo.InvariantCulture))];

    private const int MaxPrecision = 1000;

    private PyFormatSpec(string text) => Text = text;

    /// <summary>The specification as written.</summary>
    public string Text { get; }

    public char Fill { get; private set; } = ' ';

    public char Align { get; private set; }

    public char Sign { get; private set; }

    public bool CoerceZero { get; private set; }

    public bool Alternate { get; private set; }

    public int Width { get; private set; } = -1;

    public char Grouping { get; private set; }

    public int Precision { get; private set; } = -1;

    public char Type { get; private set; }

    private bool ZeroFlag { get; set; }

    /// <summary>The empty specification, as in <c>{}</c>.</summary>
    public static PyFormatSpec Empty { get; } = new("");

    /// <summary>The largest width or precision accepted; Python has none, but a reply padded to a billion characters is never meant.</summary>
    public const int MaxWidth = 10_000;

    private static int Bounded(ReadOnlySpan<char> digits, string what)
    {
        // Checked on the digits, so "99999999999" is this error rather than an overflow.
        if (digits.TrimStart('0').Length > 5 || int.Parse(digits, CultureInfo.InvariantCulture) > MaxWidth)
            throw new FormatLimitException($"the {what} {digits.ToString()} is more than the {MaxWidth} allowed");
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a specification; throws <see cref="FormatException"/> with Python's message when it is malformed.</summary>
    public static PyFormatSpec Parse(string text)
    {
        var spec = new PyFormatSpec(text);
        var s = text.AsSpan();
        var i = 0;
        if (s.Length >= 2 && IsAlign(s[1]))
        {
            spec.Fill = s[0];
            spec.Align = s[1];
            i = 2;
        }
        else if (s.Length >= 1 && IsAlign(s[0]))
        {
            spec.Align = s[0];
            i = 1;
        }
        if (i < s.Length && s[i] is '+' or '-' or ' ')
            spec.Sign = s[i++];
        if (i < s.Length && s[i] == 'z')
        {
            spec.CoerceZero = true;
            i++;
        }
        if (i < s.Length && s[i] == '#')
        {
            spec.Alternate = true;
            i++;
        }
        if (i < s.Length && s[i] == '0')
        {
            spec.ZeroFlag = true;
            i++;
        }
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        if (i > start)
            spec.Width = Bounded(s[start..i], "width");
        if (i < s.Length && s[i] is ',' or '_')
        {
            spec.Grouping = s[i++];
            if (i < s.Length && s[i] is ',' or '_')
                throw new FormatException("Cannot specify both ',' and '_'.");
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
                i++;
            if (i == start)
                throw new FormatException("Format specifier missing precision");
            spec.Precision = Bounded(s[start..i], "precision");
        }
        if (i < s.Length)
            spec.Type = s[i++];
        if (i < s.Length)
            throw new FormatException($"Invalid format specifier '{text}'");
        if (spec.ZeroFlag && spec.Align == '\0')
        {
            spec.Fill = '0';
            spec.Align = '=';
        }
        return spec;
    }

    private static bool IsAlign(char c) => c is '<' or '>' or '=' or '^';

    /// <summary>Python's ValueError text for formatting a value of <paramref name="kind"/> with this spec, or null when it formats.</summary>
    public string? Problem(PyKind kind)
    {
        string typeName = kind switch { PyKind.Int => "int", PyKind.Float => "float", PyKind.Dict => "dict", PyKind.List => "list", _ => "str" };
        switch (kind)
        {
            case PyKind.Dict or PyKind.List:
                // object.__format__ takes only the empty specification, which gives str(value).
                return Text.Length == 0 ? null : $"unsupported format string passed to {typeName}.__format__";
            case PyKind.Str:
                if (Type is not ('\0' or 's'))
                    return $"Unknown format code '{Type}' for object of type '{typeName}'";
                if (Sign != '\0')
                    return "Sign not allowed in string format specifier";
                if (Alternate)
                    return "Alternate form (#) not allowed in string format specifier";
                if (CoerceZero)
                    return "Negative zero coercion (z) not allowed in string format specifier";
                if (Align == '=' && !ZeroFlag)
                    return "'=' alignment not allowed in string format specifier";
                if (Grouping != '\0')
                    return $"Cannot specify '{Grouping}' with 's'.";
                return null;
            case PyKind.Int:
                if (Type is 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%')
                    return FloatProblem("float");
                if (Type is not ('\0' or 'd' or 'n' or 'b' or 'o' or 'x' or 'X' or 'c'))
                    return $"Unknown format code '{Type}' for object of type '{typeName}'";
                if (Precision >= 0)
                    return "Precision not allowed in integer format specifier";
                if (CoerceZero)
                    return "Negative zero coercion (z) not allowed in integer format specifier";
                if (Type == 'c' && Sign != '\0')
                    return "Sign not allowed with integer format specifier 'c'";
                if (Type == 'c' && Alternate)
                    return "Alternate form (#) not allowed with integer format specifier 'c'";
                if (Grouping == ',' && Type is not ('\0' or 'd'))
                    return $"Cannot specify ',' with '{Type}'.";
                if (Grouping == '_' && Type is 'c' or 'n')
                    return $"Cannot specify '_' with '{Type}'.";
                return null;
            default:
                return FloatProblem(typeName);
        }
    }

    private string? FloatProblem(string typeName)
    {
        if (Type is not ('\0' or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 'n' or '%'))
            return $"Unknown format code '{Type}' for object of type '{typeName}'";
        if (Grouping != '\0' && Type == 'n')
            return $"Cannot specify '{Grouping}' with 'n'.";
        return null;
    }

    /// <summary>Formats <paramref name="value"/> onto <paramref name="output"/>; throws <see cref="FormatException"/> with Python's message when Python would raise.</summary>
    public void Format(PyValue value, TextBuilder output)
    {
        if (Problem(value.Kind) is { } problem)
            throw new FormatException(problem);
        var start = output.Length;
        switch (value.Kind)
        {
            case PyKind.Dict or PyKind.List:
                output.Append(value.Text);
                return;
            case PyKind.Str:
                var text = value.Text.AsSpan();
                if (Precision >= 0 && text.Length > Precision)
                    text = text[..Precision];
                output.Append(text);
                // A bare 0 flag on text pads with zeros on the right (Python 3.10+): '{:05}'.format('ab') is 'ab000'.
                Pad(output, start, 0, Align == '\0' || (ZeroFlag && Align == '=') ? '<' : Align);
                return;
            case PyKind.Int when Type is 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%':
                FormatFloat(value.Integer, output, start);
                return;
            case PyKind.Int:
                FormatInteger(value.Integer, output, start);
                return;
            default:
                FormatFloat(value.Real, output, start);
                return;
        }
    }

    private void FormatInteger(long value, TextBuilder output, int start)
    {
        if (Type == 'c')
        {
            if (value is < 0 or > 0x10FFFF)
                throw new FormatException("%c arg not in range(0x110000)");
            output.Append(char.ConvertFromUtf32((int)value));
            Pad(output, start, 0, Align == '\0' ? '>' : Align);
            return;
        }
        var negative = value < 0;
        WriteSign(output, negative);
        var radix = Type switch { 'b' => 2, 'o' => 8, 'x' or 'X' => 16, _ => 10 };
        if (Alternate && radix != 10)
            output.Append(Type switch { 'b' => "0b", 'o' => "0o", 'x' => "0x", _ => "0X" });
        var prefixEnd = output.Length;
        var magnitude = negative ? (ulong)(0 - value) : (ulong)value;
        Span<char> digits = stackalloc char[70];
        var count = 0;
        do
        {
            var d = (int)(magnitude % (ulong)radix);
            digits[count++] = (char)(d < 10 ? '0' + d : (Type == 'X' ? 'A' : 'a') + d - 10);
            magnitude /= (ulong)radix;
        }
        while (magnitude != 0);
        digits = digits[..count];
        digits.Reverse();
        var groupSize = radix == 10 ? 3 : 4;
        WriteIntegerDigits(output, digits, groupSize, trailing: 0, start);
        Pad(output, start, prefixEnd - start, Align == '\0' ? '>' : Align);
    }

    private void WriteSign(TextBuilder output, bool negative)
    {
        if (negative)
            output.Append('-');
        else if (Sign is '+' or ' ')
            output.Append(Sign);
    }

    // Writes integer digits with grouping; with zero padding and grouping, Python grows the zeros inside the groups.
    private void WriteIntegerDigits(TextBuilder output, ReadOnlySpan<char> digits, int groupSize, int trailing, int start)
    {
        if (Grouping == '\0')
        {
            output.Append(digits);
            return;
        }
        var count = digits.Length;
        if (ZeroFlag && Fill == '0' && Align == '=' && Width > 0)
        {
            var fixedPart = output.Length - start + trailing;
            while (fixedPart + count + (count - 1) / groupSize < Width)
                count++;
        }
        for (var k = 0; k < count; k++)
        {
            if (k > 0 && (count - k) % groupSize == 0)
                output.Append(Grouping);
            var index = k - (count - digits.Length);
            output.Append(index < 0 ? '0' : digits[index]);
        }
    }

    private void Pad(TextBuilder output, int start, int signLength, char align)
    {
        var length = output.Length - start;
        if (Width <= length)
            return;
        var padding = Width - length;
        switch (align)
        {
            case '<':
                output.Append(Fill, padding);
                break;
            case '^':
                var left = padding / 2;
                Span<char> fill = left <= 256 ? stackalloc char[left] : new char[left];
                fill.Fill(Fill);
                output.Insert(start, fill);
                output.Append(Fill, padding - left);
                break;
            default:
                Span<char> pad = padding <= 256 ? stackalloc char[padding] : new char[padding];
                pad.Fill(Fill);
                output.Insert(align == '=' ? start + signLength : start, pad);
                break;
        }
    }
}

/// <summary>A format whose width or precision passes <see cref="PyFormatSpec.MaxWidth"/>: wrong whatever value it formats.</summary>
internal sealed class FormatLimitException(string message) : FormatException(message);
