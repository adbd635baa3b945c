using System.Buffers;

namespace OpenVisa;

public static partial class AsciiValues
{
    /// <summary>Characters formatted on the stack before a pooled buffer is needed.</summary>
    private const int StackChars = 512;

    /// <summary>
    /// Writes <paramref name="values"/> as text joined by <paramref name="separator"/>, in the invariant culture.
    /// Without <paramref name="format"/>, reals use the shortest text that reads back to the same value (like "R"),
    /// integers plain decimal, booleans 1/0 and strings their text. <paramref name="format"/> is a .NET numeric format
    /// string applied to each number (e.g. <c>"F3"</c>, <c>"E6"</c>). NaN and infinities are always written as the
    /// SCPI mnemonics <c>NAN</c>, <c>INF</c> and <c>-INF</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a supported type.</exception>
    /// <exception cref="FormatException"><paramref name="format"/> is not a valid format for <typeparamref name="T"/>.</exception>
    public static string Format<T>(ReadOnlySpan<T> values, string separator = ",", string? format = null) =>
        FormatCore(values, AsciiConverter.Default, format, separator);

    /// <summary>
    /// Writes <paramref name="values"/> as text joined by <paramref name="separator"/>, each value formatted as
    /// <paramref name="converter"/> says (PyVISA's <c>write_ascii_values</c> converters: <c>f</c> gives
    /// <c>1.000000</c>, <c>e</c> gives <c>1.000000e+00</c>, <c>x</c> gives <c>ff</c> …).
    /// </summary>
    /// <exception cref="ArgumentException">The type is not supported, the converter does not apply to it, or a NaN/infinity meets <see cref="AsciiConverter.Integer"/>.</exception>
    public static string Format<T>(ReadOnlySpan<T> values, AsciiConverter converter, string separator = ",") =>
        FormatCore(values, converter, null, separator);

    /// <summary>
    /// Like <see cref="Format{T}(ReadOnlySpan{T}, string, string?)"/>, into <paramref name="destination"/> without
    /// allocating; false (with <paramref name="charsWritten"/> 0) when it does not fit.
    /// </summary>
    public static bool TryFormat<T>(ReadOnlySpan<T> values, Span<char> destination, out int charsWritten, string separator = ",", string? format = null)
    {
        AsciiValueTypes.Validate<T>(AsciiConverter.Default, reading: false);
        return TryFormatCore(values, destination, out charsWritten, AsciiConverter.Default, format, separator);
    }

    /// <summary>
    /// Like <see cref="Format{T}(ReadOnlySpan{T}, AsciiConverter, string)"/>, into <paramref name="destination"/>
    /// without allocating; false (with <paramref name="charsWritten"/> 0) when it does not fit.
    /// </summary>
    public static bool TryFormat<T>(ReadOnlySpan<T> values, Span<char> destination, out int charsWritten, AsciiConverter converter, string separator = ",")
    {
        AsciiValueTypes.Validate<T>(converter, reading: false);
        return TryFormatCore(values, destination, out charsWritten, converter, null, separator);
    }

    private static string FormatCore<T>(ReadOnlySpan<T> values, AsciiConverter converter, string? format, string separator)
    {
        AsciiValueTypes.Validate<T>(converter, reading: false);
        ArgumentNullException.ThrowIfNull(separator);
        // A first guess that fits shortest-form doubles; the loop doubles the buffer when a format writes more.
        var guess = (int)Math.Min((long)values.Length * (24 + separator.Length), 1 << 20);
        char[]? rented = guess > StackChars ? ArrayPool<char>.Shared.Rent(guess) : null;
        Span<char> buffer = rented ?? stackalloc char[StackChars];
        try
        {
            while (true)
            {
                if (TryFormatCore(values, buffer, out var written, converter, format, separator))
                {
                    return new string(buffer[..written]);
                }
                var larger = checked(buffer.Length * 2);
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                    rented = null;
                }
                rented = ArrayPool<char>.Shared.Rent(larger);
                buffer = rented;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool TryFormatCore<T>(ReadOnlySpan<T> values, Span<char> destination, out int charsWritten,
        AsciiConverter converter, string? format, string separator)
    {
        ArgumentNullException.ThrowIfNull(separator);
        charsWritten = 0;
        var position = 0;
        for (var index = 0; index < values.Length; index++)
        {
            if (index > 0)
            {
                if (!separator.TryCopyTo(destination[position..]))
                {
                    return false;
                }
                position += separator.Length;
            }
            if (!AsciiValueWriter.TryWrite(values[index], destination[position..], out var written, converter, format, index))
            {
                return false;
            }
            position += written;
        }
        charsWritten = position;
        return true;
    }
}
