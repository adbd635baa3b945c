namespace OpenVisa.Instruments;

/// <summary>
/// SCPI string arguments (IEEE 488.2 string program data): every driver that puts user text into a command quotes it
/// here, so a quote, a semicolon or a second command inside the text stays text. Without this,
/// <c>DISP:TEXT "hi";*RST</c> typed as a display message would reset the instrument.
/// </summary>
public static class ScpiString
{
    /// <summary>
    /// <paramref name="text"/> in double quotes, each quote inside doubled (<c>say "hi"</c> becomes
    /// <c>"say ""hi"""</c>), as IEEE 488.2 §7.7.5 defines it.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds a line break, which would end the command early.</exception>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lineBreak = text.AsSpan().IndexOfAny('\n', '\r');
        if (lineBreak >= 0)
            throw new ArgumentException($"The text has a line break at character {lineBreak}, which would end the command there; send one line, or split it into several commands.", nameof(text));
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// The text inside a quoted reply, with doubled quotes made single again (<c>"say ""hi"""</c> becomes
    /// <c>say "hi"</c>; single quotes likewise); text that is not quoted comes back as it is.
    /// </summary>
    public static string Unquote(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Length < 2)
            return reply;
        var quote = reply[0];
        if ((quote != '"' && quote != '\'') || reply[^1] != quote)
            return reply;
        var doubled = new string(quote, 2);
        return reply[1..^1].Replace(doubled, quote.ToString(), StringComparison.Ordinal);
    }
}
