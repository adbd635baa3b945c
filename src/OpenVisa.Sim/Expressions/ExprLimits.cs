namespace OpenVisa.Sim.Expressions;

/// <summary>
/// The budgets one expression evaluation runs within, so that no profile can make the simulator loop for ever or fill
/// memory: <c>[1]*2000000000</c>, <c>str(1 ** 9223372036854775807)</c> and <c>f'{1:999999999}'</c> fail with
/// <see cref="ExprLimitException"/>, which an instrument reports as -200 and <c>sim check</c> reports where the
/// expression needs nothing from the instrument.
/// </summary>
internal static class ExprLimits
{
    /// <summary>The most values a list may hold, counting the values of nested lists and maps (shared ones each time).</summary>
    public const long MaxItems = 1_000_000;

    /// <summary>The longest text an expression may build: a string, a <c>str()</c>/<c>repr()</c>, a formatted value.</summary>
    public const int MaxTextLength = 16 * 1024 * 1024;

    /// <summary>The widest field and the longest precision of a format (<c>'%10d'</c>, <c>f'{x:.3f}'</c>).</summary>
    public const int MaxFormatWidth = 10_000;

    /// <summary>Throws when <paramref name="count"/> values (for <paramref name="what"/>) exceed <see cref="MaxItems"/>.</summary>
    public static void CheckItems(long count, string what)
    {
        if (count > MaxItems)
            throw new ExprLimitException($"{what} would hold {(count == long.MaxValue ? "too many" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} values, more than the {MaxItems:N0} an expression may build");
    }

    /// <summary>Throws when <paramref name="length"/> characters (for <paramref name="what"/>) exceed <see cref="MaxTextLength"/>.</summary>
    public static void CheckText(long length, string what)
    {
        if (length > MaxTextLength)
            throw new ExprLimitException($"{what} would be more than {MaxTextLength:N0} characters long, the most an expression may build");
    }

    /// <summary>How many values <paramref name="value"/> stands for (1 for a scalar, 1 + its items for a list or map), counted up to just past <see cref="MaxItems"/>.</summary>
    public static long Size(ExprValue value)
    {
        long count = 0;
        var pending = new Stack<ExprValue>();
        pending.Push(value);
        while (pending.Count > 0 && count <= MaxItems)
        {
            var next = pending.Pop();
            count++;
            if (next.Kind == ExprKind.List)
            {
                foreach (var item in next.AsList)
                    pending.Push(item);
            }
            else if (next.Kind == ExprKind.Map)
            {
                foreach (var (_, item) in next.AsMap)
                    pending.Push(item);
            }
            if (pending.Count > MaxItems)
                return MaxItems + 1;
        }
        return count;
    }
}
