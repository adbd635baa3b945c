namespace OpenVisa.Instruments.Validators;

/// <summary>Accepts every value, null included.</summary>
public sealed class Anything : Validator
{
    /// <inheritdoc/>
    public override string Repr => "<Anything>";

    /// <inheritdoc/>
    public override string Description => "anything";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) => null;
}
