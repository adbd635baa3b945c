namespace OpenVisa.Instruments.Validators;

/// <summary>Names of value types for messages: "a string", "a boolean", "a double", "null".</summary>
internal static class TypeNames
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string => "a string",
        bool => "a boolean",
        double or float or decimal => "a real number",
        Array a => $"an array of {a.GetType().GetElementType()?.Name}",
        _ when NumericValue.IsInteger(value) => "an integer",
        _ => "a " + value.GetType().Name,
    };
}
