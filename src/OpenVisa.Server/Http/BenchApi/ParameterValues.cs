using System.Globalization;
using System.Reflection;
using OpenVisa.Instruments;

namespace OpenVisa.Server.Http.BenchApi;

/// <summary>
/// A parameter's value as the console shows and sends it: text both ways (the form's input), parsed by the
/// parameter's value type, then set through the driver so its validators and the bench's safety limits apply.
/// </summary>
internal static class ParameterValues
{
    private static readonly MethodInfo SetAsyncOpen = typeof(ParameterValues).GetMethod(nameof(SetTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The kind of input the page offers: number, integer, boolean, choice, text, or other (not settable from the page).</summary>
    public static string Kind(Type type) => type switch
    {
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ when type.IsEnum => "choice",
        _ when type == typeof(string) => "text",
        _ => "other",
    };

    /// <summary>How a value reads: numbers in invariant culture with every digit, enums by name.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Parses <paramref name="text"/> as the parameter's type.</summary>
    /// <exception cref="HttpFailure">422 saying what the parameter takes.</exception>
    public static object Parse(ParameterBase parameter, string text)
    {
        var type = parameter.ValueType;
        var trimmed = text.Trim();
        object? value = Kind(type) switch
        {
            "number" when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Convert.ChangeType(d, type, CultureInfo.InvariantCulture),
            "integer" when long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && InRange(l, type) => Convert.ChangeType(l, type, CultureInfo.InvariantCulture),
            "boolean" => trimmed.ToLowerInvariant() switch { "true" or "1" or "on" => true, "false" or "0" or "off" => false, _ => null },
            "choice" when Enum.TryParse(type, trimmed, ignoreCase: true, out var e) && Enum.IsDefined(type, e!) && !trimmed.All(char.IsAsciiDigit) => e,
            "text" => text,
            _ => null,
        };
        return value ?? throw new HttpFailure(422, StatusCode.ErrorInvalidParameter, $"{parameter.FullName} takes {Expected(type)}, not \"{text}\".");
    }

    /// <summary>Sets the parameter through its driver (validators, safety limits, ramp steps and delays all apply).</summary>
    public static Task SetAsync(ParameterBase parameter, object value, CancellationToken cancellationToken) =>
        (Task)SetAsyncOpen.MakeGenericMethod(parameter.ValueType).Invoke(null, [parameter, value, cancellationToken])!;

    private static async Task SetTypedAsync<T>(ParameterBase parameter, object value, CancellationToken cancellationToken) =>
        await ((Parameter<T>)parameter).SetAsync((T)value, cancellationToken).ConfigureAwait(false);

    private static string Expected(Type type) => Kind(type) switch
    {
        "number" => "a number (e.g. 1.5 or 2e-3)",
        "integer" => $"a whole number from {Convert.ToString(type.GetField("MinValue")!.GetValue(null), CultureInfo.InvariantCulture)} to {Convert.ToString(type.GetField("MaxValue")!.GetValue(null), CultureInfo.InvariantCulture)}",
        "boolean" => "true or false",
        "choice" => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => $"a {type.Name}, which the console cannot send; set it from code",
    };

    private static bool InRange(long value, Type type) =>
        value >= Convert.ToInt64(type.GetField("MinValue")!.GetValue(null), CultureInfo.InvariantCulture)
        && value <= Convert.ToInt64(type.GetField("MaxValue")!.GetValue(null), CultureInfo.InvariantCulture);
}
