using System.Globalization;

namespace OpenVisa.Instruments.Validators;

/// <summary>
/// One of a fixed set of values. Numbers compare by value across types (1 matches 1.0); strings compare exactly,
/// or ignoring case when created with <see cref="IgnoringCase"/>.
/// </summary>
public sealed class EnumValues : Validator
{
    private readonly object?[] _values;
    private readonly bool _ignoreCase;

    /// <summary>Creates the validator for <paramref name="values"/> (at least one).</summary>
    public EnumValues(params object?[] values)
        : this(values, ignoreCase: false)
    {
    }

    private EnumValues(object?[] values, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
            throw new ArgumentException("EnumValues needs at least one allowed value.", nameof(values));
        _values = [.. values];
        _ignoreCase = ignoreCase;
    }

    /// <summary>Every member of <typeparamref name="TEnum"/>.</summary>
    public static EnumValues Of<TEnum>()
        where TEnum : struct, Enum => new([.. Enum.GetValues<TEnum>().Cast<object?>()]);

    /// <summary>Strings compared ignoring case ("volt" matches "VOLT").</summary>
    public static EnumValues IgnoringCase(params string[] values) => new([.. values.Cast<object?>()], ignoreCase: true);

    /// <summary>The allowed values in the order given.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <inheritdoc/>
    public override bool IsNumeric => _values.All(v => v is not bool && NumericValue.TryGetDouble(v, out _));

    /// <inheritdoc/>
    public override string Repr => $"<Enum: {SetText}>";

    /// <inheritdoc/>
    public override string Description => "one of " + SetText;

    private string SetText => "{" + string.Join(", ", _values.Select(PythonRepr)) + "}";

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        foreach (var allowed in _values)
        {
            if (NumericValue.LooseEquals(allowed, value))
                return null;
            if (_ignoreCase && allowed is string a && value is string b && string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
                return null;
        }
        return $"must be {Description}";
    }

    private static string PythonRepr(object? value) => value switch
    {
        string s => "'" + s + "'",
        IFormattable f when value is not Enum => value is double or float ? ValueText.Number(Convert.ToDouble(value, CultureInfo.InvariantCulture)) : f.ToString(null, CultureInfo.InvariantCulture),
        _ => ValueText.Format(value),
    };
}
