using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenVisa.Server.Http;

/// <summary>Reading requests and writing answers and errors, the same way on every route.</summary>
internal static class HttpExchange
{
    /// <summary>The header a client sets to ask for a shorter per-request timeout than the server's, in milliseconds.</summary>
    public const string TimeoutHeader = "X-Timeout-Ms";

    public const string PlainText = "text/plain; charset=utf-8";

    public const string Binary = "application/octet-stream";

    /// <summary>The whole request body, at most <paramref name="limit"/> bytes.</summary>
    /// <exception cref="HttpFailure">413 when it is larger.</exception>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } declared && declared > limit)
            throw TooLarge(declared, limit);
        if (context.Request.ContentLength is { } length)
            return await ReadExactlyAsync(context, length, limit).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == Microsoft.AspNetCore.Http.StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Waits until <paramref name="reader"/> holds the whole request body and returns it, unconsumed: the caller reads it
    /// where it lies and then calls <see cref="System.IO.Pipelines.PipeReader.AdvanceTo(SequencePosition)"/> with its end.
    /// </summary>
    /// <exception cref="HttpFailure">413 when it is larger than <paramref name="limit"/>.</exception>
    public static async Task<ReadOnlySequence<byte>> ReadWholeBodyAsync(HttpContext context, System.IO.Pipelines.PipeReader reader, long limit)
    {
        if (context.Request.ContentLength is { } declared && declared > limit)
            throw TooLarge(declared, limit);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                if (result.IsCompleted)
                    return result.Buffer;
                // Nothing consumed, everything examined: the next read returns when more has arrived.
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == Microsoft.AspNetCore.Http.StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }
    }

    /// <summary>A body of a declared length, read into one array of that size (no stream copying through a growing buffer).</summary>
    private static async Task<byte[]> ReadExactlyAsync(HttpContext context, long length, long limit)
    {
        var body = new byte[length];
        try
        {
            await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == Microsoft.AspNetCore.Http.StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(null, limit);
        }
        return body;
    }

    /// <summary>Parses a JSON object body; 400 saying what is wrong otherwise.</summary>
    public static JsonElement ReadJsonObject(byte[] body, string route, string expected)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw HttpFailure.BadRequest($"{route} takes a JSON object such as {expected}, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw HttpFailure.BadRequest($"The body of {route} is not valid JSON ({e.Message}); send a JSON object such as {expected} with Content-Type: application/json.");
        }
    }

    /// <summary>The string member <paramref name="name"/>; 422 when it is missing or not a string and <paramref name="required"/>.</summary>
    public static string? StringMember(JsonElement body, string name, string route, bool required)
    {
        if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            return value.GetString();
        if (!required && (!body.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null))
            return null;
        var found = body.TryGetProperty(name, out value) ? $"it is a JSON {value.ValueKind.ToString().ToLowerInvariant()}" : "it is missing";
        throw new HttpFailure(422, StatusCode.ErrorInvalidParameter, $"{route} needs \"{name}\" as a string, but {found}.");
    }

    /// <summary>The timeout of this request: the server's, or less when the client asks for less.</summary>
    public static TimeSpan Timeout(HttpContext context, HttpServerOptions options)
    {
        var asked = context.Request.Headers[TimeoutHeader].ToString();
        if (asked.Length == 0)
            return options.RequestTimeout;
        if (!long.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds <= 0)
            throw HttpFailure.BadRequest($"The {TimeoutHeader} header must be a positive number of milliseconds, not \"{asked}\".");
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        return timeout < options.RequestTimeout ? timeout : options.RequestTimeout;
    }

    /// <summary>The reservation token the request carries, if any.</summary>
    public static string? ReservationToken(HttpContext context) =>
        context.Request.Headers[ReservationTable.TokenHeader].ToString() is { Length: > 0 } token ? token : null;

    /// <summary>The bytes of a command string: Latin-1, one byte per character, as instruments read them.</summary>
    public static byte[] CommandBytes(string command) => Encoding.Latin1.GetBytes(command);

    /// <summary>The caller's IP address (an IPv4 address mapped to IPv6 shown as IPv4), or <c>?</c> when not known.</summary>
    public static string CallerAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "?";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    public static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = PlainText;
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    public static Task WriteJsonAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, JsonOptions, context.RequestAborted);
    }

    /// <summary>Answers 200 with an instrument's whole reply (none: an empty body) as <c>application/octet-stream</c>.</summary>
    public static Task WriteBytesAsync(HttpContext context, ReplyBuffer? reply) => WriteBytesAsync(context, reply, 0, reply?.Length ?? 0);

    /// <summary>Answers 200 with <paramref name="count"/> bytes of <paramref name="reply"/> from <paramref name="offset"/> (none: an empty body), sent from its segments.</summary>
    public static async Task WriteBytesAsync(HttpContext context, ReplyBuffer? reply, int offset, int count)
    {
        StartBinary(context, count);
        if (reply is null)
            return; // a command with no reply: the empty body
        foreach (var piece in reply.Pieces(offset, count))
            await WriteInSlicesAsync(context, piece).ConfigureAwait(false);
    }

    /// <summary>Answers 200 with <paramref name="data"/> (a reply kept for a later read) as <c>application/octet-stream</c>.</summary>
    public static async Task WriteBytesAsync(HttpContext context, ReadOnlyMemory<byte> data)
    {
        StartBinary(context, data.Length);
        await WriteInSlicesAsync(context, data).ConfigureAwait(false);
    }

    private static void StartBinary(HttpContext context, long length)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = Binary;
        context.Response.ContentLength = length;
    }

    /// <summary>Writes <paramref name="data"/> to the response body in slices of <see cref="SendSlice"/> bytes.</summary>
    /// <remarks>
    /// Kestrel copies every write into its output pipe's 4 KiB pool blocks and sends when the write is flushed. One
    /// write of a 16 MiB reply fills 4 096 blocks (most of them newly allocated) from memory long out of cache before a
    /// byte is sent; a write per slice is sent (by the connection's thread, inline) before the next is copied, so a few
    /// blocks go round while they are still in cache. The server's CPU per byte of a 16 MiB block fell from about 0.6 to
    /// 0.43 ns (docs/performance.md, issue 16).
    /// </remarks>
    private static async Task WriteInSlicesAsync(HttpContext context, ReadOnlyMemory<byte> data)
    {
        for (var at = 0; at < data.Length; at += SendSlice)
            await context.Response.Body.WriteAsync(data.Slice(at, Math.Min(SendSlice, data.Length - at)), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Bytes per write of a reply: small enough that the pipe's blocks stay in a core's cache, large enough that the writes cost little.</summary>
    private const int SendSlice = 256 * 1024;

    // Relaxed escaping: messages quote names and commands, and \u0027 for every apostrophe helps nobody reading them.
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs <paramref name="handler"/>, answering a failure as plain text (<paramref name="json"/> false, the Lamb routes) or JSON <c>{status, message}</c>.</summary>
    public static RequestDelegate Guard(bool json, Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (HttpFailure failure) when (!context.Response.HasStarted)
        {
            await WriteFailureAsync(context, failure, json).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
    };

    public static Task WriteFailureAsync(HttpContext context, HttpFailure failure, bool json) =>
        json ? WriteJsonAsync(context, failure.HttpStatus, new ErrorBody(failure.StatusName, failure.Message))
             : WriteTextAsync(context, failure.HttpStatus, $"{failure.StatusName}: {failure.Message}");

    private static HttpFailure TooLarge(long? declared, long limit) =>
        new(413, StatusCode.ErrorInvalidParameter,
            $"The request body{(declared is { } d ? $" ({d} bytes)" : "")} is larger than this server's limit of {limit} bytes; send less, or start the server with a larger --http-max-body.");

    /// <summary>The JSON error body of the <c>/api/v1/</c> routes.</summary>
    private sealed record ErrorBody(string Status, string Message);
}
