namespace OpenVisa.Instruments.Validators;

/// <summary>An integer that is a multiple of <see cref="Divisor"/>, within optional bounds.</summary>
public sealed class Multiples : Ints
{
    /// <summary>Creates the validator.</summary>
    public Multiples(long divisor = 1, long min = long.MinValue, long max = long.MaxValue)
        : base(min, max)
    {
        if (divisor <= 0)
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "Multiples: the divisor must be a positive integer.");
        Divisor = divisor;
    }

    /// <summary>Every accepted value is a multiple of this.</summary>
    public long Divisor { get; }

    /// <inheritdoc/>
    public override string Repr => $"<Ints{RangeText.Repr(MinText, MaxText)}, Multiples of {Divisor}>";

    /// <inheritdoc/>
    public override string Description => $"an integer multiple of {Divisor}" + RangeText.Words(MinText, MaxText);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (base.Check(value) is not null)
            return $"must be {Description}" + (NumericValue.IsInteger(value) ? "" : $", not {TypeNames.Of(value)}");
        NumericValue.TryGetInteger(value, out var number);
        return number % Divisor == 0 ? null : $"must be {Description}";
    }
}
