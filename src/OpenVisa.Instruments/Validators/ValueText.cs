using System.Collections;
using System.Globalization;
using System.Text;

namespace OpenVisa.Instruments.Validators;

/// <summary>Values written for people: numbers in invariant culture, strings quoted, arrays shortened.</summary>
internal static class ValueText
{
    private const int MaxItems = 6;

    public static string Format(object? value) => value switch
    {
        null => "None",
        string s => "'" + s + "'",
        bool b => b ? "True" : "False",
        double d => Number(d),
        float f => Number(f),
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IEnumerable items when IsCollection(items) => Items(items),
        // A lazy enumerable is not run just to be printed: it may be endless or have side effects.
        IEnumerable => "<an enumerable, not run>",
        _ => value.ToString() ?? value.GetType().Name,
    };

    /// <summary>A number as Python prints it in a repr: 5, 0.5, 1e-05, inf.</summary>
    public static string Number(double value)
    {
        if (double.IsPositiveInfinity(value))
            return "inf";
        if (double.IsNegativeInfinity(value))
            return "-inf";
        if (double.IsNaN(value))
            return "nan";
        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E-0", "e-0", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);
    }

    private static bool IsCollection(IEnumerable items) =>
        items is ICollection || items.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>));

    private static string Items(IEnumerable items)
    {
        var text = new StringBuilder("[");
        var count = 0;
        foreach (var item in items)
        {
            if (count > 0)
                text.Append(", ");
            if (count == MaxItems)
            {
                text.Append("...");
                break;
            }
            text.Append(Format(item));
            count++;
        }
        return text.Append(']').ToString();
    }
}
