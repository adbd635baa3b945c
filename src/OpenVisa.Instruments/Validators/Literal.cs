using System.Globalization;

namespace OpenVisa.Instruments.Validators;

/// <summary>
/// One of a fixed list of literal values, written as QCoDeS's <c>LiteralValidator</c> writes it
/// (<c>&lt;Literal[1, 2, 3]&gt;</c>, "is not a member of [1, 2, 3]"). Values compare as Python's <c>in</c> compares
/// them: 1 matches 1.0; an enum member matches itself.
/// </summary>
public sealed class Literal : Validator
{
    private readonly object?[] _members;

    /// <summary>Creates the validator for <paramref name="members"/> (at least one).</summary>
    public Literal(params object?[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Length == 0)
            throw new ArgumentException("Literal needs at least one member.", nameof(members));
        _members = [.. members];
    }

    /// <summary>Every member of <typeparamref name="TEnum"/>, by name (as a Literal of strings would list them).</summary>
    public static Literal Of<TEnum>()
        where TEnum : struct, Enum => new([.. Enum.GetValues<TEnum>().Cast<object?>()]);

    /// <summary>The allowed members in the order given.</summary>
    public IReadOnlyList<object?> Members => _members;

    /// <inheritdoc/>
    public override string Repr => $"<Literal{ListText}>";

    /// <inheritdoc/>
    public override string Description => "one of " + ListText;

    private string ListText => "[" + string.Join(", ", _members.Select(PythonRepr)) + "]";

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        _members.Any(m => NumericValue.LooseEquals(m, value)) ? null : $"is not a member of {ListText}";

    private static string PythonRepr(object? value) => value switch
    {
        string s => "'" + s + "'",
        Enum e => "'" + e + "'",
        double d => ValueText.Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => ValueText.Format(value),
    };
}
