using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenVisa;

/// <summary>
/// Guesses the Python format spec (<c>{:+.8E}</c>, <c>{:.3f}</c>, <c>{:d}</c>) that prints a number the way an instrument
/// replied, and prints numbers with it, so a generated pyvisa-sim property answers as the instrument did.
/// </summary>
internal sealed partial record PyFormatGuess(string Spec, string Type, bool Plus, int Precision, char Kind)
{
    /// <summary>The guess for <paramref name="reply"/>, or null when it is no plain number.</summary>
    public static PyFormatGuess? For(string reply)
    {
        var m = Exponent().Match(reply);
        if (m.Success)
        {
            var precision = m.Groups["frac"].Length;
            var kind = m.Groups["e"].Value[0];
            var plus = m.Groups["sign"].Value == "+";
            return new PyFormatGuess($"{{:{(plus ? "+" : "")}.{precision}{kind}}}", "float", plus, precision, kind);
        }
        m = Fixed().Match(reply);
        if (m.Success)
        {
            var plus = m.Groups["sign"].Value == "+";
            var precision = m.Groups["frac"].Length;
            return new PyFormatGuess($"{{:{(plus ? "+" : "")}.{precision}f}}", "float", plus, precision, 'f');
        }
        m = Integer().Match(reply);
        if (m.Success)
        {
            var plus = m.Groups["sign"].Value == "+";
            return new PyFormatGuess(plus ? "{:+d}" : "{:d}", "int", plus, 0, 'd');
        }
        return null;
    }

    /// <summary>Reads a value as Python's <c>float()</c> or <c>int()</c> would for this type; false when it would raise.</summary>
    public bool TryParse(string text, out double value)
    {
        var t = text.Trim();
        if (Type == "int")
        {
            var ok = long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n);
            value = n;
            return ok;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The value printed with this spec, as Python's <c>format</c> prints it.</summary>
    public string Format(double value)
    {
        var sign = Plus && value >= 0 && !double.IsNegative(value) ? "+" : "";
        switch (Kind)
        {
            case 'd':
                return sign + ((long)value).ToString(CultureInfo.InvariantCulture);
            case 'f':
                return sign + value.ToString("F" + Precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            default:
                var mantissa = Precision == 0 ? "0" : "0." + new string('0', Precision);
                return sign + value.ToString(mantissa + (Kind == 'E' ? "E+00" : "e+00"), CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)\d+(\.(?<frac>\d*))?(?<e>[eE])[+-]\d{2,}$")]
    private static partial Regex Exponent();

    [GeneratedRegex(@"^(?<sign>[+-]?)\d+\.(?<frac>\d+)$")]
    private static partial Regex Fixed();

    [GeneratedRegex(@"^(?<sign>[+-]?)\d+$")]
    private static partial Regex Integer();
}
