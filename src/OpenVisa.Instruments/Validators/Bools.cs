namespace OpenVisa.Instruments.Validators;

/// <summary>A boolean.</summary>
public sealed class Bools : Validator
{
    /// <inheritdoc/>
    public override string Repr => "<Boolean>";

    /// <inheritdoc/>
    public override string Description => "a boolean";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        value is bool ? null : $"must be a boolean, not {TypeNames.Of(value)}";
}
