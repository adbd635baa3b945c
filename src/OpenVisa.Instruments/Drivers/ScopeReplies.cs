using System.Globalization;

namespace OpenVisa.Instruments.Drivers;

/// <summary>Reading oscilloscope replies that name a channel (<c>CHAN2</c>, <c>CH2</c>) and checking mnemonics that go into commands.</summary>
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

    /// <summary>
    /// <paramref name="mnemonic"/> when it is a bare SCPI mnemonic (letters and digits), so that it can go into a
    /// command as it is; anything else could smuggle a second command (<c>VPP;*RST</c>) and is refused.
    /// </summary>
    public static string Mnemonic(string mnemonic, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mnemonic);
        return mnemonic.All(char.IsAsciiLetterOrDigit)
            ? mnemonic
            : throw new ArgumentException($"'{mnemonic}' is not a {what} (letters and digits only, e.g. VPP or FREQ).", nameof(mnemonic));
    }
}
