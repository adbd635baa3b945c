using System.Text;

namespace OpenVisa.Sim.Text;

/// <summary>
/// Turns the text of a pyvisa-sim query or reply into bytes, as pyvisa-sim's <c>to_bytes</c> does: the two-character
/// sequences <c>\r</c> and <c>\n</c> become CR and LF (so single-quoted YAML works), each <c>BYTES(...)</c> segment is
/// encoded as Latin-1 (one byte per character) and everything else as UTF-8.
/// </summary>
internal static class SimText
{
    private const string Directive = "BYTES(";

    /// <summary>The bytes of <paramref name="text"/>; throws <see cref="FormatException"/> when a BYTES segment holds a character above U+00FF.</summary>
    public static byte[] ToBytes(string text)
    {
        text = text.Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        if (!text.Contains(Directive, StringComparison.Ordinal))
            return Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var (start, end) = NextDirective(text, position);
            if (start < 0)
            {
                AppendPiece(output, text.AsSpan(position));
                break;
            }
            AppendPiece(output, text.AsSpan(position, start - position));
            AppendPiece(output, text.AsSpan(start, end - start));
            position = end;
        }
        return [.. output];
    }

    // A directive for splitting is "BYTES(" + one or more characters other than ')' + ")".
    private static (int Start, int End) NextDirective(string text, int from)
    {
        while (true)
        {
            var start = text.IndexOf(Directive, from, StringComparison.Ordinal);
            if (start < 0)
                return (-1, -1);
            var close = text.IndexOf(')', start + Directive.Length);
            if (close > start + Directive.Length)
                return (start, close + 1);
            from = start + 1;
        }
    }

    // A piece that is wholly "BYTES(...)" (anything inside, even ')' or nothing) is Latin-1; any other piece is UTF-8.
    private static void AppendPiece(List<byte> output, ReadOnlySpan<char> piece)
    {
        if (piece.Length >= Directive.Length + 1 && piece.StartsWith(Directive, StringComparison.Ordinal) && piece[^1] == ')')
        {
            foreach (var c in piece[Directive.Length..^1])
            {
                if (c > 0xFF)
                    throw new FormatException($"BYTES(...) holds the character U+{(int)c:X4} ('{c}'), which is not a single byte; write bytes as \\x00 to \\xff.");
                output.Add((byte)c);
            }
            return;
        }
        var buffer = new byte[Encoding.UTF8.GetByteCount(piece)];
        Encoding.UTF8.GetBytes(piece, buffer);
        output.AddRange(buffer);
    }

    /// <summary>Bytes as a Latin-1 string (one character per byte), the form the matchers compare on.</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>A Latin-1 string back to its bytes.</summary>
    public static byte[] FromLatin1(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Shows bytes for a message: printable ASCII as is, others escaped (\n, \r, \x01).</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length + 8);
        foreach (var b in bytes)
        {
            builder.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        return builder.ToString();
    }
}
