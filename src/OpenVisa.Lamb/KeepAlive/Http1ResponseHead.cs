using System.Text;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// The status line and headers of a response, parsed strictly: anything that is not HTTP/1.x with well-formed header
/// lines, a single decimal <c>Content-Length</c> and at most <c>Transfer-Encoding: chunked</c> is an error that says
/// what arrived, never a guess.
/// </summary>
internal readonly record struct Http1ResponseHead(int Status, string Reason, string? MediaType, string? RequestId, long? ContentLength, bool Chunked, bool KeepAlive)
{
    /// <summary>Parses <paramref name="head"/>: the bytes before the blank line, without it.</summary>
    /// <exception cref="Http1ProtocolException">When the head is not a well-formed HTTP/1.x response head.</exception>
    public static Http1ResponseHead Parse(ReadOnlySpan<byte> head, string route)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!TryParseStatusLine(statusLine, out var minor, out var status, out var reason))
        {
            throw new Http1ProtocolException(StatusCode.ErrorIO,
                $"answered {route} with something that is not an HTTP/1.1 response: \"{Printable(statusLine)}\". " +
                "Is the URL that of a Lamb server (ovisa serve --http, or Lamb), with no other service on that port?");
        }
        string? mediaType = null, requestId = null;
        long? contentLength = null;
        var chunked = false;
        var keepAlive = minor >= 1;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].IndexOfAny(" \t"u8) >= 0 || line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                throw new Http1ProtocolException(StatusCode.ErrorIO,
                    $"answered {route} with a malformed header line \"{Printable(line)}\" (HTTP/1.1 wants \"Name: value\").");
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!TryParseLength(value, out var length) || (contentLength is { } earlier && earlier != length))
                {
                    throw new Http1ProtocolException(StatusCode.ErrorIO,
                        $"answered {route} with an invalid Content-Length \"{Printable(value)}\"{(contentLength is { } e ? $" (after {e})" : "")}: the answer's length is unknown, so it is not read.");
                }
                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                if (!Ascii.EqualsIgnoreCase(value, "chunked"u8))
                {
                    throw new Http1ProtocolException(StatusCode.ErrorIO,
                        $"answered {route} with Transfer-Encoding \"{Printable(value)}\", which this client does not read (only chunked; it asks for no compression).");
                }
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                foreach (var token in Encoding.Latin1.GetString(value).Split(',', StringSplitOptions.TrimEntries))
                {
                    if (token.Equals("close", StringComparison.OrdinalIgnoreCase))
                        keepAlive = false;
                    else if (token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) && minor == 0)
                        keepAlive = true;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                var semicolon = value.IndexOf((byte)';');
                mediaType = Encoding.Latin1.GetString((semicolon < 0 ? value : value[..semicolon]).Trim(" \t"u8)).ToLowerInvariant();
            }
            else if (Ascii.EqualsIgnoreCase(name, "X-Request-Id"u8))
            {
                requestId = Encoding.Latin1.GetString(value);
            }
        }
        if (chunked)
        {
            // RFC 9112 §6.3: with both, chunked framing wins, and the connection must not be trusted afterwards.
            if (contentLength is not null)
                keepAlive = false;
            contentLength = null;
        }
        return new Http1ResponseHead(status, reason, mediaType, requestId, contentLength, chunked, keepAlive);
    }

    /// <summary>True for the statuses that never carry a body.</summary>
    public bool HasNoBody => Status is 204 or 304;

    /// <summary>1xx answers other than 101 are interim: the real answer follows on the same connection.</summary>
    public bool IsInterim => Status is >= 100 and <= 199 && Status != 101;

    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int minor, out int status, out string reason)
    {
        minor = 0;
        status = 0;
        reason = "";
        // "HTTP/1.1 200 OK": version, one space, three digits, then nothing or a space and the reason phrase.
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[7] is not ((byte)'0' or (byte)'1') || line[8] != (byte)' ')
            return false;
        if (line[9] is < (byte)'1' or > (byte)'5' || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11]))
            return false;
        if (line.Length > 12 && line[12] != (byte)' ')
            return false;
        minor = line[7] - '0';
        status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
        reason = line.Length > 13 ? Encoding.Latin1.GetString(line[13..]) : "";
        return true;
    }

    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.Length > 10)
            return false;
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return false;
            length = (length * 10) + (b - '0');
        }
        // A body is read into one array: a length over its limit is refused here, not by an allocation failure.
        return length <= Array.MaxLength;
    }

    /// <summary>At most 80 bytes of what arrived, control bytes shown as \xNN, for an error message.</summary>
    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, 80)])
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : $"\\x{b:X2}");
        if (bytes.Length > 80)
            text.Append('…');
        return text.ToString();
    }
}
