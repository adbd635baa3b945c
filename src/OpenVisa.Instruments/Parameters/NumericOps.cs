using System.Globalization;

namespace OpenVisa.Instruments;

/// <summary>Arithmetic on a parameter's value type when it is a number: ramps step through it, scale applies to it.</summary>
internal static class NumericOps<T>
{
    public static readonly bool IsNumeric = Check(typeof(T));

    public static readonly bool IsIntegral =
        typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(byte)
        || typeof(T) == typeof(sbyte) || typeof(T) == typeof(ushort) || typeof(T) == typeof(uint) || typeof(T) == typeof(ulong);

    public static double ToDouble(T value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    public static T FromDouble(double value)
    {
        if (typeof(T) == typeof(double))
            return (T)(object)value;
        if (typeof(T) == typeof(float))
            return (T)(object)(float)value;
        if (typeof(T) == typeof(decimal))
            return (T)(object)(decimal)value;
        return (T)Convert.ChangeType(Math.Round(value), typeof(T), CultureInfo.InvariantCulture);
    }

    private static bool Check(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(int) || type == typeof(long)
        || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);
}
