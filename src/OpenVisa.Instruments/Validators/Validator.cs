namespace OpenVisa.Instruments.Validators;

/// <summary>
/// Decides whether a value is acceptable for a parameter. Validators are not generic: a parameter of any type uses
/// them (a <see cref="Numbers"/> validator checks an <c>int</c> as well as a <c>double</c>), as in QCoDeS.
/// </summary>
public abstract class Validator
{
    /// <summary>The QCoDeS-style short form written into snapshots, e.g. <c>&lt;Numbers 0&lt;=v&lt;=6&gt;</c>.</summary>
    public abstract string Repr { get; }

    /// <summary>What an acceptable value is, in words, e.g. "a number between 0 and 6 inclusive".</summary>
    public abstract string Description { get; }

    /// <summary>True when accepted values are numbers that can be stepped (ramped) through.</summary>
    public virtual bool IsNumeric => false;

    /// <summary>Throws <see cref="ValidationException"/> when <paramref name="value"/> is not acceptable.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="context">Where the value is going, e.g. "Parameter: psu_ch1_voltage"; added to the message.</param>
    public void Validate(object? value, string? context = null)
    {
        var problem = Check(value);
        if (problem is not null)
            throw new ValidationException(value, this, problem, context);
    }

    /// <summary>True when <paramref name="value"/> is acceptable.</summary>
    public bool IsValid(object? value) => Check(value) is null;

    /// <summary>Null when <paramref name="value"/> is acceptable; otherwise what is wrong, e.g. "must be a number between 0 and 6 inclusive".</summary>
    protected internal abstract string? Check(object? value);

    /// <inheritdoc/>
    public override string ToString() => Repr;
}
