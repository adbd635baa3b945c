using System.Globalization;
using System.Text;

namespace OpenVisa.CApi.Formatting;

/// <summary>
/// The <c>viScanf</c> side of VISA formatted I/O: C's conversions (<c>%d %i %u %o %x %c %s %f %e %g %[set]</c>,
/// <c>%*d</c> to skip; <c>%f</c> stores a float, <c>%lf</c> a double; <c>%ld</c> a ViInt32, <c>%lld</c> 64 bits,
/// <c>%hd</c> 16), VISA's <c>%t</c> and <c>%T</c> (the rest of the message), arrays (<c>%,10d</c>, <c>%,#f</c> with
/// the count pointer in/out), and IEEE 488.2 blocks (<c>%b</c>, definite or indefinite, into an array whose capacity
/// is <c>%#b</c>'s count pointer or <c>%Nb</c>; element size by <c>h l ll z Z</c>; big-endian unless <c>!ol</c>).
/// </summary>
internal static unsafe class FormatReader
{
    /// <summary>Parses input by <paramref name="format"/>, storing through the pointers the C part collected.</summary>
    public static void Scan(string format, FormatArgument[] arguments, ScanInput input)
    {
        var next = 0;
        nint Take()
        {
            if (next >= arguments.Length)
                throw new VisaException(StatusCode.ErrorInvalidFormat, $"The format \"{format}\" needs more arguments than were passed.", "viScanf");
            var pointer = arguments[next++].Pointer;
            return pointer != 0 ? pointer : throw new VisaException(StatusCode.ErrorUserBuffer, $"An argument of \"{format}\" is a null pointer.", "viScanf");
        }
        input.Begin();
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (char.IsWhiteSpace(c))
            {
                input.SkipWhitespace();
                continue;
            }
            if (c != '%' || (i < format.Length && format[i] == '%'))
            {
                if (c == '%')
                    i++;
                if (input.Peek() != c)
                    break;
                input.Next();
                continue;
            }
            var spec = FormatSpec.Parse(format, ref i, forRead: true);
            if (spec.Conversion == 'n')
                continue;
            int* count = null;
            if (!spec.Suppress && (spec.Hash || spec.ArrayCountFromArgument))
                count = (int*)Take();
            var target = spec.Suppress ? 0 : Take();
            if (!ScanOne(spec, input, target, count))
                break;
        }
        input.Finish();
    }

    private static bool ScanOne(FormatSpec spec, ScanInput input, nint target, int* count)
    {
        switch (spec.Conversion)
        {
            case 'b' or 'B' or 'y':
                return ScanBlock(spec, input, (byte*)target, count);
            case 's' or 't' or 'T' or '[' or 'c':
                return ScanText(spec, input, (byte*)target, count);
        }
        if (spec.IsArray)
        {
            var capacity = count is not null ? *count : spec.ArrayCount;
            if (capacity < 0)
                throw new VisaException(StatusCode.ErrorInvalidFormat, $"The array conversion %,{spec.Conversion} needs a count: %,N{spec.Conversion} or %,#{spec.Conversion}.", "viScanf");
            var stored = 0;
            while (stored < capacity)
            {
                if (stored > 0)
                {
                    input.SkipWhitespace();
                    if (input.Peek() != ',')
                        break;
                    input.Next();
                }
                if (!ScanNumber(spec, input, target, stored))
                    break;
                stored++;
            }
            if (count is not null)
                *count = stored;
            return stored > 0;
        }
        return ScanNumber(spec, input, target, 0);
    }

    private static bool ScanNumber(FormatSpec spec, ScanInput input, nint target, int index)
    {
        input.SkipWhitespace();
        var text = new StringBuilder();
        var limit = spec.Width > 0 ? spec.Width : int.MaxValue;
        var real = spec.Conversion is 'f' or 'e' or 'E' or 'g' or 'G' or 'a' or 'A';
        while (text.Length < limit && input.Peek() is var b and >= 0 && IsNumberByte((char)b, real, spec.Conversion, text))
            text.Append((char)input.Next());
        if (text.Length == 0 || text.ToString() is "+" or "-")
            return false;
        if (target == 0)
            return true;
        var inv = CultureInfo.InvariantCulture;
        if (real)
        {
            var value = double.Parse(text.ToString(), NumberStyles.Float, inv);
            if (spec.Long >= 1 || spec.RealDouble)
                ((double*)target)[index] = value;
            else
                ((float*)target)[index] = (float)value;
            return true;
        }
        var digits = text.ToString();
        var negative = digits.StartsWith('-');
        digits = digits.TrimStart('+', '-');
        var radix = spec.Conversion switch { 'x' or 'X' => 16, 'o' => 8, _ => 10 };
        if (spec.Conversion == 'i' && digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (spec.Conversion == 'i' && digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
        }
        else if (radix == 16 && digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        var magnitude = digits.Length == 0 ? 0UL : Convert.ToUInt64(digits, radix);
        var number = negative ? unchecked(-(long)magnitude) : unchecked((long)magnitude);
        if (spec.Long >= 2)
            ((long*)target)[index] = number;
        else if (spec.Short)
            ((short*)target)[index] = unchecked((short)number);
        else
            ((int*)target)[index] = unchecked((int)number);
        return true;
    }

    private static bool IsNumberByte(char c, bool real, char conversion, StringBuilder sofar)
    {
        if ((c is '+' or '-') && (sofar.Length == 0 || (real && sofar[^1] is 'e' or 'E')))
            return true;
        if (char.IsAsciiDigit(c))
            return true;
        if (real)
            return c is '.' or 'e' or 'E' || (sofar.Length < 4 && char.IsAsciiLetter(c) && "infINFnaNAN".Contains(c, StringComparison.Ordinal));
        if (conversion is 'x' or 'X' or 'i')
            return char.IsAsciiHexDigit(c) || ((c is 'x' or 'X') && sofar.ToString().TrimStart('+', '-') == "0");
        return false;
    }

    private static bool ScanText(FormatSpec spec, ScanInput input, byte* target, int* count)
    {
        // The capacity: the # count (in bytes, including the NUL), else the width, else unbounded (as C's %s).
        var capacity = count is not null ? *count : spec.Width > 0 ? spec.Width + (spec.Conversion == 'c' ? 0 : 1) : int.MaxValue;
        var limit = spec.Conversion == 'c' ? Math.Max(1, spec.Width) : capacity - 1;
        if (spec.Conversion == 's')
            input.SkipWhitespace();
        var stored = 0;
        while (stored < limit)
        {
            var b = input.Peek();
            if (b < 0)
                break;
            var keep = spec.Conversion switch
            {
                's' => !char.IsWhiteSpace((char)b),
                '[' => spec.Set.Contains((char)b, StringComparison.Ordinal) != spec.SetNegated,
                _ => true,
            };
            if (!keep)
                break;
            input.Next();
            if (target is not null)
                target[stored] = (byte)b;
            stored++;
        }
        if (target is not null && spec.Conversion != 'c')
            target[stored] = 0;
        if (count is not null)
            *count = stored;
        return stored > 0 || spec.Conversion is 't' or 'T';
    }

    private static bool ScanBlock(FormatSpec spec, ScanInput input, byte* target, int* count)
    {
        var size = spec.BlockElementSize;
        var capacity = count is not null ? *count : spec.Width > 0 ? spec.Width : int.MaxValue;
        var bytes = new List<byte>();
        if (spec.Conversion == 'y')
        {
            while (bytes.Count < (long)capacity * size && input.Peek() >= 0)
                bytes.Add((byte)input.Next());
        }
        else
        {
            input.SkipWhitespace();
            if (input.Next() != '#')
                return false;
            var digitCount = input.Next() - '0';
            if (digitCount is < 0 or > 9)
                throw new VisaException(StatusCode.ErrorInvalidFormat, "The reply is not an IEEE 488.2 block: no length digit after #.", "viScanf");
            if (digitCount == 0)
            {
                while (input.Peek() >= 0)
                    bytes.Add((byte)input.Next());
                if (bytes.Count > 0 && bytes[^1] == '\n')
                    bytes.RemoveAt(bytes.Count - 1);
            }
            else
            {
                var length = 0L;
                for (var k = 0; k < digitCount; k++)
                {
                    var d = input.Next();
                    if (d is < '0' or > '9')
                        throw new VisaException(StatusCode.ErrorInvalidFormat, "The reply is not an IEEE 488.2 block: its length is not digits.", "viScanf");
                    length = length * 10 + (d - '0');
                }
                for (var k = 0L; k < length; k++)
                {
                    var b = input.Next();
                    if (b < 0)
                        throw new VisaException(StatusCode.ErrorInvalidFormat, $"The IEEE 488.2 block ended after {k} of its {length} bytes.", "viScanf");
                    bytes.Add((byte)b);
                }
            }
        }
        var elements = Math.Min(bytes.Count / size, capacity);
        if (target is not null)
        {
            var swap = size > 1 && spec.LittleEndian != BitConverter.IsLittleEndian;
            for (var k = 0; k < elements; k++)
            {
                for (var j = 0; j < size; j++)
                    target[k * size + j] = bytes[k * size + (swap ? size - 1 - j : j)];
            }
        }
        if (count is not null)
            *count = elements;
        return true;
    }
}
