using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OpenVisa;

/// <summary>Writes one value as ASCII text; see <see cref="AsciiConverter"/> for what each converter produces.</summary>
internal static class AsciiValueWriter
{
    private const string ExponentialFormat = "0.000000e+00";

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="destination"/>; false when it does not fit. The converter
    /// has been validated for <typeparamref name="T"/>; <paramref name="index"/> only serves error messages.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryWrite<T>(T value, Span<char> destination, out int written, AsciiConverter converter, string? format, int index)
    {
        if (typeof(T) == typeof(string))
        {
            var text = (string?)(object?)value ?? "";
            written = text.Length;
            return text.TryCopyTo(destination);
        }
        if (typeof(T) == typeof(bool))
        {
            written = 1;
            if (destination.IsEmpty)
            {
                return false;
            }
            destination[0] = Unsafe.As<T, bool>(ref value) ? '1' : '0';
            return true;
        }
        if (typeof(T) == typeof(double)) { return Real(Unsafe.As<T, double>(ref value), destination, out written, converter, format, index); }
        if (typeof(T) == typeof(float)) { return Real(Unsafe.As<T, float>(ref value), destination, out written, converter, format, index); }
        if (typeof(T) == typeof(byte)) { return Integer(Unsafe.As<T, byte>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(sbyte)) { return Integer(Unsafe.As<T, sbyte>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(short)) { return Integer(Unsafe.As<T, short>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(ushort)) { return Integer(Unsafe.As<T, ushort>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(int)) { return Integer(Unsafe.As<T, int>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(uint)) { return Integer(Unsafe.As<T, uint>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(long)) { return Integer(Unsafe.As<T, long>(ref value), destination, out written, converter, format); }
        if (typeof(T) == typeof(ulong)) { return Integer(Unsafe.As<T, ulong>(ref value), destination, out written, converter, format); }
        throw new UnreachableException($"{typeof(T).Name} passed validation but has no writer.");
    }

    private static bool Real<TReal>(TReal value, Span<char> destination, out int written, AsciiConverter converter, string? format, int index)
        where TReal : IFloatingPointIeee754<TReal>, ISpanFormattable
    {
        if (!TReal.IsFinite(value))
        {
            if (converter == AsciiConverter.Integer)
            {
                throw new ArgumentException(
                    $"Value {index} ({value.ToString(null, CultureInfo.InvariantCulture)}) has no integer form for the Integer converter.", "values");
            }
            // SCPI's mnemonics, which instruments accept and AsciiValues.Parse reads back.
            var word = TReal.IsNaN(value) ? "NAN" : TReal.IsPositive(value) ? "INF" : "-INF";
            written = word.Length;
            return word.TryCopyTo(destination);
        }
        switch (converter)
        {
            case AsciiConverter.Integer:
                // %d truncates toward zero; F0 of a whole value prints its exact digits. Zero drops a '-' sign.
                var whole = TReal.Truncate(value);
                return TReal.IsZero(whole)
                    ? Copy("0", destination, out written)
                    : whole.TryFormat(destination, out written, "F0", CultureInfo.InvariantCulture);
            case AsciiConverter.General:
                return General(value, destination, out written);
            default:
                // Default: the shortest text that reads back to the same value (or the caller's .NET format).
                return value.TryFormat(destination, out written, Pick(converter, format), CultureInfo.InvariantCulture);
        }
    }

    private static bool Integer<TInt>(TInt value, Span<char> destination, out int written, AsciiConverter converter, string? format)
        where TInt : IBinaryInteger<TInt>, ISpanFormattable
    {
        switch (converter)
        {
            case AsciiConverter.Hexadecimal:
                return Radix(Int128.CreateTruncating(value), 16, destination, out written);
            case AsciiConverter.Octal:
                return Radix(Int128.CreateTruncating(value), 8, destination, out written);
            case AsciiConverter.Binary:
                return Radix(Int128.CreateTruncating(value), 2, destination, out written);
            case AsciiConverter.General:
                return General(value, destination, out written);
            default:
                return value.TryFormat(destination, out written, Pick(converter, format), CultureInfo.InvariantCulture);
        }
    }

    private static string? Pick(AsciiConverter converter, string? format) => converter switch
    {
        AsciiConverter.Integer => "D",
        AsciiConverter.Fixed => "F6",
        AsciiConverter.Exponential => ExponentialFormat,
        _ => format,
    };

    /// <summary>Like <c>%g</c>: six significant digits, lower-case exponent only when needed.</summary>
    private static bool General<TNumber>(TNumber value, Span<char> destination, out int written) where TNumber : ISpanFormattable
    {
        if (!value.TryFormat(destination, out written, "G6", CultureInfo.InvariantCulture))
        {
            return false;
        }
        destination[..written].Replace('E', 'e');
        return true;
    }

    /// <summary>Sign and magnitude in base 2, 8 or 16 (lower-case), as Python's <c>%x</c>/<c>%o</c> and <c>format(v, "b")</c> write negatives.</summary>
    private static bool Radix(Int128 value, int radix, Span<char> destination, out int written)
    {
        var negative = value < 0;
        var magnitude = negative ? (UInt128)(-value) : (UInt128)value;
        var digits = 1;
        for (var rest = magnitude / (uint)radix; rest != 0; rest /= (uint)radix)
        {
            digits++;
        }
        written = digits + (negative ? 1 : 0);
        if (destination.Length < written)
        {
            return false;
        }
        if (negative)
        {
            destination[0] = '-';
        }
        for (var i = written - 1; i >= written - digits; i--)
        {
            destination[i] = "0123456789abcdef"[(int)(magnitude % (uint)radix)];
            magnitude /= (uint)radix;
        }
        return true;
    }

    private static bool Copy(string text, Span<char> destination, out int written)
    {
        written = text.Length;
        return text.TryCopyTo(destination);
    }
}
