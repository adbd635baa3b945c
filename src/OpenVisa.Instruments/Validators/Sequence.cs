using System.Collections;
using System.Globalization;

namespace OpenVisa.Instruments.Validators;

/// <summary>
/// A sequence (an array or a list; not a string, which in .NET is text rather than a list of values) with an optional
/// exact length, optionally sorted ascending, whose elements <see cref="Element"/> accepts (QCoDeS's <c>Sequence</c>).
/// A length of 0 or null means any length, as in QCoDeS.
/// </summary>
/// <remarks>
/// As QCoDeS accepts only an ordered, indexable <c>abc.Sequence</c> (never a set or a dict), this accepts only an
/// <see cref="IList"/>: a set or a dictionary has no order to be sorted in, and a lazy enumerable would be run (perhaps
/// forever, perhaps with side effects) just to be checked.
/// </remarks>
public sealed class Sequence : Validator
{
    /// <summary>Creates the validator.</summary>
    /// <param name="element">Validates each element; null accepts anything (and skips the element checks).</param>
    /// <param name="length">The exact number of elements; null or 0 for any.</param>
    /// <param name="requireSorted">True when the elements must be in ascending order.</param>
    public Sequence(Validator? element = null, int? length = null, bool requireSorted = false)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "Sequence: a length cannot be negative; give null for any length.");
        Element = element ?? new Anything();
        Length = length is 0 ? null : length;
        RequireSorted = requireSorted;
    }

    /// <summary>Validates each element.</summary>
    public Validator Element { get; }

    /// <summary>The exact number of elements; null for any.</summary>
    public int? Length { get; }

    /// <summary>Whether the elements must be in ascending order.</summary>
    public bool RequireSorted { get; }

    /// <inheritdoc/>
    public override string Repr =>
        $"<Sequence : len: {(Length is { } n ? n.ToString(CultureInfo.InvariantCulture) : "None")} sorted: {(RequireSorted ? "True" : "False")} {Element.Repr}>";

    /// <inheritdoc/>
    public override string Description
    {
        get
        {
            var words = Length is { } n ? $"a sequence of {n} " : "a sequence of ";
            words += RequireSorted ? "sorted " : "";
            return words + (Element is Anything ? "values" : Element.Description);
        }
    }

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is string || value is not IList list)
            return $"must be {Description}, not {TypeNames.Of(value)}";
        var items = list.Cast<object?>().ToList();
        if (Length is { } length && items.Count != length)
            return $"must have {length} elements, not {items.Count}";
        if (RequireSorted)
        {
            for (var i = 1; i < items.Count; i++)
            {
                if (Compare(items[i - 1], items[i]) is not { } order)
                    return $"must be sorted, but elements {i - 1} and {i} ({ValueText.Format(items[i - 1])}, {ValueText.Format(items[i])}) cannot be compared";
                if (order > 0)
                    return $"must be sorted ascending, but element {i} ({ValueText.Format(items[i])}) is below element {i - 1} ({ValueText.Format(items[i - 1])})";
            }
        }
        if (Element is Anything)
            return null;
        for (var i = 0; i < items.Count; i++)
        {
            var problem = Element.Check(items[i]);
            if (problem is not null)
                return $"element {i} ({ValueText.Format(items[i])}) {problem}";
        }
        return null;
    }

    /// <summary>Numbers compare by value across types; other values when they are comparable with each other.</summary>
    private static int? Compare(object? a, object? b)
    {
        if (a is not bool && b is not bool && NumericValue.TryGetDouble(a, out var x) && NumericValue.TryGetDouble(b, out var y))
            return x.CompareTo(y);
        if (a is IComparable comparable && b is not null && a.GetType() == b.GetType())
            return comparable.CompareTo(b);
        return null;
    }
}
