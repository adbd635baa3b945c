using System.Globalization;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>Float presentation types: e, E, f, F, g, G, n, % and the no-type form (repr, or g keeping a ".0").</summary>
internal sealed partial class PyFormatSpec
{
    private void FormatFloat(double value, TextBuilder output, int start)
    {
        var type = Type;
        var precision = Precision;
        if (precision > MaxPrecision)
            throw new FormatException($"precision {precision} is too large; the simulator formats at most {MaxPrecision} digits");
        var percent = type == '%';
        if (percent)
        {
            value *= 100;
            type = 'f';
        }
        // Fixed notation of a large double needs up to 309 integer digits; the other forms need little more than the precision.
        Span<char> body = stackalloc char[(type is 'f' or 'F' ? 330 : 40) + Math.Max(precision, 17)];
        int length;
        var negative = double.IsNegative(value) && !double.IsNaN(value);
        var magnitude = Math.Abs(value);
        var upper = type is 'E' or 'F' or 'G';
        if (!double.IsFinite(value))
        {
            var word = double.IsNaN(value) ? "nan" : "inf";
            length = word.Length;
            (upper ? word.ToUpperInvariant() : word).AsSpan().CopyTo(body);
        }
        else
        {
            length = type switch
            {
                'f' or 'F' => FixedDigits(magnitude, precision < 0 ? 6 : precision, body),
                'e' or 'E' => ExponentDigits(magnitude, precision < 0 ? 6 : precision, upper ? 'E' : 'e', body),
                'g' or 'G' or 'n' => GeneralDigits(magnitude, precision < 0 ? 6 : precision, upper ? 'E' : 'e', addDotZero: false, body),
                _ when precision < 0 => PyFloat.FormatRepr(magnitude, body),
                _ => GeneralDigits(magnitude, precision, 'e', addDotZero: true, body),
            };
            if (Alternate && type is 'f' or 'F' or 'e' or 'E' && !body[..length].Contains('.'))
                length = InsertPoint(body, length);
            if (CoerceZero && negative && IsAllZero(body[..length]))
                negative = false;
        }
        if (percent)
            body[length++] = '%';
        WriteSign(output, negative);
        var signEnd = output.Length;
        var text = body[..length];
        var integerLength = 0;
        while (integerLength < text.Length && char.IsAsciiDigit(text[integerLength]))
            integerLength++;
        if (Grouping != '\0' && double.IsFinite(value))
            WriteIntegerDigits(output, text[..integerLength], 3, text.Length - integerLength, start);
        else
            output.Append(text[..integerLength]);
        output.Append(text[integerLength..]);
        Pad(output, start, signEnd - start, Align == '\0' ? '>' : Align);
    }

    private static bool IsAllZero(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is 'e' or 'E')
                break;
            if (c is >= '1' and <= '9')
                return false;
        }
        return true;
    }

    private static int InsertPoint(Span<char> body, int length)
    {
        var at = body[..length].IndexOfAny('e', 'E');
        if (at < 0)
        {
            body[length] = '.';
            return length + 1;
        }
        body[at..length].CopyTo(body[(at + 1)..]);
        body[at] = '.';
        return length + 1;
    }

    private static int FixedDigits(double magnitude, int precision, Span<char> body)
    {
        var format = precision < FixedFormats.Length ? FixedFormats[precision] : "F" + precision.ToString(CultureInfo.InvariantCulture);
        magnitude.TryFormat(body, out var written, format, CultureInfo.InvariantCulture);
        return written;
    }

    // .NET writes 1.234560E+003; Python writes 1.234560e+03.
    private static int ExponentDigits(double magnitude, int precision, char letter, Span<char> body)
    {
        var format = precision < ExponentFormats.Length ? ExponentFormats[precision] : "E" + precision.ToString(CultureInfo.InvariantCulture);
        magnitude.TryFormat(body, out var written, format, CultureInfo.InvariantCulture);
        var at = body[..written].IndexOf('E');
        var exponent = int.Parse(body[(at + 1)..written], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return at + PyFloat.WriteExponent(exponent, letter, body[at..]);
    }

    // 'g' (and the no-type form with a precision, which keeps a ".0" and switches to exponent one digit earlier).
    private int GeneralDigits(double magnitude, int precision, char letter, bool addDotZero, Span<char> body)
    {
        if (precision == 0)
            precision = 1;
        if (magnitude == 0)
        {
            // Python: '{:g}' of 0.0 is '0', '{:#g}' is '0.00000', '{:.3}' is '0.0'.
            var n = 0;
            body[n++] = '0';
            if (Alternate && !addDotZero)
            {
                body[n++] = '.';
                for (var k = 1; k < precision; k++)
                    body[n++] = '0';
            }
            else if (addDotZero)
            {
                body[n++] = '.';
                body[n++] = '0';
            }
            return n;
        }
        var written = ExponentDigits(magnitude, precision - 1, letter, body);
        var at = body[..written].IndexOf(letter);
        var exponent = int.Parse(body[(at + 1)..written], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var scientific = exponent < -4 || exponent >= (addDotZero ? precision - 1 : precision);
        if (!scientific)
            written = FixedDigits(magnitude, precision - 1 - exponent, body);
        if (!Alternate)
            written = StripZeros(body, written, letter);
        if (addDotZero && !scientific && !body[..written].Contains('.'))
        {
            body[written++] = '.';
            body[written++] = '0';
        }
        if (Alternate && !body[..written].Contains('.'))
            written = InsertPoint(body, written);
        return written;
    }

    private static int StripZeros(Span<char> body, int length, char letter)
    {
        var at = body[..length].IndexOf(letter);
        var mantissaEnd = at < 0 ? length : at;
        if (!body[..mantissaEnd].Contains('.'))
            return length;
        var end = mantissaEnd;
        while (body[end - 1] == '0')
            end--;
        if (body[end - 1] == '.')
            end--;
        body[mantissaEnd..length].CopyTo(body[end..]);
        return end + (length - mantissaEnd);
    }
}
