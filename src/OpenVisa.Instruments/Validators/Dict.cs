using System.Collections;

namespace OpenVisa.Instruments.Validators;

/// <summary>A dictionary, optionally only with keys from <see cref="AllowedKeys"/> (QCoDeS's <c>Dict</c>).</summary>
public sealed class Dict : Validator
{
    /// <summary>Creates the validator; with no keys, any keys are allowed.</summary>
    public Dict(params object?[]? allowedKeys)
    {
        AllowedKeys = allowedKeys is null || allowedKeys.Length == 0 ? null : [.. allowedKeys];
    }

    /// <summary>The keys allowed; null for any.</summary>
    public IReadOnlyList<object?>? AllowedKeys { get; }

    /// <inheritdoc/>
    public override string Repr => AllowedKeys is null ? "<Dict>" : $"<Dict {KeysText}>";

    /// <inheritdoc/>
    public override string Description => AllowedKeys is null ? "a dictionary" : $"a dictionary with keys from {KeysText}";

    private string KeysText => "[" + string.Join(", ", AllowedKeys!.Select(ValueText.Format)) + "]";

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is not IDictionary dictionary)
            return $"must be {Description}, not {TypeNames.Of(value)}";
        if (AllowedKeys is null)
            return null;
        var forbidden = dictionary.Keys.Cast<object?>().Where(k => !AllowedKeys.Any(a => NumericValue.LooseEquals(a, k))).ToList();
        return forbidden.Count == 0 ? null : $"has keys [{string.Join(", ", forbidden.Select(ValueText.Format))}] that are not among the allowed keys {KeysText}";
    }
}
