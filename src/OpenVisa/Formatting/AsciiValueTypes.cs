namespace OpenVisa;

/// <summary>Which value types and converters go together for ASCII lists, and how to describe them in messages.</summary>
internal static class AsciiValueTypes
{
    private const string Supported =
        "byte, sbyte, short, ushort, int, uint, long, ulong, float, double, bool and string";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <typeparamref name="T"/> works with <paramref name="converter"/>.
    /// Reading is more permissive than writing: a real type may be read from hex, octal or binary text.
    /// </summary>
    public static void Validate<T>(AsciiConverter converter, bool reading)
    {
        if (!Enum.IsDefined(converter))
        {
            throw new ArgumentOutOfRangeException(nameof(converter), converter, "Unknown ASCII converter.");
        }
        var type = typeof(T);
        var ok = IsInteger(type) ? converter != AsciiConverter.String
            : IsReal(type) ? converter != AsciiConverter.String
                && (reading || converter is not (AsciiConverter.Hexadecimal or AsciiConverter.Octal or AsciiConverter.Binary))
            : type == typeof(bool) ? converter is AsciiConverter.Default or AsciiConverter.Integer
            : type == typeof(string) ? converter is AsciiConverter.Default or AsciiConverter.String
            : throw new ArgumentException($"ASCII values of type {type.Name} are not supported; use one of {Supported}.", "T");
        if (!ok)
        {
            throw new ArgumentException($"The {converter} converter does not apply to values of type {type.Name}.", nameof(converter));
        }
    }

    public static bool IsInteger(Type type) =>
        type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong);

    public static bool IsReal(Type type) => type == typeof(float) || type == typeof(double);

    /// <summary>What a valid item looks like, for error messages.</summary>
    public static string Expected<T>(AsciiConverter converter) =>
        typeof(T) == typeof(bool) ? "ON, OFF, TRUE, FALSE, 1 or 0"
        : converter switch
        {
            AsciiConverter.Hexadecimal => "a hexadecimal integer such as 2A, -ff, 0x2A or #H2A",
            AsciiConverter.Octal => "an octal integer such as 52, 0o52 or #Q52",
            AsciiConverter.Binary => "a binary integer such as 101010, 0b101010 or #B101010",
            AsciiConverter.Integer => "a decimal integer such as 42 or -7",
            AsciiConverter.Default when IsInteger(typeof(T)) => "an integer such as 42, -7, +1.0E+02, #H2A, #Q52 or #B101010",
            AsciiConverter.Default => "a number such as 1.5, -2E-3, +1.234E+03, NAN, INF or #H2A",
            _ => "a number such as 1.5, -2E-3, +1.234E+03, NAN or INF",
        };

    /// <summary>The range of an integer type, e.g. <c>0 to 255</c>.</summary>
    public static string Range<T>() => typeof(T) switch
    {
        var t when t == typeof(byte) => $"{byte.MinValue} to {byte.MaxValue}",
        var t when t == typeof(sbyte) => $"{sbyte.MinValue} to {sbyte.MaxValue}",
        var t when t == typeof(short) => $"{short.MinValue} to {short.MaxValue}",
        var t when t == typeof(ushort) => $"{ushort.MinValue} to {ushort.MaxValue}",
        var t when t == typeof(int) => $"{int.MinValue} to {int.MaxValue}",
        var t when t == typeof(uint) => $"{uint.MinValue} to {uint.MaxValue}",
        var t when t == typeof(long) => $"{long.MinValue} to {long.MaxValue}",
        var t when IsReal(t) => $"integer forms reach at most ±{ulong.MaxValue}",
        _ => $"{ulong.MinValue} to {ulong.MaxValue}",
    };
}
