using System.Collections;

namespace OpenVisa.Instruments.Validators;

/// <summary>
/// A list (an array or a list, an <see cref="IList"/>, but not a string) whose every element <see cref="Element"/>
/// accepts. As QCoDeS's <c>Lists</c> wants a list, a set, a dictionary or a lazy enumerable is refused.
/// </summary>
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
        if (value is string || value is not IList items)
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
