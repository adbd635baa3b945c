using System.Globalization;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>Python's <c>float()</c> on text and <c>repr()</c> of a float.</summary>
internal static class PyFloat
{
    /// <summary>Parses as Python's <c>float(text)</c> does: surrounding whitespace, sign, digits with single underscores, inf, nan.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        text = PyDecimalText.ToAscii(text).Trim();
        if (text.IsEmpty)
            return false;
        var body = text[0] is '+' or '-' ? text[1..] : text;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (!IsDecimalLiteral(body))
            return false;
        Span<char> clean = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c != '_')
                clean[length++] = c;
        }
        return double.TryParse(clean[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    // digits [. digits] [e [sign] digits], or . digits ..., with '_' allowed only between two digits.
    private static bool IsDecimalLiteral(ReadOnlySpan<char> s)
    {
        var i = 0;
        var mantissaDigits = Digits(s, ref i);
        if (mantissaDigits < 0)
            return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fraction = Digits(s, ref i);
            if (fraction < 0)
                return false;
            mantissaDigits += fraction;
        }
        if (mantissaDigits == 0)
            return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
                i++;
            if (Digits(s, ref i) <= 0)
                return false;
        }
        return i == s.Length;
    }

    // Counts digits from i, allowing single underscores between digits; -1 when an underscore is misplaced.
    internal static int Digits(ReadOnlySpan<char> s, ref int i)
    {
        var count = 0;
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                count++;
                i++;
            }
            else if (s[i] == '_')
            {
                if (count == 0 || i + 1 >= s.Length || !char.IsAsciiDigit(s[i + 1]))
                    return -1;
                i++;
            }
            else
            {
                break;
            }
        }
        return count;
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest text that reads back, fixed between 1e-4 and 1e16, else like <c>1e+16</c>.</summary>
    public static string Repr(double value)
    {
        Span<char> buffer = stackalloc char[32];
        var written = FormatRepr(value, buffer);
        return new string(buffer[..written]);
    }

    /// <summary>Writes <see cref="Repr"/> into <paramref name="destination"/> (at least 32 characters); returns the count.</summary>
    public static int FormatRepr(double value, Span<char> destination)
    {
        if (double.IsNaN(value))
            return Copy("nan", destination);
        if (double.IsInfinity(value))
            return Copy(value > 0 ? "inf" : "-inf", destination);
        Span<char> digits = stackalloc char[24];
        var count = ShortestDigits(value, digits, out var exponent, out var negative);
        return Layout(digits[..count], exponent, negative, destination, scientificBelow: -4, scientificFrom: 16, alwaysPoint: true);
    }

    /// <summary>The shortest round-trip digits of |value| (no leading zeros), and the exponent of the first digit.</summary>
    public static int ShortestDigits(double value, Span<char> digits, out int exponent, out bool negative)
    {
        negative = double.IsNegative(value);
        Span<char> text = stackalloc char[40];
        // "R" gives the shortest round-trip form; read its digits and exponent whatever layout it chose.
        Math.Abs(value).TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        var s = text[..length];
        var count = 0;
        var pointAt = -1;
        var firstNonZero = -1;
        var exponentPart = 0;
        var i = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.')
            {
                pointAt = count;
                continue;
            }
            if (c is 'E' or 'e')
            {
                exponentPart = int.Parse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            if (firstNonZero < 0 && c == '0')
            {
                count++;
                continue;
            }
            if (firstNonZero < 0)
                firstNonZero = count;
            digits[count - firstNonZero] = c;
            count++;
        }
        if (pointAt < 0)
            pointAt = count;
        if (firstNonZero < 0)
        {
            digits[0] = '0';
            exponent = 0;
            return 1;
        }
        var significant = count - firstNonZero;
        while (significant > 1 && digits[significant - 1] == '0')
            significant--;
        exponent = pointAt - firstNonZero - 1 + exponentPart;
        return significant;
    }

    /// <summary>
    /// Lays out significant digits d1d2... with d1 at 10^exponent: fixed when scientificBelow &lt;= exponent &lt; scientificFrom,
    /// else as d1.d2...e+XX (at least two exponent digits). With alwaysPoint, fixed output always has a fractional digit.
    /// </summary>
    public static int Layout(ReadOnlySpan<char> digits, int exponent, bool negative, Span<char> destination, int scientificBelow, int scientificFrom, bool alwaysPoint)
    {
        var n = 0;
        if (negative)
            destination[n++] = '-';
        if (exponent < scientificBelow || exponent >= scientificFrom)
        {
            destination[n++] = digits[0];
            if (digits.Length > 1)
            {
                destination[n++] = '.';
                foreach (var d in digits[1..])
                    destination[n++] = d;
            }
            return n + WriteExponent(exponent, 'e', destination[n..]);
        }
        if (exponent < 0)
        {
            destination[n++] = '0';
            destination[n++] = '.';
            for (var z = 0; z < -exponent - 1; z++)
                destination[n++] = '0';
            foreach (var d in digits)
                destination[n++] = d;
            return n;
        }
        for (var k = 0; k <= exponent; k++)
            destination[n++] = k < digits.Length ? digits[k] : '0';
        if (digits.Length > exponent + 1)
        {
            destination[n++] = '.';
            foreach (var d in digits[(exponent + 1)..])
                destination[n++] = d;
        }
        else if (alwaysPoint)
        {
            destination[n++] = '.';
            destination[n++] = '0';
        }
        return n;
    }

    /// <summary>Writes e+05 style exponents (sign and at least two digits), as Python does.</summary>
    public static int WriteExponent(int exponent, char letter, Span<char> destination)
    {
        var n = 0;
        destination[n++] = letter;
        destination[n++] = exponent < 0 ? '-' : '+';
        var magnitude = Math.Abs(exponent);
        if (magnitude < 10)
            destination[n++] = '0';
        magnitude.TryFormat(destination[n..], out var written, default, CultureInfo.InvariantCulture);
        return n + written;
    }

    private static int Copy(string text, Span<char> destination)
    {
        text.AsSpan().CopyTo(destination);
        return text.Length;
    }
}

/// <summary>Python's <c>int(text, base)</c>.</summary>
internal static class PyInt
{
    /// <summary>Parses as Python's <c>int(text, base)</c>: whitespace, sign, a 0x/0o/0b prefix matching the base, single underscores.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int radix, out long value)
    {
        value = 0;
        text = PyDecimalText.ToAscii(text).Trim();
        var negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        // After a base prefix one underscore may follow at once ("0x_ff"); elsewhere only between digits.
        var previousUnderscore = true;
        if (text.Length > 2 && text[0] == '0')
        {
            var prefix = char.ToLowerInvariant(text[1]);
            if ((prefix == 'x' && radix == 16) || (prefix == 'o' && radix == 8) || (prefix == 'b' && radix == 2))
            {
                text = text[2..];
                previousUnderscore = false;
            }
        }
        if (text.IsEmpty)
            return false;
        ulong magnitude = 0;
        foreach (var c in text)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                    return false;
                previousUnderscore = true;
                continue;
            }
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
                return false;
            previousUnderscore = false;
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
                return false;
            magnitude = magnitude * (ulong)radix + (ulong)digit;
        }
        if (previousUnderscore)
            return false;
        if (negative ? magnitude > 9223372036854775808UL : magnitude > long.MaxValue)
            return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }
}
