namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// The Prologix adapters' data escaping: an unescaped LF or CR ends the line the adapter receives, and a line starting
/// with <c>++</c> is a command, so CR, LF, ESC and <c>+</c> inside data each go with an ESC (0x1B) before them. Every other
/// byte passes as is, so a binary block of any bytes arrives intact.
/// </summary>
internal static class PrologixEscaping
{
    public const byte Escape = 0x1B;

    /// <summary>True for the four bytes that need an ESC before them.</summary>
    public static bool NeedsEscape(byte b) => b is (byte)'\r' or (byte)'\n' or Escape or (byte)'+';

    /// <summary>The escaped length of <paramref name="data"/>.</summary>
    public static int EscapedLength(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        foreach (var b in data)
        {
            if (NeedsEscape(b))
                length++;
        }
        return length;
    }

    /// <summary>Writes <paramref name="data"/> escaped into <paramref name="destination"/> (at least <see cref="EscapedLength"/> long); returns the count written.</summary>
    public static int EscapeInto(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var written = 0;
        foreach (var b in data)
        {
            if (NeedsEscape(b))
                destination[written++] = Escape;
            destination[written++] = b;
        }
        return written;
    }

    /// <summary>Removes the escapes of one received line (without its terminating LF) in place; returns the data length.</summary>
    public static int UnescapeInPlace(Span<byte> line)
    {
        var written = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == Escape && i + 1 < line.Length)
                i++;
            line[written++] = line[i];
        }
        return written;
    }
}
