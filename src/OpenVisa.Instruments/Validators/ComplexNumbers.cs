using System.Numerics;

namespace OpenVisa.Instruments.Validators;

/// <summary>
/// A complex number (<see cref="Complex"/>). As in QCoDeS, a real number is refused: a parameter that holds complex
/// values should be given complex values. Not numeric: there is no meaningful way to ramp a complex number.
/// </summary>
public sealed class ComplexNumbers : Validator
{
    /// <inheritdoc/>
    public override string Repr => "<Complex Number>";

    /// <inheritdoc/>
    public override string Description => "a complex number";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        value is Complex ? null : $"must be {Description} (System.Numerics.Complex), not {TypeNames.Of(value)}";
}
