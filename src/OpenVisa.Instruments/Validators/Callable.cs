namespace OpenVisa.Instruments.Validators;

/// <summary>A delegate (a function or action), as QCoDeS's <c>Callable</c> accepts any callable.</summary>
public sealed class Callable : Validator
{
    /// <inheritdoc/>
    public override string Repr => "<Callable>";

    /// <inheritdoc/>
    public override string Description => "a callable (a delegate)";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        value is Delegate ? null : $"must be {Description}, not {TypeNames.Of(value)}";
}
