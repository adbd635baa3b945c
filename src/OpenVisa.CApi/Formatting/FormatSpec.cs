namespace OpenVisa.CApi.Formatting;

/// <summary>
/// One VISA format conversion, e.g. <c>%-8.3f</c>, <c>%,10d</c>, <c>%#b</c>, <c>%!ol2b</c> or <c>%[^,]</c>, parsed the
/// same way formatted_io.c walks it, so both agree on which arguments it takes.
/// </summary>
internal sealed class FormatSpec
{
    public bool LeftAlign, Plus, Space, Zero, Hash, Suppress, LittleEndian;
    public bool IsArray, ArrayCountFromArgument, WidthFromArgument, PrecisionFromArgument;
    public int ArrayCount = -1, Width = -1, Precision = -1;

    /// <summary>Count of <c>l</c>; <c>L</c> is 9; <c>h</c>, <c>z</c> and <c>Z</c> are in <see cref="Short"/>, <see cref="RealSingle"/>, <see cref="RealDouble"/>.</summary>
    public int Long;

    public bool Short, RealSingle, RealDouble;
    public char Conversion;
    public string Set = "";
    public bool SetNegated;

    /// <summary>Parses the conversion after a <c>%</c> at <paramref name="position"/>; moves past it.</summary>
    /// <exception cref="VisaException">VI_ERROR_INV_FMT for a malformed or unknown conversion.</exception>
    public static FormatSpec Parse(string format, ref int position, bool forRead)
    {
        var spec = new FormatSpec();
        var f = format;
        var i = position;
        char At(int k) => k < f.Length ? f[k] : '\0';
        if (forRead && At(i) == '*')
        {
            spec.Suppress = true;
            i++;
        }
        while (true)
        {
            var c = At(i);
            if (!forRead && c is '-' or '+' or ' ' or '0')
            {
                spec.LeftAlign |= c == '-';
                spec.Plus |= c == '+';
                spec.Space |= c == ' ';
                spec.Zero |= c == '0';
                i++;
            }
            else if (c == '#')
            {
                spec.Hash = true;
                i++;
            }
            else if (c == '!' && At(i + 1) == 'o' && At(i + 2) is 'l' or 'b' or 'f')
            {
                spec.LittleEndian = At(i + 2) == 'l';
                i += 3;
            }
            else if (c == ',')
            {
                spec.IsArray = true;
                i++;
                if (At(i) is '#' or '*')
                {
                    spec.ArrayCountFromArgument = true;
                    i++;
                }
                else
                {
                    spec.ArrayCount = Digits(f, ref i);
                }
            }
            else
            {
                break;
            }
        }
        if (!forRead && At(i) == '*')
        {
            spec.WidthFromArgument = true;
            i++;
        }
        else
        {
            spec.Width = Digits(f, ref i);
        }
        if (At(i) == '.')
        {
            i++;
            if (!forRead && At(i) == '*')
            {
                spec.PrecisionFromArgument = true;
                i++;
            }
            else
            {
                spec.Precision = Math.Max(0, Digits(f, ref i));
            }
        }
        while (At(i) is 'h' or 'l' or 'L' or 'z' or 'Z')
        {
            switch (At(i))
            {
                case 'h': spec.Short = true; break;
                case 'l': spec.Long++; break;
                case 'L': spec.Long = 9; break;
                case 'z': spec.RealSingle = true; break;
                case 'Z': spec.RealDouble = true; break;
            }
            i++;
        }
        spec.Conversion = At(i);
        if (spec.Conversion == '\0')
            throw new VisaException(StatusCode.ErrorInvalidFormat, $"The format \"{format}\" ends inside a conversion.", forRead ? "viScanf" : "viPrintf");
        if (forRead && spec.Conversion == '[')
        {
            i++;
            if (At(i) == '^')
            {
                spec.SetNegated = true;
                i++;
            }
            var start = i;
            if (At(i) == ']')
                i++;
            while (At(i) is not ']' and not '\0')
                i++;
            if (At(i) != ']')
                throw new VisaException(StatusCode.ErrorInvalidFormat, $"The format \"{format}\" has a %[ set without its closing ].", "viScanf");
            spec.Set = f[start..i];
        }
        const string writeConversions = "diouxXcfeEgGaAbBys";
        const string readConversions = "diouxXcfeEgGaAbBystT[n";
        if (!(forRead ? readConversions : writeConversions).Contains(spec.Conversion, StringComparison.Ordinal))
            throw new VisaException(StatusCode.ErrorNonsupportedFormat, $"%{spec.Conversion} in \"{format}\" is not a conversion {(forRead ? "viScanf" : "viPrintf")} supports.", forRead ? "viScanf" : "viPrintf");
        position = i + 1;
        return spec;
    }

    /// <summary>The element size of a binary block conversion: 1 byte, or h 2, l 4, ll 8, z 4 (float), Z 8 (double).</summary>
    public int BlockElementSize =>
        RealDouble ? 8 : RealSingle ? 4 : Long >= 2 ? 8 : Long == 1 ? 4 : Short ? 2 : 1;

    private static int Digits(string f, ref int i)
    {
        var start = i;
        while (i < f.Length && char.IsAsciiDigit(f[i]))
            i++;
        return i == start ? -1 : int.Parse(f.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
    }
}
