using System.Globalization;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// A profile key read as one literal SCPI command (<c>MEAS:VOLT? (@1)</c>, <c>VOLTAGE 3.3, (@1)</c>, <c>*IDN?</c>) and
/// compared the way an instrument parses: header mnemonics in short or long form and any case, a leading colon
/// optional, numeric suffix 1 implied; parameters compared one by one, numbers by value, text without regard to case.
/// Recorded keys therefore match the commands they were recorded from, which PyTestLab's regex reading broke.
/// </summary>
internal sealed class LiteralCommand
{
    private readonly ScpiMnemonic[] _mnemonics;
    private readonly string[] _parameters;

    private LiteralCommand(bool isCommon, bool isQuery, ScpiMnemonic[] mnemonics, string[] parameters)
    {
        IsCommon = isCommon;
        IsQuery = isQuery;
        _mnemonics = mnemonics;
        _parameters = parameters;
    }

    public bool IsCommon { get; }

    public bool IsQuery { get; }

    /// <summary>Reads <paramref name="key"/> as a command; null when its header is not a plain SCPI header.</summary>
    public static LiteralCommand? TryCreate(string key)
    {
        Span<Range> ranges = stackalloc Range[16];
        var unit = ScpiUnit.Parse(key, ranges);
        if (unit.Count == 0)
            return null;
        var mnemonics = new ScpiMnemonic[unit.Count];
        for (var k = 0; k < unit.Count; k++)
        {
            var text = unit.Mnemonic(k);
            if (unit.IsCommon)
            {
                if (k > 0 || text.Length < 2 || !IsLetters(text[1..]))
                    return null;
                mnemonics[k] = new ScpiMnemonic(text.ToString().ToUpperInvariant(), text.ToString().ToUpperInvariant(), null, true);
                continue;
            }
            var letters = ScpiMnemonic.LetterCount(text);
            if (letters == 0 || text[letters..].ContainsAnyExceptInRange('0', '9'))
                return null;
            mnemonics[k] = ScpiMnemonic.FromKey(text);
        }
        return new LiteralCommand(unit.IsCommon, unit.IsQuery, mnemonics, ScpiParameters.Split(unit.Parameters));
    }

    private static bool IsLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
                return false;
        }
        return true;
    }

    public bool Matches(in ScpiUnit unit)
    {
        if (unit.IsQuery != IsQuery || unit.IsCommon != IsCommon || unit.Count != _mnemonics.Length)
            return false;
        for (var k = 0; k < _mnemonics.Length; k++)
        {
            if (IsCommon)
            {
                if (!unit.Mnemonic(k).Equals(_mnemonics[k].Long, StringComparison.OrdinalIgnoreCase))
                    return false;
            }
            else if (!_mnemonics[k].Matches(unit.Mnemonic(k)))
            {
                return false;
            }
        }
        return ScpiParameters.Equal(_parameters, unit.Parameters);
    }
}

/// <summary>SCPI parameter lists: split on commas outside quotes and parentheses, compared token by token.</summary>
internal static class ScpiParameters
{
    public static string[] Split(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
            return [];
        var tokens = new List<string>();
        var depth = 0;
        var quote = '\0';
        var start = 0;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    tokens.Add(text[start..k].Trim().ToString());
                    start = k + 1;
                    break;
            }
        }
        tokens.Add(text[start..].Trim().ToString());
        return [.. tokens];
    }

    public static bool Equal(string[] expected, ReadOnlySpan<char> actualText)
    {
        if (expected.Length == 0)
            return actualText.Trim().IsEmpty;
        var actual = Split(actualText);
        if (actual.Length != expected.Length)
            return false;
        for (var k = 0; k < actual.Length; k++)
        {
            if (!TokenEqual(expected[k], actual[k]))
                return false;
        }
        return true;
    }

    private static bool TokenEqual(string expected, string actual)
    {
        if (expected.Length > 0 && expected[0] is '"' or '\'')
            return expected == actual;
        if (IsNumber(expected, out var a) && IsNumber(actual, out var b))
            return a == b;
        if (expected.StartsWith('(') || actual.StartsWith('('))
            return Compact(expected).Equals(Compact(actual), StringComparison.OrdinalIgnoreCase);
        if (ScpiMnemonic.LetterCount(expected) == expected.Length && expected.Length > 0)
            return ScpiMnemonic.FromKey(expected).Matches(actual);
        return string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A SCPI decimal number (no suffix): [+-] digits [. digits] [e [+-] digits].</summary>
    public static bool IsNumber(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
            return false;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
