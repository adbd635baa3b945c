namespace OpenVisa.Instruments.Validators;

/// <summary>Accepts a value that any one of its validators accepts, e.g. a number or one of "MIN", "MAX", "DEF".</summary>
public class MultiType : Validator
{
    private readonly Validator[] _validators;

    /// <summary>Creates the combination (at least one validator).</summary>
    public MultiType(params Validator[] validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (validators.Length == 0)
            throw new ArgumentException($"{GetType().Name} needs at least one validator.", nameof(validators));
        if (validators.Any(v => v is null))
            throw new ArgumentException($"{GetType().Name}: a validator is null.", nameof(validators));
        _validators = [.. validators];
    }

    /// <summary>The combined validators.</summary>
    public IReadOnlyList<Validator> Validators => _validators;

    /// <summary>The name in the repr.</summary>
    private protected virtual string ReprName => "MultiType";

    /// <summary>The word joining descriptions.</summary>
    private protected virtual string Joiner => " or ";

    /// <inheritdoc/>
    public override bool IsNumeric => _validators.Any(v => v.IsNumeric);

    /// <inheritdoc/>
    public override string Repr => $"<{ReprName}: {string.Join(", ", _validators.Select(v => v.Repr[1..^1]))}>";

    /// <inheritdoc/>
    public override string Description => string.Join(Joiner, _validators.Select(v => v.Description));

    /// <inheritdoc/>
    protected internal override string? Check(object? value) =>
        _validators.Any(v => v.Check(value) is null) ? null : $"must be {Description}";
}

/// <summary>The same as <see cref="MultiType"/>, named as QCoDeS's <c>MultiTypeOr</c> in snapshots.</summary>
public sealed class MultiTypeOr(params Validator[] validators) : MultiType(validators)
{
    private protected override string ReprName => "MultiTypeOr";
}

/// <summary>Accepts a value only when every one of its validators accepts it, e.g. a range and a multiple.</summary>
public sealed class MultiTypeAnd(params Validator[] validators) : MultiType(validators)
{
    private protected override string ReprName => "MultiTypeAnd";

    private protected override string Joiner => " and ";

    /// <inheritdoc/>
    public override bool IsNumeric => Validators.All(v => v.IsNumeric);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        foreach (var validator in Validators)
        {
            var problem = validator.Check(value);
            if (problem is not null)
                return problem;
        }
        return null;
    }
}
