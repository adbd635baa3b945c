namespace OpenVisa;

/// <summary>
/// Reads and writes lists of values as text, the way instruments exchange them (<c>1.5,2.25,-3E-2</c>): PyVISA's
/// <c>read_ascii_values</c> / <c>write_ascii_values</c> codec, always in the invariant culture.
/// </summary>
/// <remarks>
/// <para>Reading rules: the text is split at every <c>separator</c>; each item is trimmed of surrounding whitespace
/// (so a trailing newline does no harm); one trailing empty item is dropped, so <c>1,2,3,</c> gives three values and
/// empty text gives none. Any other empty item is an error, except for <see cref="string"/> values.</para>
/// <para>Value types: <see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="ushort"/>,
/// <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="float"/>,
/// <see cref="double"/>, <see cref="bool"/> and <see cref="string"/>. With <see cref="AsciiConverter.Default"/>
/// reals accept every SCPI form (<c>+1.234E+03</c>, <c>9.9E37</c> kept as the value it is, <c>NAN</c>, <c>INF</c>,
/// <c>-INF</c>, <c>NINF</c>, and <c>#H</c>/<c>#Q</c>/<c>#B</c> integers); integers accept decimal, the SCPI
/// <c>#H</c>/<c>#Q</c>/<c>#B</c> prefixes, and real text with a whole value (<c>+1.00E+02</c>); booleans accept
/// ON/OFF/TRUE/FALSE/1/0 in any case; strings are the trimmed item text.</para>
/// <para>A bad item throws <see cref="AsciiValueFormatException"/> (a <see cref="FormatException"/>) naming the
/// item, its zero-based index and the type. A type or converter that does not apply throws
/// <see cref="ArgumentException"/> before anything is read.</para>
/// </remarks>
public static partial class AsciiValues
{
    /// <summary>Reads every item of <paramref name="text"/> as <typeparamref name="T"/> with the default syntax for that type.</summary>
    /// <param name="text">The response text, e.g. <c>+1.0E+00,+2.5E+00\n</c>.</param>
    /// <param name="separator">The character between items.</param>
    /// <exception cref="AsciiValueFormatException">An item cannot be read as <typeparamref name="T"/>.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a supported type.</exception>
    public static T[] Parse<T>(ReadOnlySpan<char> text, char separator = ',') =>
        Parse<T>(text, AsciiConverter.Default, separator);

    /// <summary>Reads every item of <paramref name="text"/> as <typeparamref name="T"/> with <paramref name="converter"/>'s syntax.</summary>
    /// <param name="text">The response text.</param>
    /// <param name="converter">The syntax of each item (PyVISA's converter code).</param>
    /// <param name="separator">The character between items.</param>
    /// <exception cref="AsciiValueFormatException">An item cannot be read as <typeparamref name="T"/>.</exception>
    /// <exception cref="ArgumentException">The type is not supported, or the converter does not apply to it.</exception>
    public static T[] Parse<T>(ReadOnlySpan<char> text, AsciiConverter converter, char separator = ',')
    {
        AsciiValueTypes.Validate<T>(converter, reading: true);
        var values = new T[Count(text, separator)];
        ParseCore(text, values, converter, separator);
        return values;
    }

    /// <summary>
    /// Reads the items of <paramref name="text"/> into <paramref name="destination"/> without allocating (except for
    /// <see cref="string"/> values) and returns how many were written. <see cref="Count"/> says how many there are.
    /// </summary>
    /// <param name="text">The response text.</param>
    /// <param name="destination">Receives the values; must hold <see cref="Count"/> items.</param>
    /// <param name="converter">The syntax of each item.</param>
    /// <param name="separator">The character between items.</param>
    /// <exception cref="AsciiValueFormatException">An item cannot be read as <typeparamref name="T"/>.</exception>
    /// <exception cref="ArgumentException">Unsupported type or converter, or <paramref name="destination"/> is too short.</exception>
    public static int Parse<T>(ReadOnlySpan<char> text, Span<T> destination, AsciiConverter converter = AsciiConverter.Default, char separator = ',')
    {
        AsciiValueTypes.Validate<T>(converter, reading: true);
        var count = Count(text, separator);
        if (destination.Length < count)
        {
            throw new ArgumentException(
                $"The text holds {count} values, but the destination has room for {destination.Length}.", nameof(destination));
        }
        ParseCore(text, destination[..count], converter, separator);
        return count;
    }

    /// <summary>The number of items <see cref="Parse{T}(ReadOnlySpan{char}, char)"/> would return (one trailing empty item is not counted).</summary>
    public static int Count(ReadOnlySpan<char> text, char separator = ',')
    {
        var count = text.Count(separator) + 1;
        var last = text[(text.LastIndexOf(separator) + 1)..];
        return last.IsWhiteSpace() ? count - 1 : count;
    }

    private static void ParseCore<T>(ReadOnlySpan<char> text, Span<T> destination, AsciiConverter converter, char separator)
    {
        var rest = text;
        for (var index = 0; index < destination.Length; index++)
        {
            var end = rest.IndexOf(separator);
            var item = (end < 0 ? rest : rest[..end]).Trim();
            rest = end < 0 ? default : rest[(end + 1)..];

            var error = AsciiItemParser.TryParse(item, converter, out destination[index]);
            if (error != AsciiItemError.None)
            {
                throw ItemError<T>(error, index, item, converter);
            }
        }
    }

    private static AsciiValueFormatException ItemError<T>(AsciiItemError error, int index, ReadOnlySpan<char> item, AsciiConverter converter)
    {
        var quoted = PrintableBytes.Quote(item);
        var type = typeof(T).Name;
        var message = error switch
        {
            AsciiItemError.Empty =>
                $"Item {index} of the ASCII values is empty (two separators in a row?); expected {AsciiValueTypes.Expected<T>(converter)}.",
            AsciiItemError.OutOfRange =>
                $"Item {index} {quoted} of the ASCII values is outside the range of {type} ({AsciiValueTypes.Range<T>()}).",
            AsciiItemError.NotWhole =>
                $"Item {index} {quoted} of the ASCII values is not a whole number, so it cannot be read as {type}; read it as double instead.",
            _ =>
                $"Item {index} {quoted} of the ASCII values cannot be read as {type}: expected {AsciiValueTypes.Expected<T>(converter)}.",
        };
        return new AsciiValueFormatException(message, index, item.ToString(), typeof(T));
    }
}
