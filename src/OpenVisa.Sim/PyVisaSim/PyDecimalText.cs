using System.Globalization;
using System.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// What Python's <c>int()</c> and <c>float()</c> do to text before reading it: every Unicode decimal digit (category Nd,
/// e.g. the full-width <c>１</c> or the Arabic-Indic <c>١</c>) counts as its ASCII digit and every Unicode space as a
/// space, so <c>float("１.５")</c> is 1.5. A value written to a pyvisa-sim setter goes through this.
/// </summary>
internal static class PyDecimalText
{
    /// <summary>The text with non-ASCII digits and spaces made ASCII; the same span when it is ASCII already (the usual case).</summary>
    public static ReadOnlySpan<char> ToAscii(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange((char)0, (char)127))
            return text;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.ToString().EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                builder.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            else if (Rune.IsWhiteSpace(rune))
                builder.Append(' ');
            else
                builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
