using System.Collections;
using System.Globalization;

namespace OpenVisa.Instruments;

/// <summary>Builds common mappings.</summary>
public static class ValueMapping
{
    /// <summary>
    /// True/false sent as <paramref name="on"/>/<paramref name="off"/> (default ON/OFF); replies of 1/0, ON/OFF and
    /// TRUE/FALSE are all understood, as SCPI instruments answer a boolean query with 1 or 0.
    /// </summary>
    public static ValueMapping<bool> OnOff(string on = "ON", string off = "OFF")
    {
        var mapping = new ValueMapping<bool> { [true] = on, [false] = off };
        foreach (var alias in new[] { "1", "ON", "TRUE" })
            mapping.AddReplyAlias(alias, true);
        foreach (var alias in new[] { "0", "OFF", "FALSE" })
            mapping.AddReplyAlias(alias, false);
        return mapping;
    }

    /// <summary>Each member of <typeparamref name="TEnum"/> sent as the token <paramref name="token"/> gives it.</summary>
    public static ValueMapping<TEnum> ForEnum<TEnum>(Func<TEnum, string> token)
        where TEnum : struct, Enum
    {
        var mapping = new ValueMapping<TEnum>();
        foreach (var value in Enum.GetValues<TEnum>())
            mapping[value] = token(value);
        return mapping;
    }
}

/// <summary>
/// Maps parameter values to the tokens the instrument uses (<c>DcVoltage</c> ↔ <c>"VOLT"</c>, true ↔ <c>ON</c>).
/// Reading a reply back, tokens match ignoring case, surrounding quotes and whitespace, and numerically
/// (<c>+1.000E+00</c> matches <c>1</c>); extra reply-only aliases can be added.
/// </summary>
/// <typeparam name="T">The parameter's value type.</typeparam>
public sealed class ValueMapping<T> : IEnumerable<KeyValuePair<T, string>>
{
    private readonly List<KeyValuePair<T, string>> _pairs = [];
    private readonly List<KeyValuePair<string, T>> _aliases = [];

    /// <summary>The token sent for <paramref name="key"/>; setting adds or replaces a pair.</summary>
    public string this[T key]
    {
        get => TryGetToken(key, out var token) ? token : throw new KeyNotFoundException($"{key} is not in the mapping; mapped values: {string.Join(", ", Values)}.");
        set => Add(key, value);
    }

    /// <summary>The mapped values in the order added.</summary>
    public IReadOnlyList<T> Values => [.. _pairs.Select(p => p.Key)];

    /// <summary>Adds a pair (collection-initializer form).</summary>
    public void Add(T value, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var index = _pairs.FindIndex(p => EqualityComparer<T>.Default.Equals(p.Key, value));
        if (index >= 0)
            _pairs[index] = new(value, token);
        else
            _pairs.Add(new(value, token));
    }

    /// <summary>Makes a reply of <paramref name="token"/> read as <paramref name="value"/>, without changing what is sent.</summary>
    public ValueMapping<T> AddReplyAlias(string token, T value)
    {
        ArgumentNullException.ThrowIfNull(token);
        _aliases.Add(new(token, value));
        return this;
    }

    /// <summary>The token for <paramref name="value"/>.</summary>
    public bool TryGetToken(T value, out string token)
    {
        foreach (var pair in _pairs)
        {
            if (EqualityComparer<T>.Default.Equals(pair.Key, value))
            {
                token = pair.Value;
                return true;
            }
        }
        token = "";
        return false;
    }

    /// <summary>The value a reply stands for.</summary>
    public bool TryGetValue(string reply, out T value)
    {
        var normalized = Normalize(reply);
        foreach (var pair in _pairs)
        {
            if (Matches(pair.Value, normalized))
            {
                value = pair.Key;
                return true;
            }
        }
        foreach (var alias in _aliases)
        {
            if (Matches(alias.Key, normalized))
            {
                value = alias.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>The tokens as text, for messages.</summary>
    internal string TokensText => string.Join(", ", _pairs.Select(p => "'" + p.Value + "'"));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<T, string>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Normalize(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
            trimmed = trimmed[1..^1].Trim();
        return trimmed;
    }

    private static bool Matches(string token, string reply)
    {
        var normalized = Normalize(token);
        if (string.Equals(normalized, reply, StringComparison.OrdinalIgnoreCase))
            return true;
        return double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(reply, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a.Equals(b);
    }
}
