using System.Globalization;
using System.Text;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// Words for read failures on a byte stream. A timed-out read is the most common VISA support question (a missing or
/// wrong read termination), so the message says what arrived and which termination would have ended the read.
/// </summary>
internal static class ReadDiagnostics
{
    private const int PreviewLength = 40;

    /// <summary>The detail of a read timeout.</summary>
    /// <param name="timeoutMs">The session timeout.</param>
    /// <param name="termCharEnabled">Whether a termination character was enabled.</param>
    /// <param name="termChar">The termination character.</param>
    /// <param name="requested">The count the caller asked for.</param>
    /// <param name="received">The bytes of this read that arrived before the timeout (they are consumed).</param>
    public static string Timeout(uint timeoutMs, bool termCharEnabled, byte termChar, int requested, ReadOnlySpan<byte> received)
    {
        var text = new StringBuilder();
        var waited = timeoutMs == 0 ? "immediately (the timeout is 0)" : $"within {timeoutMs} ms";
        if (termCharEnabled)
        {
            text.Append(CultureInfo.InvariantCulture, $"The termination character {Name(termChar)} did not arrive {waited}; ");
            text.Append(Arrived(received)).Append('.');
            if (received.IsEmpty)
                text.Append(" The instrument sent nothing: was the command a query, and did it end with the termination the instrument expects (WriteTermination)?");
            else if (SuggestedTermination(received) is { } other && other[^1] != (char)termChar)
                text.Append(CultureInfo.InvariantCulture, $" The data ends with {Escape(other)}: the instrument may end its replies that way; set ReadTermination = \"{Escape(other)}\".");
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture,
            $"The read did not end {waited}: no termination character is enabled, so the read waits for the count ({requested} bytes) or the timeout; ");
        text.Append(Arrived(received)).Append('.');
        var suggestion = SuggestedTermination(received) ?? "\n";
        text.Append(CultureInfo.InvariantCulture, $" Set ReadTermination = \"{Escape(suggestion)}\" (or whatever ends the instrument's replies)");
        if (SuggestedTermination(received) is not null)
            text.Append(CultureInfo.InvariantCulture, $": the data that arrived ends with {Escape(suggestion)}");
        return text.Append('.').ToString();
    }

    /// <summary>"5 bytes arrived: "1.234"" or "nothing arrived".</summary>
    public static string Arrived(ReadOnlySpan<byte> received) => received.Length switch
    {
        0 => "nothing arrived",
        1 => $"1 byte arrived: \"{Preview(received)}\"",
        _ => $"{received.Length} bytes arrived: \"{Preview(received)}\"",
    };

    /// <summary>The first bytes, printable ASCII as is and the rest escaped, with an ellipsis when cut.</summary>
    public static string Preview(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        foreach (var b in data[..Math.Min(PreviewLength, data.Length)])
            text.Append(Escape(b));
        if (data.Length > PreviewLength)
            text.Append('…');
        return text.ToString();
    }

    /// <summary>A byte for messages: <c>'\n' (0x0A)</c>.</summary>
    public static string Name(byte b) => $"'{Escape(b)}' (0x{b:X2})";

    private static string? SuggestedTermination(ReadOnlySpan<byte> received) =>
        received.EndsWith("\r\n"u8) ? "\r\n" : received.EndsWith("\n"u8) ? "\n" : received.EndsWith("\r"u8) ? "\r" : null;

    private static string Escape(string text)
    {
        var result = new StringBuilder();
        foreach (var c in text)
            result.Append(Escape((byte)c));
        return result.ToString();
    }

    private static string Escape(byte b) => b switch
    {
        (byte)'\n' => "\\n",
        (byte)'\r' => "\\r",
        (byte)'\t' => "\\t",
        (byte)'"' => "\\\"",
        (byte)'\\' => "\\\\",
        >= 0x20 and < 0x7F => ((char)b).ToString(),
        _ => $"\\x{b:X2}",
    };
}
