using System.Collections;

namespace OpenVisa.Instruments.Validators;

/// <summary>A list (any sequence but a string) whose every element <see cref="Element"/> accepts.</summary>
public sealed class Lists(Validator element) : Validator
{
    /// <summary>Validates each element.</summary>
    public Validator Element { get; } = element ?? throw new ArgumentNullException(nameof(element));

    /// <inheritdoc/>
    public override string Repr => $"<Lists : {Element.Repr}>";

    /// <inheritdoc/>
    public override string Description => $"a list of {Element.Description}";

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is string || value is not IEnumerable items)
            return $"must be {Description}, not {TypeNames.Of(value)}";
        var index = 0;
        foreach (var item in items)
        {
            var problem = Element.Check(item);
            if (problem is not null)
                return $"element {index} ({ValueText.Format(item)}) {problem}";
            index++;
        }
        return null;
    }
}
