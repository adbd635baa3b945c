namespace OpenVisa.Instruments.Validators;

/// <summary>A value was refused by a validator or a safety limit; the message quotes the value and says what was expected.</summary>
public class ValidationException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="value"/> refused by <paramref name="validator"/>.</summary>
    /// <param name="value">The refused value.</param>
    /// <param name="validator">The validator that refused it; null for a safety limit.</param>
    /// <param name="problem">What is wrong, e.g. "must be a number between 0 and 6 inclusive".</param>
    /// <param name="context">Where the value was going, e.g. "Parameter: psu_ch1_voltage".</param>
    public ValidationException(object? value, Validator? validator, string problem, string? context)
        : base(Compose(value, problem, context))
    {
        Value = value;
        Validator = validator;
        Problem = problem;
        Context = context;
    }

    /// <summary>The refused value.</summary>
    public object? Value { get; }

    /// <summary>The validator that refused it; null when a safety limit did.</summary>
    public Validator? Validator { get; }

    /// <summary>What is wrong with the value.</summary>
    public string Problem { get; }

    /// <summary>Where the value was going.</summary>
    public string? Context { get; }

    private static string Compose(object? value, string problem, string? context) =>
        $"{ValueText.Format(value)} is invalid: {problem}" + (string.IsNullOrEmpty(context) ? "." : $"; {context}.");
}
