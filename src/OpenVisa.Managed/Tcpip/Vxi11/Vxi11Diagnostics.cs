using System.Text;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>Short, printable descriptions of data for error messages and trace logs.</summary>
internal static class Vxi11Diagnostics
{
    private const int PreviewLength = 40;

    /// <summary>The first bytes as text, control characters escaped (<c>\n</c>, <c>\x01</c>), with "…" when cut.</summary>
    public static string Preview(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        foreach (var b in data[..Math.Min(data.Length, PreviewLength)])
        {
            text.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }
        if (data.Length > PreviewLength)
            text.Append('…');
        return text.ToString();
    }

    /// <summary>A byte as a character for messages: <c>'\n' (0x0A)</c>.</summary>
    public static string Character(byte value) => $"'{Preview([value])}' (0x{value:X2})";

    /// <summary>The message for a read that timed out.</summary>
    public static string ReadTimeout(uint timeoutMs, bool termCharEnabled, byte termChar, ReadOnlySpan<byte> soFar, bool endSuppressed)
    {
        var waited = timeoutMs == VisaTimeout.InfiniteValue ? "" : $" within {timeoutMs} ms";
        if (soFar.IsEmpty)
        {
            return $"The instrument had nothing to send{waited} (VXI-11 I/O timeout): was a query written first? A command the instrument does not understand, or one that is not a query, gets no reply.";
        }
        var ending = termCharEnabled
            ? $"neither END nor the termination character {Character(termChar)}"
            : "no END";
        var suppressed = endSuppressed ? " (END is suppressed by VI_ATTR_SUPPRESS_END_EN, so only the termination character ends a read)" : "";
        return $"{soFar.Length} bytes arrived{waited} (\"{Preview(soFar)}\") but {ending} came after them{suppressed}.";
    }
}
