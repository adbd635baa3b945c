namespace OpenVisa.Sim.Profiles;

/// <summary>
/// One SCPI mnemonic of a key, with its short and long forms. A mixed-case key (<c>VOLTage</c>) says both: the upper-case
/// prefix is the short form. A key written in one case (<c>VOLTAGE</c>, <c>volt</c>) gets its short form by the SCPI rule:
/// the first four letters, or three when the fourth is a vowel (<c>MEASure</c> → MEAS, <c>TIMebase</c> → TIM). A numeric
/// suffix is kept apart (<c>CHANnel2</c>); a missing suffix means 1.
/// </summary>
internal readonly record struct ScpiMnemonic(string Short, string Long, int? Suffix, bool Explicit)
{
    public static ScpiMnemonic FromKey(ReadOnlySpan<char> text)
    {
        var letters = LetterCount(text);
        var alpha = text[..letters];
        int? suffix = letters < text.Length && int.TryParse(text[letters..], out var s) ? s : null;
        var upperPrefix = 0;
        while (upperPrefix < alpha.Length && !char.IsAsciiLetterLower(alpha[upperPrefix]))
            upperPrefix++;
        var rest = alpha[upperPrefix..];
        var mixed = upperPrefix > 0 && rest.Length > 0 && !rest.ContainsAnyInRange('A', 'Z');
        var longForm = alpha.ToString().ToUpperInvariant();
        return mixed
            ? new ScpiMnemonic(alpha[..upperPrefix].ToString(), longForm, suffix, true)
            : new ScpiMnemonic(ShortForm(longForm), longForm, suffix, false);
    }

    /// <summary>The SCPI short form of a long mnemonic: four letters, or three when the fourth is a vowel.</summary>
    public static string ShortForm(string longForm)
    {
        if (longForm.Length <= 4)
            return longForm;
        return longForm[3] is 'A' or 'E' or 'I' or 'O' or 'U' ? longForm[..3] : longForm[..4];
    }

    /// <summary>The letters at the start of a mnemonic (underscores count as letters, as in some vendors' headers).</summary>
    public static int LetterCount(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && (char.IsAsciiLetter(text[n]) || text[n] == '_'))
            n++;
        return n;
    }

    /// <summary>True when the command's mnemonic (letters and optional suffix) is this one.</summary>
    public bool Matches(ReadOnlySpan<char> command)
    {
        var letters = LetterCount(command);
        var alpha = command[..letters];
        var suffixText = command[letters..];
        int commandSuffix = 1;
        if (!suffixText.IsEmpty && !int.TryParse(suffixText, out commandSuffix))
            return false;
        if ((Suffix ?? 1) != commandSuffix)
            return false;
        if (alpha.Equals(Long, StringComparison.OrdinalIgnoreCase) || alpha.Equals(Short, StringComparison.OrdinalIgnoreCase))
            return true;
        // A key in one case that is itself short (VOLT) also accepts long forms whose short form it is (VOLTAGE).
        return !Explicit && Long.Length <= 4 && alpha.Length > Long.Length
            && alpha.StartsWith(Long, StringComparison.OrdinalIgnoreCase)
            && ShortForm(alpha.ToString().ToUpperInvariant()) == Long;
    }

    /// <summary>A regular expression accepting exactly the short or the long form (case is ignored by the caller).</summary>
    public string ToRegex() =>
        Short.Length == Long.Length ? System.Text.RegularExpressions.Regex.Escape(Long) : $"{System.Text.RegularExpressions.Regex.Escape(Short)}(?:{System.Text.RegularExpressions.Regex.Escape(Long[Short.Length..])})?";
}

/// <summary>A message unit split SCPI-wise: header mnemonics, query mark, and the parameter text.</summary>
internal ref struct ScpiUnit
{
    private Span<Range> _mnemonics;

    public ReadOnlySpan<char> Text { get; private set; }

    public bool IsCommon { get; private set; }

    public bool IsQuery { get; private set; }

    public int Count { get; private set; }

    public ReadOnlySpan<char> Parameters { get; private set; }

    public readonly ReadOnlySpan<char> Mnemonic(int index) => Text[_mnemonics[index]];

    /// <summary>Splits <paramref name="text"/> (trimmed); <paramref name="ranges"/> receives the mnemonic ranges (16 is plenty).</summary>
    public static ScpiUnit Parse(ReadOnlySpan<char> text, Span<Range> ranges)
    {
        text = text.Trim();
        var unit = new ScpiUnit { Text = text, _mnemonics = ranges };
        var headerEnd = 0;
        while (headerEnd < text.Length && !char.IsWhiteSpace(text[headerEnd]))
            headerEnd++;
        var header = text[..headerEnd];
        unit.Parameters = text[headerEnd..].Trim();
        if (header.EndsWith('?'))
        {
            unit.IsQuery = true;
            header = header[..^1];
        }
        var start = header.StartsWith(':') ? 1 : 0;
        unit.IsCommon = header.StartsWith('*');
        var count = 0;
        for (var k = start; k <= header.Length; k++)
        {
            if (k == header.Length || header[k] == ':')
            {
                if (count < ranges.Length)
                    ranges[count] = new Range(start, k);
                count++;
                start = k + 1;
            }
        }
        unit.Count = Math.Min(count, ranges.Length);
        return unit;
    }
}
