using System.Text;

namespace OpenVisa;

/// <summary>Renders received bytes for error messages: printable ASCII as is, everything else escaped.</summary>
internal static class PrintableBytes
{
    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes between single quotes, escaped like a Python bytes literal
    /// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c>, <c>\\</c>, <c>\'</c>, <c>\xNN</c>); an ellipsis after the closing
    /// quote says that more bytes followed.
    /// </summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int maxBytes = 32)
    {
        var shown = bytes.Length > maxBytes ? bytes[..maxBytes] : bytes;
        var text = new StringBuilder(shown.Length + 8);
        text.Append('\'');
        foreach (var b in shown)
        {
            switch (b)
            {
                case (byte)'\n': text.Append("\\n"); break;
                case (byte)'\r': text.Append("\\r"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case 0: text.Append("\\0"); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'\'': text.Append("\\'"); break;
                case >= 0x20 and < 0x7F: text.Append((char)b); break;
                default: text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        text.Append('\'');
        if (bytes.Length > maxBytes)
        {
            text.Append('…');
        }
        return text.ToString();
    }

    /// <summary>The same for text: control characters escaped, long text cut with an ellipsis.</summary>
    public static string Quote(ReadOnlySpan<char> chars, int maxChars = 40)
    {
        var shown = chars.Length > maxChars ? chars[..maxChars] : chars;
        var text = new StringBuilder(shown.Length + 8);
        text.Append('\'');
        foreach (var c in shown)
        {
            switch (c)
            {
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                case '\\': text.Append("\\\\"); break;
                case '\'': text.Append("\\'"); break;
                case < ' ' or '\x7F': text.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('\'');
        if (chars.Length > maxChars)
        {
            text.Append('…');
        }
        return text.ToString();
    }
}
