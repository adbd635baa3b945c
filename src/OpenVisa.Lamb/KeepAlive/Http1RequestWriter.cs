using System.Buffers;
using System.Globalization;
using System.Text;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// Writes a <see cref="LambRequest"/> as the HTTP/1.1 bytes <see cref="HttpClient"/> sends for it (the same headers in
/// the same order, so the wire format is what PyTestLab's client and the earlier <c>@lamb</c> sent), head and body in
/// one buffer so the request leaves in one send.
/// </summary>
internal static class Http1RequestWriter
{
    /// <summary>Tags each request; OpenVisa's server echoes it on the response.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    public static void Write(ArrayBufferWriter<byte> output, in LambRequest request, string hostHeader, long requestId, string? authorization)
    {
        Append(output, request.Method.Method);
        Append(output, " ");
        Append(output, request.Path);
        Append(output, " HTTP/1.1\r\nHost: ");
        Append(output, hostHeader);
        Header(output, "Accept", request.Accept);
        Header(output, "Accept-Charset", "utf-8");
        Append(output, "\r\n" + RequestIdHeader + ": ");
        AppendNumber(output, requestId);
        if (authorization is not null)
            Header(output, "Authorization", authorization);
        if (request.Reservation is not null)
            Header(output, "X-Reservation-Token", request.Reservation);
        if (!VisaTimeout.IsInfinite(request.Timeout))
        {
            Append(output, "\r\nX-Timeout-Ms: ");
            AppendNumber(output, Math.Max(1, (long)request.Timeout.TotalMilliseconds));
        }
        if (request.Body is { } body)
        {
            Header(output, "Content-Type", body.ContentType);
            Append(output, "\r\nContent-Length: ");
            AppendNumber(output, body.Bytes.Length);
        }
        else if (request.Method == HttpMethod.Post)
        {
            // HttpClient announces an empty POST body; servers may otherwise answer 411 Length Required.
            Append(output, "\r\nContent-Length: 0");
        }
        Append(output, "\r\n\r\n");
        if (request.Body is { } content)
            output.Write(content.Bytes);
    }

    private static void Header(ArrayBufferWriter<byte> output, string name, string value)
    {
        Append(output, "\r\n");
        Append(output, name);
        Append(output, ": ");
        Append(output, value);
    }

    /// <summary>Latin-1, one byte per character, as <see cref="HttpClient"/> writes header values.</summary>
    private static void Append(ArrayBufferWriter<byte> output, string text)
    {
        var written = Encoding.Latin1.GetBytes(text, output.GetSpan(text.Length));
        output.Advance(written);
    }

    private static void AppendNumber(ArrayBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }
}
