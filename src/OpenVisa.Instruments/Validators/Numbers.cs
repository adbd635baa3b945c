namespace OpenVisa.Instruments.Validators;

/// <summary>Any number (integer or real, not a boolean) between <see cref="Min"/> and <see cref="Max"/> inclusive.</summary>
public sealed class Numbers : Validator
{
    /// <summary>Creates the validator; omitted bounds are open.</summary>
    public Numbers(double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (double.IsNaN(min) || double.IsNaN(max))
            throw new ArgumentException("A Numbers bound cannot be NaN.");
        if (min > max)
            throw new ArgumentException($"Numbers: the minimum {ValueText.Number(min)} is above the maximum {ValueText.Number(max)}.");
        Min = min;
        Max = max;
    }

    /// <summary>The smallest accepted value.</summary>
    public double Min { get; }

    /// <summary>The largest accepted value.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public override bool IsNumeric => true;

    /// <inheritdoc/>
    public override string Repr => $"<Numbers{RangeText.Repr(MinText, MaxText)}>";

    /// <inheritdoc/>
    public override string Description => "a number" + RangeText.Words(MinText, MaxText);

    private string? MinText => double.IsNegativeInfinity(Min) ? null : ValueText.Number(Min);

    private string? MaxText => double.IsPositiveInfinity(Max) ? null : ValueText.Number(Max);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (!NumericValue.TryGetDouble(value, out var number))
            return $"must be {Description}, not {TypeNames.Of(value)}";
        return number >= Min && number <= Max ? null : $"must be {Description}";
    }
}
