using System.Globalization;
using System.Text;

namespace OpenVisa.Instruments;

/// <summary>
/// Writes a double as Python's <c>repr(float)</c> does, which is what QCoDeS's snapshots hold: the shortest digits that
/// read back to the same value, always with a decimal point or an exponent (<c>1.0</c>, <c>0.0001</c>, <c>1e-05</c>,
/// <c>1e+16</c>), so a reader tells a float from an integer. .NET writes <c>1</c> and <c>1E+16</c> instead.
/// </summary>
public static class PythonFloat
{
    /// <summary>The text of a finite <paramref name="value"/> as Python's <c>repr</c> writes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, which JSON cannot hold as a number.</exception>
    public static string Repr(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON number form; snapshots write them as strings.");
        var (negative, digits, point) = ShortestDigits(value);
        var exponent = point - 1;
        var text = new StringBuilder(digits.Length + 8);
        if (negative)
            text.Append('-');
        // Python switches to exponent form below 1e-4 and from 1e16 on.
        if (exponent < -4 || exponent >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length).Append(".0");
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
        return text.ToString();
    }

    /// <summary>
    /// The shortest round-trip significant digits of <paramref name="value"/> (no leading or trailing zeros, "0" for
    /// zero) and where the decimal point falls in them (1 for <c>d.ddd</c>).
    /// </summary>
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
            text = text[1..];
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        var digits = whole + fraction;
        var point = whole.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
            leading++;
        digits = digits[leading..];
        point -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            return (negative, "0", 1);
        return (negative, digits, point);
    }
}
