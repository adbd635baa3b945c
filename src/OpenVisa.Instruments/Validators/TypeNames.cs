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
        System.Collections.IDictionary => "a dictionary",
        _ when NumericValue.IsInteger(value) => "an integer",
        _ => "a " + Plain(value.GetType()),
    };

    /// <summary>A type's name without the arity suffix of a generic (<c>HashSet</c>, not <c>HashSet`1</c>).</summary>
    private static string Plain(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }
}
