namespace OpenVisa.Instruments.Validators;

/// <summary>
/// An integer, or a real within 1e-5 of one (QCoDeS's <c>PermissiveInts</c>): instruments often answer counts as
/// <c>+1.00000000E+01</c>, and arithmetic on steps gives 2.9999999. The value is rounded, then checked against the range.
/// </summary>
public sealed class PermissiveInts : Ints
{
    /// <summary>How far from a whole number a real may be.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Creates the validator; omitted bounds are open.</summary>
    public PermissiveInts(long min = long.MinValue, long max = long.MaxValue)
        : base(min, max)
    {
    }

    /// <inheritdoc/>
    public override string Description => "an integer or a number within 1e-05 of one" + RangeText.Words(MinText, MaxText);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is double or float or decimal)
        {
            NumericValue.TryGetDouble(value, out var real);
            if (!double.IsFinite(real))
                return $"must be {Description}, not {ValueText.Format(value)}";
            var whole = Math.Round(real);
            if (Math.Abs(real - whole) >= Tolerance)
                return $"must be {Description}; it is {Math.Abs(real - whole).ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} away from {ValueText.Number(whole)}";
            if (whole < long.MinValue || whole > long.MaxValue)
                return $"must be {Description}";
            return base.Check((long)whole);
        }
        return base.Check(value);
    }
}
