using System.Text;

namespace OpenVisa.Server.Http;

/// <summary>How a message appears in the traffic event stream: short text as it is, binary payloads summarised.</summary>
public static class TrafficPreview
{
    /// <summary>Messages up to this many bytes of printable text are shown whole.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The text of <paramref name="message"/>, or its first printable bytes and its length when it is long or binary.</summary>
    public static string Describe(ReadOnlySpan<byte> message) => Describe(message, message.Length);

    /// <summary>
    /// As <see cref="Describe(ReadOnlySpan{byte})"/> for a message of <paramref name="length"/> bytes of which only the
    /// first, <paramref name="start"/>, were kept (at least <see cref="MaxTextLength"/> + 1 of them when there are more).
    /// </summary>
    public static string Describe(ReadOnlySpan<byte> start, long length)
    {
        var printable = 0;
        while (printable < start.Length && IsPrintable(start[printable]))
            printable++;
        if (printable == length && length <= MaxTextLength)
            return Encoding.Latin1.GetString(start);
        var shown = Math.Min(printable, 32);
        return $"{Encoding.Latin1.GetString(start[..shown])}… ({length} bytes)";
    }

    private static bool IsPrintable(byte b) => b is >= 0x20 and < 0x7F or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
