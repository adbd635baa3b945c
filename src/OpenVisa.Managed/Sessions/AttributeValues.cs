using System.Globalization;

namespace OpenVisa.Managed.Sessions;

/// <summary>
/// Converts the <see cref="object"/> values of <c>SetAttribute</c> to an attribute's VISA type, accepting any
/// integer type (and <see cref="char"/> for characters) so callers need not match the exact CLR type.
/// A value out of range is <see cref="StatusCode.ErrorNonsupportedAttributeState"/>, quoting the value.
/// </summary>
internal static class AttributeValues
{
    public static bool ToBoolean(VisaAttribute attribute, object value, string resourceName) => value switch
    {
        bool b => b,
        _ when TryInteger(value, out var n) && n is 0 or 1 => n == 1,
        _ => throw BadValue(attribute, value, "true or false", resourceName),
    };

    public static byte ToByte(VisaAttribute attribute, object value, string resourceName) =>
        TryInteger(value, out var n) && n is >= 0 and <= byte.MaxValue
            ? (byte)n
            : throw BadValue(attribute, value, "a byte value from 0 to 255 (a char such as '\\n' works too)", resourceName);

    public static ushort ToUInt16(VisaAttribute attribute, object value, string resourceName) =>
        TryInteger(value, out var n) && n is >= 0 and <= ushort.MaxValue
            ? (ushort)n
            : throw BadValue(attribute, value, "a number from 0 to 65535", resourceName);

    public static uint ToUInt32(VisaAttribute attribute, object value, string resourceName) =>
        TryInteger(value, out var n) && n is >= 0 and <= uint.MaxValue
            ? (uint)n
            : throw BadValue(attribute, value, "a number from 0 to 4294967295", resourceName);

    /// <summary>The exception for a value the attribute does not accept.</summary>
    public static VisaException BadValue(VisaAttribute attribute, object? value, string expected, string resourceName) =>
        new(StatusCode.ErrorNonsupportedAttributeState,
            $"{attribute} does not accept {Describe(value)}; expected {expected}.", "SetAttribute", resourceName);

    private static bool TryInteger(object value, out long result)
    {
        switch (value)
        {
            case char c: result = c; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case int i: result = i; return true;
            case uint ui: result = ui; return true;
            case long l: result = l; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            case Enum e: return TryInteger(Convert.ChangeType(e, e.GetTypeCode(), CultureInfo.InvariantCulture), out result);
            default: result = 0; return false;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"the string \"{s}\"",
        _ => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
    };
}
