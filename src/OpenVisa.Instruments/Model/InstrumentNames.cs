namespace OpenVisa.Instruments;

/// <summary>Names of instruments, channels and parameters: identifiers, so full names such as <c>psu_ch1_voltage</c> stay unambiguous.</summary>
public static class InstrumentNames
{
    /// <summary>True when <paramref name="name"/> is letters, digits and '_' and does not start with a digit.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }
        return true;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for an invalid name, suggesting a valid one (<c>my-dmm</c> → <c>my_dmm</c>).
    /// </summary>
    public static void ThrowIfInvalid(string? name, string kind)
    {
        if (IsValid(name))
            return;
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"A {kind} needs a name.", nameof(name));
        throw new ArgumentException(
            $"'{name}' is not a valid {kind} name: use letters, digits and '_', not starting with a digit (for example '{Suggest(name)}').", nameof(name));
    }

    /// <summary>A valid name close to <paramref name="name"/>.</summary>
    public static string Suggest(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var suggestion = new string(chars);
        return suggestion.Length > 0 && char.IsAsciiDigit(suggestion[0]) ? "_" + suggestion : suggestion;
    }
}
