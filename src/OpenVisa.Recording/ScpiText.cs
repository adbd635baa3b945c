using System.Globalization;
using System.Text;

namespace OpenVisa;

/// <summary>
/// Compares written messages for replay: exactly, without their termination, or as SCPI (relaxed matching). The SCPI
/// form of a message puts each command's header in short upper-case form (<c>:SOURce:VOLTage:LEVel1</c> and
/// <c>sour:volt:lev</c> are both <c>SOUR:VOLT:LEV</c>), collapses whitespace, and writes numbers by value.
/// </summary>
public static class ScpiText
{
    /// <summary>True when <paramref name="expected"/> and <paramref name="actual"/> are the same message under <paramref name="matching"/>.</summary>
    public static bool SameMessage(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, ReplayMatching matching, bool ignoreTermination = false)
    {
        if (expected.SequenceEqual(actual))
            return true;
        if (matching == ReplayMatching.Strict)
            return ignoreTermination && TrimEnd(expected).Trim((byte)' ').SequenceEqual(TrimEnd(actual).Trim((byte)' '));
        // Binary payloads (blocks, raw bytes) are compared as bytes, only without their termination.
        if (!SessionPayload.IsText(expected) || !SessionPayload.IsText(actual))
            return TrimEnd(expected).SequenceEqual(TrimEnd(actual));
        return Normalize(Encoding.Latin1.GetString(expected)) == Normalize(Encoding.Latin1.GetString(actual));
    }

    /// <summary>The SCPI form of a message, as relaxed matching compares it.</summary>
    public static string Normalize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var commands = SplitOutsideQuotes(message.Trim(), ';');
        return string.Join(';', commands.Select(NormalizeCommand).Where(c => c.Length > 0));
    }

    /// <summary>
    /// The short form of a mnemonic: its first four letters, or three when the fourth is a vowel (SCPI's rule); a numeric
    /// suffix of 1 is the default and is dropped.
    /// </summary>
    public static string ShortForm(string mnemonic) => ShortForm(mnemonic, dropDefaultSuffix: true);

    private static string ShortForm(string mnemonic, bool dropDefaultSuffix)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        var upper = mnemonic.ToUpperInvariant();
        var letters = upper.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var suffix = upper[letters.Length..];
        if (letters.Length == 0 || !letters.All(char.IsAsciiLetter))
            return upper;
        if (letters.Length > 4)
            letters = "AEIOU".Contains(letters[3], StringComparison.Ordinal) ? letters[..3] : letters[..4];
        return dropDefaultSuffix && suffix == "1" ? letters : letters + suffix;
    }

    private static string NormalizeCommand(string command)
    {
        command = command.Trim();
        if (command.Length == 0)
            return "";
        var space = command.IndexOfAny([' ', '\t']);
        var header = space < 0 ? command : command[..space];
        var parameters = space < 0 ? "" : command[(space + 1)..].Trim();
        var normalized = NormalizeHeader(header);
        if (parameters.Length == 0)
            return normalized;
        return normalized + " " + string.Join(',', SplitOutsideQuotes(parameters, ',').Select(NormalizeParameter));
    }

    private static string NormalizeHeader(string header)
    {
        if (header.StartsWith('*'))
            return header.ToUpperInvariant();
        var query = header.EndsWith('?');
        var body = header.TrimStart(':').TrimEnd('?');
        var parts = body.Split(':').Select(m => ShortForm(m, dropDefaultSuffix: true));
        return string.Join(':', parts) + (query ? "?" : "");
    }

    private static string NormalizeParameter(string parameter)
    {
        var p = parameter.Trim();
        if (p.Length == 0)
            return p;
        if (p[0] is '"' or '\'')
            return p;
        if (double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number.ToString("R", CultureInfo.InvariantCulture);
        var collapsed = string.Join(' ', p.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return collapsed.All(char.IsAsciiLetterOrDigit) ? ShortForm(collapsed, dropDefaultSuffix: false) : collapsed.ToUpperInvariant();
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> data) => data.TrimEnd("\r\n"u8);
}
