namespace OpenVisa.Instruments.Validators;

/// <summary>An integer (of any integral type; a real such as 2.0 is refused) between <see cref="Min"/> and <see cref="Max"/>.</summary>
public class Ints : Validator
{
    /// <summary>Creates the validator; omitted bounds are open.</summary>
    public Ints(long min = long.MinValue, long max = long.MaxValue)
    {
        if (min > max)
            throw new ArgumentException($"Ints: the minimum {min} is above the maximum {max}.");
        Min = min;
        Max = max;
    }

    /// <summary>The smallest accepted value.</summary>
    public long Min { get; }

    /// <summary>The largest accepted value.</summary>
    public long Max { get; }

    /// <inheritdoc/>
    public override bool IsNumeric => true;

    /// <inheritdoc/>
    public override string Repr => $"<Ints{RangeText.Repr(MinText, MaxText)}>";

    /// <inheritdoc/>
    public override string Description => "an integer" + RangeText.Words(MinText, MaxText);

    private protected string? MinText => Min == long.MinValue ? null : Min.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private protected string? MaxText => Max == long.MaxValue ? null : Max.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (!NumericValue.TryGetInteger(value, out var number))
            return $"must be {Description}, not {TypeNames.Of(value)}";
        return number >= Min && number <= Max ? null : $"must be {Description}";
    }
}
