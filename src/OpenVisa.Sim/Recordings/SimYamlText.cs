using System.Globalization;
using System.Text;

namespace OpenVisa;

/// <summary>
/// Writes bytes as the text of a pyvisa-sim query or reply, in a YAML double-quoted string, so that loading gives the
/// same bytes back: text that is valid UTF-8 stays text; anything else goes in <c>BYTES(...)</c> segments, which
/// pyvisa-sim and @sim read as Latin-1 (one byte per character).
/// </summary>
internal static class SimYamlText
{
    private const string Directive = "BYTES(";

    /// <summary>The YAML scalar (quotes included) whose pyvisa-sim bytes are <paramref name="data"/>.</summary>
    public static string Quote(ReadOnlySpan<byte> data) => "\"" + Escape(SimString(data)) + "\"";

    /// <summary>The pyvisa-sim string (before YAML quoting) whose bytes are <paramref name="data"/>.</summary>
    public static string SimString(ReadOnlySpan<byte> data) => IsPlainText(data) ? Encoding.UTF8.GetString(data) : Segments(data);

    /// <summary>A YAML double-quoted body: quotes, backslashes and control characters escaped.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or (>= '\x7f' and <= '\xff') => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    // Text goes through pyvisa-sim unchanged when it is UTF-8 (control characters included: YAML escapes them), has no
    // spaces at its ends (the loader strips them), and holds nothing the loader would read as a directive or an escape.
    private static bool IsPlainText(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return true;
        if (data[0] == (byte)' ' || data[^1] == (byte)' ')
            return false;
        if (data.IndexOf("BYTES("u8) >= 0 || data.IndexOf("RANDOM"u8) >= 0 || data.IndexOf("\\r"u8) >= 0 || data.IndexOf("\\n"u8) >= 0)
            return false;
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // BYTES segments never hold ')' (it would end them; it is written between segments, where it is itself), never
    // leave a backslash before 'r' or 'n', and never spell RANDOM (pyvisa-sim treats any reply holding it as a directive).
    private static string Segments(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder(data.Length + 16);
        var segment = new StringBuilder();
        foreach (var b in data)
        {
            if (b == (byte)')')
            {
                Close(output, segment);
                output.Append(')');
                continue;
            }
            if (segment.Length >= 5 && b == (byte)'M' && segment.ToString(segment.Length - 5, 5) == "RANDO")
                Close(output, segment);
            segment.Append((char)b);
            if (b == (byte)'\\')
                Close(output, segment);
        }
        Close(output, segment);
        return output.ToString();
    }

    private static void Close(StringBuilder output, StringBuilder segment)
    {
        if (segment.Length == 0)
            return;
        output.Append(Directive).Append(segment).Append(')');
        segment.Clear();
    }
}
