namespace OpenVisa.Instruments.Validators;

/// <summary>
/// A number that is a multiple of a real <see cref="Divisor"/> within <see cref="Precision"/> (relative to the
/// divisor), so 0.3 counts as a multiple of 0.1 despite binary rounding.
/// </summary>
public sealed class PermissiveMultiples : Validator
{
    /// <summary>Creates the validator.</summary>
    public PermissiveMultiples(double divisor, double precision = 1e-9)
    {
        if (!(divisor > 0) || double.IsInfinity(divisor))
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "PermissiveMultiples: the divisor must be a positive finite number.");
        if (!(precision >= 0))
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "PermissiveMultiples: the precision cannot be negative.");
        Divisor = divisor;
        Precision = precision;
    }

    /// <summary>Every accepted value is (close to) a multiple of this.</summary>
    public double Divisor { get; }

    /// <summary>How far from an exact multiple a value may be, as a fraction of the divisor.</summary>
    public double Precision { get; }

    /// <inheritdoc/>
    public override bool IsNumeric => true;

    /// <inheritdoc/>
    public override string Repr => $"<PermissiveMultiples, Multiples of {ValueText.Number(Divisor)}>";

    /// <inheritdoc/>
    public override string Description => $"a multiple of {ValueText.Number(Divisor)}";

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (!NumericValue.TryGetDouble(value, out var number) || double.IsNaN(number) || double.IsInfinity(number))
            return $"must be {Description}, not {TypeNames.Of(value)}";
        var quotient = number / Divisor;
        var off = Math.Abs(quotient - Math.Round(quotient));
        return off <= Precision ? null : $"must be {Description}";
    }
}
