namespace OpenVisa.Instruments.Validators;

/// <summary>Refuses every value, giving <see cref="Reason"/>; used to lock a parameter, e.g. while a mode forbids it.</summary>
public sealed class Nothing(string reason) : Validator
{
    /// <summary>Why nothing is accepted.</summary>
    public string Reason { get; } = reason ?? throw new ArgumentNullException(nameof(reason));

    /// <inheritdoc/>
    public override string Repr => $"<Nothing({Reason})>";

    /// <inheritdoc/>
    public override string Description => "nothing: " + Reason;

    /// <inheritdoc/>
    protected internal override string? Check(object? value) => "no value is accepted: " + Reason;
}
