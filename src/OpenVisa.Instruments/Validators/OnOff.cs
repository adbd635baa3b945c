namespace OpenVisa.Instruments.Validators;

/// <summary>The string "on" or "off" (QCoDeS's <c>OnOff</c>), exactly, in lower case.</summary>
public sealed class OnOff : Validator
{
    private static readonly EnumValues Values = new("on", "off");

    /// <inheritdoc/>
    public override string Repr => "<OnOff>";

    /// <inheritdoc/>
    public override string Description => "'on' or 'off'";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        Values.IsValid(value) ? null : $"must be {Description}, not {ValueText.Format(value)}";
}
