namespace OpenVisa;

/// <summary>
/// Splits a resource name at <c>::</c>, except inside square brackets, so that a bracketed IPv6 address
/// (<c>TCPIP::[fe80::1]::INSTR</c>) or a gateway device name (<c>usb0[2391::1031::MY123::0]</c>) stays one part.
/// </summary>
internal static class ResourceNameTokenizer
{
    /// <summary>The parts of <paramref name="text"/>; fails on an unclosed <c>[</c>, on <c>:::</c> and on a trailing <c>:</c>.</summary>
    public static List<string> Split(string text, NameParseContext context)
    {
        var parts = new List<string>();
        var depth = 0;
        var openedAt = -1;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[':
                    if (depth++ == 0)
                    {
                        openedAt = i;
                    }
                    break;
                case ']' when depth > 0:
                    depth--;
                    break;
                case ':' when depth == 0 && i + 1 < text.Length && text[i + 1] == ':':
                    if (i + 2 < text.Length && text[i + 2] == ':' && (i + 3 == text.Length || text[i + 3] != ':'))
                    {
                        // ':::' leaves a part starting or ending with ':', which prints back as ':::' and splits elsewhere.
                        context.Fail($"three colons in a row at position {i + 1}; parts are separated by exactly two ('::')");
                    }
                    parts.Add(text[start..i]);
                    start = i + 2;
                    i++;
                    break;
            }
        }
        if (depth > 0)
        {
            context.Fail($"the '[' at position {openedAt + 1} is never closed by ']'");
        }
        if (text.EndsWith(':') && depth == 0)
        {
            // A part ending in ':' would print as ':::' before the next part and read back differently.
            context.Fail($"it ends with a single ':' at position {text.Length}; parts are separated by '::' and the last part has no colon after it");
        }
        parts.Add(text[start..]);
        return parts;
    }
}
