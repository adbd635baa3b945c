using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OpenVisa;

/// <summary>Why one ASCII item could not be read.</summary>
internal enum AsciiItemError
{
    None,
    Empty,
    Invalid,
    OutOfRange,
    NotWhole,
}

/// <summary>Reads one trimmed ASCII item as a value of the requested type; see <see cref="AsciiConverter"/> for the syntaxes.</summary>
internal static class AsciiItemParser
{
    /// <summary>Parses <paramref name="item"/> (already trimmed) with <paramref name="converter"/>, which has been validated for <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AsciiItemError TryParse<T>(ReadOnlySpan<char> item, AsciiConverter converter, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(string))
        {
            value = (T)(object)item.ToString();
            return AsciiItemError.None;
        }
        if (item.IsEmpty)
        {
            return AsciiItemError.Empty;
        }
        if (typeof(T) == typeof(bool))
        {
            var error = TryParseBool(item, out var flag);
            value = Unsafe.As<bool, T>(ref flag);
            return error;
        }
        if (typeof(T) == typeof(double))
        {
            var error = TryParseReal(item, converter, out var real);
            value = Unsafe.As<double, T>(ref real);
            return error;
        }
        if (typeof(T) == typeof(float))
        {
            var error = TryParseSingle(item, converter, out var real);
            value = Unsafe.As<float, T>(ref real);
            return error;
        }
        if (typeof(T) == typeof(byte)) { return Integer<byte, T>(item, converter, out value); }
        if (typeof(T) == typeof(sbyte)) { return Integer<sbyte, T>(item, converter, out value); }
        if (typeof(T) == typeof(short)) { return Integer<short, T>(item, converter, out value); }
        if (typeof(T) == typeof(ushort)) { return Integer<ushort, T>(item, converter, out value); }
        if (typeof(T) == typeof(int)) { return Integer<int, T>(item, converter, out value); }
        if (typeof(T) == typeof(uint)) { return Integer<uint, T>(item, converter, out value); }
        if (typeof(T) == typeof(long)) { return Integer<long, T>(item, converter, out value); }
        if (typeof(T) == typeof(ulong)) { return Integer<ulong, T>(item, converter, out value); }
        throw new UnreachableException($"{typeof(T).Name} passed validation but has no parser.");
    }

    private static AsciiItemError Integer<TInt, T>(ReadOnlySpan<char> item, AsciiConverter converter, out T value)
        where TInt : IBinaryInteger<TInt>, IMinMaxValue<TInt>
    {
        var error = TryParseInteger(item, converter, out TInt number);
        value = Unsafe.As<TInt, T>(ref number);
        return error;
    }

    private static AsciiItemError TryParseInteger<TInt>(ReadOnlySpan<char> item, AsciiConverter converter, out TInt value)
        where TInt : IBinaryInteger<TInt>, IMinMaxValue<TInt>
    {
        value = TInt.Zero;
        if (converter is AsciiConverter.Fixed or AsciiConverter.Exponential or AsciiConverter.General)
        {
            return TryWholeReal(item, out value);
        }
        var error = TryParseWhole(item, converter, out var whole);
        if (error == AsciiItemError.Invalid && converter == AsciiConverter.Default)
        {
            // Many instruments answer integer queries in real form, e.g. +1.00000000E+00.
            return TryWholeReal(item, out value);
        }
        return error == AsciiItemError.None ? Narrow(whole, out value) : error;
    }

    private static AsciiItemError TryWholeReal<TInt>(ReadOnlySpan<char> item, out TInt value)
        where TInt : IBinaryInteger<TInt>, IMinMaxValue<TInt>
    {
        value = TInt.Zero;
        if (!TryParseRealText(item, out var real))
        {
            return AsciiItemError.Invalid;
        }
        if (!double.IsFinite(real) || real != Math.Truncate(real))
        {
            return AsciiItemError.NotWhole;
        }
        // 1e38 keeps the conversion to Int128 exact-or-rejected; every supported integer type is far smaller.
        return Math.Abs(real) < 1e38 ? Narrow((Int128)real, out value) : AsciiItemError.OutOfRange;
    }

    private static AsciiItemError Narrow<TInt>(Int128 whole, out TInt value)
        where TInt : IBinaryInteger<TInt>, IMinMaxValue<TInt>
    {
        if (whole < Int128.CreateTruncating(TInt.MinValue) || whole > Int128.CreateTruncating(TInt.MaxValue))
        {
            value = TInt.Zero;
            return AsciiItemError.OutOfRange;
        }
        value = TInt.CreateTruncating(whole);
        return AsciiItemError.None;
    }

    private static AsciiItemError TryParseReal(ReadOnlySpan<char> item, AsciiConverter converter, out double value)
    {
        value = 0;
        if (UsesIntegerSyntax(item, converter))
        {
            var error = TryParseWhole(item, converter, out var whole);
            value = (double)whole;
            return error;
        }
        return TryParseRealText(item, out value) ? AsciiItemError.None : AsciiItemError.Invalid;
    }

    private static AsciiItemError TryParseSingle(ReadOnlySpan<char> item, AsciiConverter converter, out float value)
    {
        value = 0;
        if (UsesIntegerSyntax(item, converter))
        {
            var error = TryParseWhole(item, converter, out var whole);
            value = (float)whole;
            return error;
        }
        if (TryParseSpecial(item, out var special))
        {
            value = (float)special;
            return AsciiItemError.None;
        }
        // Parsed directly as float: going through double could round twice.
        return float.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            ? AsciiItemError.None : AsciiItemError.Invalid;
    }

    private static bool UsesIntegerSyntax(ReadOnlySpan<char> item, AsciiConverter converter) => converter switch
    {
        AsciiConverter.Integer or AsciiConverter.Hexadecimal or AsciiConverter.Octal or AsciiConverter.Binary => true,
        AsciiConverter.Default => item[0] == '#',
        _ => false,
    };

    private static AsciiItemError TryParseBool(ReadOnlySpan<char> item, out bool value)
    {
        value = false;
        if (item.Equals("ON", StringComparison.OrdinalIgnoreCase) || item.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return AsciiItemError.None;
        }
        if (item.Equals("OFF", StringComparison.OrdinalIgnoreCase) || item.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return AsciiItemError.None;
        }
        if (TryParseRealText(item, out var number) && number is 0 or 1)
        {
            value = number == 1;
            return AsciiItemError.None;
        }
        return AsciiItemError.Invalid;
    }

    /// <summary>A real number in any SCPI or .NET invariant form, including the NAN/INF/NINF mnemonics.</summary>
    private static bool TryParseRealText(ReadOnlySpan<char> item, out double value) =>
        TryParseSpecial(item, out value)
        || double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryParseSpecial(ReadOnlySpan<char> item, out double value)
    {
        value = item switch
        {
            _ when Is(item, "NAN") || Is(item, "+NAN") || Is(item, "-NAN") => double.NaN,
            _ when Is(item, "INF") || Is(item, "+INF") || Is(item, "INFINITY") || Is(item, "+INFINITY") => double.PositiveInfinity,
            _ when Is(item, "-INF") || Is(item, "NINF") || Is(item, "-INFINITY") || Is(item, "NINFINITY") => double.NegativeInfinity,
            _ => 0,
        };
        return value != 0;

        static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// An integer in the syntax the converter names. <see cref="AsciiConverter.Default"/>: optionally signed decimal,
    /// or unsigned with a SCPI <c>#H</c>/<c>#Q</c>/<c>#B</c> prefix. Hex/octal/binary: optionally signed digits of that
    /// base with an optional <c>0x</c>/<c>0o</c>/<c>0b</c> or SCPI prefix, as Python's <c>int(text, base)</c> allows.
    /// </summary>
    private static AsciiItemError TryParseWhole(ReadOnlySpan<char> item, AsciiConverter converter, out Int128 value)
    {
        value = 0;
        var radix = converter switch
        {
            AsciiConverter.Hexadecimal => 16,
            AsciiConverter.Octal => 8,
            AsciiConverter.Binary => 2,
            _ => 10,
        };
        var text = item;
        var negative = false;
        if (converter == AsciiConverter.Default && text.Length > 2 && text[0] == '#')
        {
            radix = char.ToUpperInvariant(text[1]) switch { 'H' => 16, 'Q' => 8, 'B' => 2, _ => 0 };
            if (radix == 0)
            {
                return AsciiItemError.Invalid;
            }
            text = text[2..];
        }
        else
        {
            if (text.Length > 0 && text[0] is '+' or '-')
            {
                negative = text[0] == '-';
                text = text[1..];
            }
            if (radix != 10 && text.Length > 2 && (IsPrefix(text, radix, '0') || IsPrefix(text, radix, '#')))
            {
                text = text[2..];
            }
        }
        if (text.IsEmpty)
        {
            return AsciiItemError.Invalid;
        }

        UInt128 magnitude = 0;
        var overflow = false;
        foreach (var c in text)
        {
            var digit = DigitValue(c);
            if (digit < 0 || digit >= radix)
            {
                return AsciiItemError.Invalid;
            }
            // Past 2^64 no supported type can hold it; stop growing but keep validating the characters.
            if (magnitude > ulong.MaxValue)
            {
                overflow = true;
                continue;
            }
            magnitude = (magnitude * (uint)radix) + (uint)digit;
        }
        if (overflow || magnitude > ulong.MaxValue)
        {
            return AsciiItemError.OutOfRange;
        }
        value = negative ? -(Int128)magnitude : (Int128)magnitude;
        return AsciiItemError.None;
    }

    private static bool IsPrefix(ReadOnlySpan<char> text, int radix, char lead)
    {
        var letter = char.ToUpperInvariant(text[1]);
        return text[0] == lead && (lead == '0'
            ? (radix, letter) is (16, 'X') or (8, 'O') or (2, 'B')
            : (radix, letter) is (16, 'H') or (8, 'Q') or (2, 'B'));
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
