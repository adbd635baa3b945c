namespace OpenVisa.Instruments.Validators;

/// <summary>Reads boxed numbers of any primitive type; booleans and strings are not numbers.</summary>
internal static class NumericValue
{
    public static bool TryGetDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case int i: result = i; return true;
            case long l: result = l; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul: result = ul; return true;
            case decimal m: result = (double)m; return true;
            default: result = 0; return false;
        }
    }

    public static bool IsInteger(object? value) =>
        value is int or long or short or sbyte or byte or ushort or uint or ulong;

    public static bool TryGetInteger(object? value, out decimal result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul: result = ul; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Equality across numeric types (1 equals 1.0), ordinary equality otherwise.</summary>
    public static bool LooseEquals(object? a, object? b)
    {
        if (a is not bool && b is not bool && TryGetDouble(a, out var x) && TryGetDouble(b, out var y))
            return x.Equals(y);
        return Equals(a, b);
    }
}
