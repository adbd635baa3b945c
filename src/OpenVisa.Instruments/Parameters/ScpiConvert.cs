using System.Globalization;

namespace OpenVisa.Instruments;

/// <summary>
/// The default text conversions of parameter values: numbers in SCPI forms (<c>+1.234E+03</c>, <c>NAN</c>, <c>#H2A</c>),
/// booleans as 1/0 (read as ON/OFF/TRUE/FALSE/1/0), enums by member name, strings without their quotes, and
/// comma-separated arrays.
/// </summary>
internal static class ScpiConvert
{
    public static bool CanConvert(Type type)
    {
        if (type.IsArray)
            return type.GetArrayRank() == 1 && IsScalar(type.GetElementType()!);
        return IsScalar(type) || type.IsEnum || type == typeof(string);
    }

    public static T Parse<T>(string reply)
    {
        var type = typeof(T);
        var text = reply.Trim();
        if (type == typeof(string))
            return (T)(object)Unquote(text);
        if (type.IsEnum)
            return (T)ParseEnum(type, Unquote(text));
        if (type.IsArray)
            return (T)ParseArray(type.GetElementType()!, text);
        if (!IsScalar(type))
            throw new InvalidOperationException($"There is no default conversion from text to {type.Name}; give the parameter a GetParser.");
        var values = ParseList<T>(text);
        if (values.Length != 1)
            throw new FormatException($"expected one value but the reply has {values.Length}");
        return values[0];
    }

    public static string Format<T>(T value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "1" : "0",
        Enum e => e.ToString(),
        double d => AsciiValues.Format<double>([d]),
        float f => AsciiValues.Format<float>([f]),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f when typeof(T).IsPrimitive => f.ToString(null, CultureInfo.InvariantCulture),
        double[] a => AsciiValues.Format<double>(a),
        float[] a => AsciiValues.Format<float>(a),
        int[] a => AsciiValues.Format<int>(a),
        long[] a => AsciiValues.Format<long>(a),
        bool[] a => AsciiValues.Format<bool>(a),
        string[] a => string.Join(",", a),
        _ => throw new InvalidOperationException($"There is no default conversion from {typeof(T).Name} to text; give the parameter a SetFormatter."),
    };

    public static string Unquote(string text) => ScpiString.Unquote(text);

    private static bool IsScalar(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(int) || type == typeof(long) || type == typeof(short)
        || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong)
        || type == typeof(bool);

    private static T[] ParseList<T>(string text)
    {
        try
        {
            return AsciiValues.Parse<T>(text);
        }
        catch (AsciiValueFormatException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static object ParseEnum(Type type, string text)
    {
        if (Enum.TryParse(type, text, ignoreCase: true, out var parsed) && (Enum.IsDefined(type, parsed!) || !long.TryParse(text, out _)))
            return parsed!;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined(type, Enum.ToObject(type, number)))
            return Enum.ToObject(type, number);
        throw new FormatException($"'{text}' is not a {type.Name}; expected one of {string.Join(", ", Enum.GetNames(type))}");
    }

    private static object ParseArray(Type element, string text)
    {
        if (text.Length == 0)
            return Array.CreateInstance(element, 0);
        if (element == typeof(double))
            return ParseList<double>(text);
        if (element == typeof(float))
            return ParseList<float>(text);
        if (element == typeof(int))
            return ParseList<int>(text);
        if (element == typeof(long))
            return ParseList<long>(text);
        if (element == typeof(bool))
            return ParseList<bool>(text);
        if (element == typeof(string))
            return text.Split(',').Select(s => Unquote(s.Trim())).ToArray();
        throw new InvalidOperationException($"There is no default conversion from text to {element.Name}[]; give the parameter a GetParser.");
    }
}
