namespace OpenVisa.Instruments.Validators;

/// <summary>A string whose length is between <see cref="MinLength"/> and <see cref="MaxLength"/>.</summary>
public sealed class Strings : Validator
{
    private const int Unbounded = int.MaxValue;

    /// <summary>Creates the validator; by default any string, the empty one included.</summary>
    public Strings(int minLength = 0, int maxLength = Unbounded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minLength);
        if (minLength > maxLength)
            throw new ArgumentException($"Strings: the minimum length {minLength} is above the maximum {maxLength}.");
        MinLength = minLength;
        MaxLength = maxLength;
    }

    /// <summary>The shortest accepted length.</summary>
    public int MinLength { get; }

    /// <summary>The longest accepted length.</summary>
    public int MaxLength { get; }

    /// <inheritdoc/>
    public override string Repr => $"<Strings{RangeText.Repr(MinText, MaxText, "len")}>";

    /// <inheritdoc/>
    public override string Description => MinText is null && MaxText is null
        ? "a string"
        : "a string of length" + RangeText.Words(MinText, MaxText);

    private string? MinText => MinLength == 0 ? null : MinLength.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string? MaxText => MaxLength == Unbounded ? null : MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is not string text)
            return $"must be {Description}, not {TypeNames.Of(value)}";
        return text.Length >= MinLength && text.Length <= MaxLength ? null : $"must be {Description} (its length is {text.Length})";
    }
}
