using System.Text;

namespace OpenVisa.Server.Http;

/// <summary>How a message appears in the traffic event stream: short text as it is, binary payloads summarised.</summary>
public static class TrafficPreview
{
    /// <summary>Messages up to this many bytes of printable text are shown whole.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The text of <paramref name="message"/>, or its first printable bytes and its length when it is long or binary.</summary>
    public static string Describe(ReadOnlySpan<byte> message)
    {
        var printable = 0;
        while (printable < message.Length && IsPrintable(message[printable]))
            printable++;
        if (printable == message.Length && message.Length <= MaxTextLength)
            return Encoding.Latin1.GetString(message);
        var shown = Math.Min(printable, 32);
        return $"{Encoding.Latin1.GetString(message[..shown])}… ({message.Length} bytes)";
    }

    private static bool IsPrintable(byte b) => b is >= 0x20 and < 0x7F or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
