using System.Globalization;

namespace OpenVisa.Instruments.Drivers;

/// <summary>Reading oscilloscope replies that name a channel (<c>CHAN2</c>, <c>CHANNEL2</c>, <c>CH2</c>, <c>C2</c>).</summary>
internal static class ScopeReplies
{
    /// <summary>The channel number in <paramref name="reply"/>, whose name starts with <paramref name="prefix"/> or a longer form of it.</summary>
    public static int ChannelNumber(string reply, string prefix)
    {
        var text = reply.Trim().Trim('"').ToUpperInvariant();
        var start = 0;
        if (text.StartsWith(prefix, StringComparison.Ordinal))
        {
            start = prefix.Length;
            while (start < text.Length && char.IsAsciiLetter(text[start]))
                start++;
        }
        return int.TryParse(text.AsSpan(start), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"the trigger source '{reply.Trim()}' is not an analog channel ({prefix}1 …)");
    }
}
