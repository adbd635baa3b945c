using System.Globalization;
using System.Text;

namespace OpenVisa.CApi.Formatting;

/// <summary>
/// The <c>viPrintf</c> side of VISA formatted I/O: C's conversions (<c>%d %i %o %u %x %X %c %s %f %e %E %g %G</c> with
/// flags, width and precision), VISA's arrays (<c>%,10d</c>, <c>%,#f</c>: comma-separated), and IEEE 488.2 blocks
/// (<c>%b</c> definite length, <c>%B</c> indefinite, <c>%y</c> raw; element size by <c>h l ll z Z</c>; big-endian
/// unless <c>!ol</c>).
/// </summary>
internal static unsafe class FormatWriter
{
    /// <summary>Formats <paramref name="format"/> with the arguments the C part collected, into <paramref name="output"/>.</summary>
    public static void Format(string format, FormatArgument[] arguments, Stream output)
    {
        var next = 0;
        FormatArgument Take()
        {
            if (next >= arguments.Length)
                throw new VisaException(StatusCode.ErrorInvalidFormat, $"The format \"{format}\" needs more arguments than were passed.", "viPrintf");
            return arguments[next++];
        }
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                output.WriteByte((byte)c);
                continue;
            }
            if (i < format.Length && format[i] == '%')
            {
                output.WriteByte((byte)'%');
                i++;
                continue;
            }
            var spec = FormatSpec.Parse(format, ref i, forRead: false);
            var arrayCount = spec.ArrayCountFromArgument ? (int)Take().Integer : spec.ArrayCount;
            if (spec.WidthFromArgument)
            {
                spec.Width = (int)Take().Integer;
                if (spec.Width < 0)
                {
                    spec.LeftAlign = true;
                    spec.Width = -spec.Width;
                }
            }
            if (spec.PrecisionFromArgument)
                spec.Precision = Math.Max(-1, (int)Take().Integer);
            switch (spec.Conversion)
            {
                case 'b' or 'B' or 'y':
                    {
                        var count = spec.Hash ? (int)Take().Integer : spec.Width;
                        if (count < 0)
                            throw new VisaException(StatusCode.ErrorInvalidFormat, $"%{spec.Conversion} in \"{format}\" needs an element count: %#{spec.Conversion} with the count as an argument, or %N{spec.Conversion}.", "viPrintf");
                        WriteBlock(spec, (byte*)Take().Pointer, count, output);
                        break;
                    }
                case 's':
                    WriteText(Pad(spec, CText.ReadOptional((byte*)Take().Pointer) ?? "(null)", spec.Precision), output);
                    break;
                default:
                    if (spec.IsArray)
                    {
                        if (arrayCount < 0)
                            throw new VisaException(StatusCode.ErrorInvalidFormat, $"The array conversion in \"{format}\" needs a count: %,N{spec.Conversion} or %,#{spec.Conversion}.", "viPrintf");
                        var array = (byte*)Take().Pointer;
                        for (var k = 0; k < arrayCount; k++)
                        {
                            if (k > 0)
                                output.WriteByte((byte)',');
                            WriteText(FormatScalar(spec, ArrayElement(spec, array, k)), output);
                        }
                    }
                    else
                    {
                        WriteText(FormatScalar(spec, Take()), output);
                    }
                    break;
            }
        }
    }

    private static FormatArgument ArrayElement(FormatSpec spec, byte* array, int index)
    {
        if (array is null)
            throw new VisaException(StatusCode.ErrorUserBuffer, "An array argument is a null pointer.", "viPrintf");
        if (spec.Conversion is 'f' or 'e' or 'E' or 'g' or 'G' or 'a' or 'A')
            return new FormatArgument { Real = spec.Long == 1 || spec.RealDouble ? ((double*)array)[index] : ((float*)array)[index] };
        return new FormatArgument { Integer = spec.Long >= 2 ? ((long*)array)[index] : spec.Short ? ((short*)array)[index] : ((int*)array)[index] };
    }

    private static string FormatScalar(FormatSpec spec, FormatArgument argument)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (spec.Conversion)
        {
            case 'd' or 'i':
                {
                    var value = spec.Long >= 2 ? argument.Integer : spec.Short ? (short)argument.Integer : (int)argument.Integer;
                    var digits = Math.Abs((decimal)value).ToString(inv);
                    return Number(spec, value < 0 ? "-" : spec.Plus ? "+" : spec.Space ? " " : "", PrecisionDigits(spec, digits));
                }
            case 'u' or 'o' or 'x' or 'X':
                {
                    var value = spec.Long >= 2 ? (ulong)argument.Integer : spec.Short ? (ushort)argument.Integer : (uint)argument.Integer;
                    var digits = spec.Conversion switch
                    {
                        'u' => value.ToString(inv),
                        'o' => Convert.ToString((long)value, 8),
                        'x' => value.ToString("x", inv),
                        _ => value.ToString("X", inv),
                    };
                    var prefix = spec.Hash && value != 0 ? spec.Conversion switch { 'x' => "0x", 'X' => "0X", 'o' => "0", _ => "" } : "";
                    return Number(spec, prefix, PrecisionDigits(spec, digits));
                }
            case 'c':
                return Pad(spec, ((char)(byte)argument.Integer).ToString(), -1);
            default:
                {
                    var value = argument.Real;
                    var sign = double.IsNegative(value) ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
                    return Number(spec, sign, Real(spec, Math.Abs(value)));
                }
        }
    }

    private static string PrecisionDigits(FormatSpec spec, string digits) =>
        spec.Precision > digits.Length ? new string('0', spec.Precision - digits.Length) + digits : digits;

    private static string Real(FormatSpec spec, double value)
    {
        var inv = CultureInfo.InvariantCulture;
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return "inf";
        var precision = spec.Precision < 0 ? 6 : spec.Precision;
        switch (spec.Conversion)
        {
            case 'f':
                return value.ToString("F" + precision.ToString(inv), inv);
            case 'e' or 'E':
                return Exponent(value, precision, spec.Conversion == 'E');
            case 'a' or 'A':
                return value.ToString("R", inv);
            default:
                {
                    var p = precision == 0 ? 1 : precision;
                    var exponent = value == 0 ? 0 : (int)Math.Floor(Math.Log10(value));
                    // Rounding may carry into the next power of ten; %e decides the exponent as C does.
                    var asExponent = Exponent(value, p - 1, false);
                    exponent = int.Parse(asExponent[(asExponent.IndexOf('e', StringComparison.Ordinal) + 1)..], inv);
                    string text;
                    if (exponent < p && exponent >= -4)
                        text = value.ToString("F" + (p - 1 - exponent).ToString(inv), inv);
                    else
                        text = Exponent(value, p - 1, spec.Conversion == 'G');
                    if (!spec.Hash)
                        text = TrimZeros(text);
                    return text;
                }
        }
    }

    private static string Exponent(double value, int precision, bool upper)
    {
        var text = value.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "e+00", CultureInfo.InvariantCulture);
        return upper ? text.ToUpperInvariant() : text;
    }

    private static string TrimZeros(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        var tail = e < 0 ? "" : text[e..];
        if (mantissa.Contains('.', StringComparison.Ordinal))
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        return mantissa + tail;
    }

    private static string Number(FormatSpec spec, string prefix, string digits)
    {
        var length = prefix.Length + digits.Length;
        if (spec.Width <= length)
            return prefix + digits;
        if (spec.LeftAlign)
            return prefix + digits + new string(' ', spec.Width - length);
        if (spec.Zero && spec.Precision < 0)
            return prefix + new string('0', spec.Width - length) + digits;
        return new string(' ', spec.Width - length) + prefix + digits;
    }

    private static string Pad(FormatSpec spec, string text, int precision)
    {
        if (precision >= 0 && text.Length > precision)
            text = text[..precision];
        if (spec.Width <= text.Length)
            return text;
        return spec.LeftAlign ? text + new string(' ', spec.Width - text.Length) : new string(' ', spec.Width - text.Length) + text;
    }

    private static void WriteText(string text, Stream output)
    {
        Span<byte> bytes = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        Encoding.Latin1.GetBytes(text, bytes);
        output.Write(bytes);
    }

    private static void WriteBlock(FormatSpec spec, byte* data, int count, Stream output)
    {
        if (data is null && count > 0)
            throw new VisaException(StatusCode.ErrorUserBuffer, "The block's data is a null pointer.", "viPrintf");
        var size = spec.BlockElementSize;
        var length = checked(count * size);
        if (spec.Conversion == 'b')
        {
            var digits = length.ToString(CultureInfo.InvariantCulture);
            WriteText($"#{digits.Length}{digits}", output);
        }
        else if (spec.Conversion == 'B')
        {
            WriteText("#0", output);
        }
        var swap = size > 1 && spec.LittleEndian != BitConverter.IsLittleEndian;
        if (!swap)
        {
            output.Write(new ReadOnlySpan<byte>(data, length));
            return;
        }
        Span<byte> element = stackalloc byte[8];
        for (var k = 0; k < count; k++)
        {
            new ReadOnlySpan<byte>(data + k * size, size).CopyTo(element);
            element[..size].Reverse();
            output.Write(element[..size]);
        }
    }
}
