using System.Globalization;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>
/// Bounds that a bench (or an operator) puts on a numeric parameter, on top of its validators. They are enforced
/// inside the parameter, on every path that sends or records a value: <c>Set</c>, <c>SetAsync</c>, each ramp step,
/// <c>Cache.Set</c> and multi-channel sets.
/// </summary>
/// <param name="Min">The smallest value allowed; null for none.</param>
/// <param name="Max">The largest value allowed; null for none.</param>
/// <param name="Source">Where the limits come from, for messages (e.g. "bench.yaml line 12").</param>
public sealed record SafetyLimits(double? Min, double? Max, string? Source = null)
{
    /// <summary>Null when <paramref name="value"/> is within the limits; otherwise what is wrong.</summary>
    public string? Check(double value, string unit)
    {
        var suffix = unit.Length == 0 ? "" : " " + unit;
        var from = Source is null ? "" : $" (from {Source})";
        if (double.IsNaN(value))
            return $"NaN is not a number, so it cannot be checked against the safety limits{from}";
        if (Min is { } min && value < min)
            return $"it is below the safety limit: at least {Text(min)}{suffix} is allowed{from}";
        if (Max is { } max && value > max)
            return $"it is above the safety limit: at most {Text(max)}{suffix} is allowed{from}";
        return null;
    }

    /// <summary>The limits as "0 &lt;= v &lt;= 5.5".</summary>
    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "none",
        ({ } a, null) => $"v >= {Text(a)}",
        (null, { } b) => $"v <= {Text(b)}",
        ({ } a, { } b) => $"{Text(a)} <= v <= {Text(b)}",
    };

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A value was refused by a parameter's safety limits.</summary>
public sealed class SafetyLimitException(object? value, SafetyLimits limits, string problem, string context)
    : ValidationException(value, null, problem, context)
{
    /// <summary>The limits that refused the value.</summary>
    public SafetyLimits Limits { get; } = limits;
}
