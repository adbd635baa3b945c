using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenVisa.Lamb;

/// <summary>
/// The one HTTP client of a <see cref="LambLibrary"/>: keep-alive connections shared by every session (PyTestLab opens
/// a new client per request), requests shaped as PyTestLab sends them, a per-call deadline, and HTTP and network
/// failures turned into <see cref="VisaException"/>s that carry the server's own message.
/// </summary>
internal sealed class LambHttp : IDisposable
{
    /// <summary>The variable holding a bearer token for servers started with <c>--http-token-file</c>.</summary>
    public const string TokenVariable = "OPENVISA_LAMB_TOKEN";

    /// <summary>Bodies above this many bytes are sent with <c>Expect: 100-continue</c>.</summary>
    private const long LargeBody = 64 * 1024;

    /// <summary>Tags each request; OpenVisa's server echoes it on the response (Lamb does not, and is not checked).</summary>
    public const string RequestIdHeader = "X-Request-Id";

    private readonly HttpClient _client;
    private readonly string? _token;
    private readonly string? _bearer;
    private long _lastRequestId;

    public LambHttp(Uri server)
    {
        Server = server;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            // A response left unread (one refused for answering another request) closes its connection instead of
            // being drained for reuse, so stale bytes on it cannot answer a later request.
            MaxResponseDrainSize = 0,
            // Lamb sets no cookies; the cookie container would still be consulted on every request and response.
            UseCookies = false,
        };
        // Deadlines are per call (each session's timeout), so the client itself never times out.
        _client = new HttpClient(handler) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        _token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : null;
        _bearer = _token is null ? null : new AuthenticationHeaderValue("Bearer", _token).ToString();
    }

    public Uri Server { get; }

    /// <summary>A JSON body of string members, written straight to bytes.</summary>
    public static ByteArrayContent JsonBody(params (string Name, string Value)[] members)
    {
        // Every query builds one: the writer and its buffer are kept per thread and reset, so only the body's array is new.
        var buffer = t_jsonBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_jsonWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (name, value) in members)
            writer.WriteString(name, value);
        writer.WriteEndObject();
        writer.Flush();
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        // Added as written (no parsing into a header object); the value is a constant known to be valid.
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (buffer.Capacity > 64 * 1024)
            t_jsonBuffer = null; // a huge command is not kept alive by the thread
        return content;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_jsonBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_jsonWriter;

    /// <summary>A request as PyTestLab's client builds it: <c>Accept: application/json</c>, <c>Accept-Charset: utf-8</c>.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, string accept = "application/json", string? reservation = null, TimeSpan? timeout = null)
    {
        // Headers go in as text, unparsed (TryAddWithoutValidation): they are written to the wire as given, and parsing
        // each into header objects only to print them again was a measurable part of a query's cost.
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.TryAddWithoutValidation("Accept-Charset", "utf-8");
        request.Headers.TryAddWithoutValidation(RequestIdHeader, Interlocked.Increment(ref _lastRequestId).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_bearer is not null)
            request.Headers.TryAddWithoutValidation("Authorization", _bearer);
        if (reservation is not null)
            request.Headers.Add("X-Reservation-Token", reservation);
        // A large upload waits for the server's go-ahead, so a body over its limit gets the server's 413 and its reason
        // instead of a connection dropped halfway through sending.
        if (content?.Headers.ContentLength > LargeBody)
            request.Headers.ExpectContinue = true;
        // OpenVisa's server then gives up at the same moment and says so with VI_ERROR_TMO; Lamb ignores the header.
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan)
            request.Headers.TryAddWithoutValidation("X-Timeout-Ms", Math.Max(1, (long)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>Sends synchronously and returns the whole body; failures become VISA errors (see <see cref="Failure"/>).</summary>
    public byte[] Send(HttpRequestMessage request, TimeSpan timeout, string operation, string? resource)
    {
        using var deadline = Deadline(timeout, default);
        try
        {
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            CheckAnswersThisRequest(request, response, operation, resource);
            using var stream = response.Content.ReadAsStream(deadline.Token);
            var body = ReadAll(stream, response.Content.Headers.ContentLength);
            return response.IsSuccessStatusCode ? body : throw Failure(response, body, request, operation, resource);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            throw Translate(e, request, timeout, default, operation, resource);
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>Sends asynchronously and returns the whole body; <paramref name="cancellationToken"/> cancels, the deadline times out.</summary>
    public async ValueTask<byte[]> SendAsync(HttpRequestMessage request, TimeSpan timeout, string operation, string? resource, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(timeout, cancellationToken);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            CheckAnswersThisRequest(request, response, operation, resource);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = await ReadAllAsync(stream, response.Content.Headers.ContentLength, deadline.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? body : throw Failure(response, body, request, operation, resource);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Translate(e, request, timeout, cancellationToken, operation, resource);
        }
        finally
        {
            request.Dispose();
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// A response that names another request is a stale or duplicated one still on a kept-alive connection (a faulty
    /// proxy or gateway): it is refused, never taken as this request's answer, and its connection is closed.
    /// </summary>
    private void CheckAnswersThisRequest(HttpRequestMessage request, HttpResponseMessage response, string operation, string? resource)
    {
        // NonValidated: read as received, without parsing the headers into objects on every query.
        if (!response.Headers.NonValidated.TryGetValues(RequestIdHeader, out var answered))
            return;
        request.Headers.NonValidated.TryGetValues(RequestIdHeader, out var asked);
        var sent = asked.ToString();
        var echoed = answered.ToString();
        if (echoed == sent)
            return;
        throw new VisaException(StatusCode.ErrorIO,
            $"The Lamb server at {Server} sent the answer to request {echoed} for request {sent} ({Route(request)}): stale or duplicated bytes on the connection, " +
            "from a proxy or gateway in between. The connection is closed; try again.", operation, resource);
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
            deadline.CancelAfter(timeout);
        return deadline;
    }

    private static byte[] ReadAll(Stream stream, long? length)
    {
        if (length is { } exact and <= int.MaxValue)
        {
            // The usual case: the server says how long the body is, so it lands in one array of the right size.
            var body = new byte[exact];
            stream.ReadExactly(body);
            return body;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async ValueTask<byte[]> ReadAllAsync(Stream stream, long? length, CancellationToken cancellationToken)
    {
        if (length is { } exact and <= int.MaxValue)
        {
            var body = new byte[exact];
            await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            return body;
        }
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }

    private VisaException Translate(Exception e, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken, string operation, string? resource)
    {
        var route = Route(request);
        if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new VisaException(StatusCode.ErrorTimeout,
                $"The Lamb server at {Server} did not answer {route} within the {(long)timeout.TotalMilliseconds} ms timeout. A slow instrument needs a longer timeout.",
                operation, resource, e);
        }
        return new VisaException(StatusCode.ErrorConnectionLost,
            $"Could not talk to the Lamb server at {Server} ({route}): {Innermost(e).Message}. Is it running (ovisa serve --http PORT, or Lamb), and is the URL right?",
            operation, resource, e);
    }

    /// <summary>
    /// The VISA error for an HTTP error status. OpenVisa's server names the VISA status itself (JSON <c>{status,
    /// message}</c>, or plain text <c>VI_ERROR_…: message</c>); for others: 404 → <c>VI_ERROR_RSRC_NFOUND</c>,
    /// 408/504 → <c>VI_ERROR_TMO</c>, 423 → <c>VI_ERROR_RSRC_LOCKED</c>, 401/403 → <c>VI_ERROR_INV_ACCESS_KEY</c>, else <c>VI_ERROR_IO</c>.
    /// </summary>
    internal VisaException Failure(HttpResponseMessage response, byte[] body, HttpRequestMessage request, string operation, string? resource)
    {
        var code = (int)response.StatusCode;
        var text = Encoding.UTF8.GetString(body).Trim();
        var message = text;
        StatusCode? named = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("status", out var statusName) && statusName.ValueKind == JsonValueKind.String
                    && StatusCodes.TryParse(statusName.GetString()!, out var parsed))
                {
                    named = parsed;
                    message = json.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? text : text;
                }
            }
            catch (JsonException)
            {
                // Not the JSON error OpenVisa sends: report the body as it is.
            }
        }
        else if (text.StartsWith("VI_", StringComparison.Ordinal) && text.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon
            && StatusCodes.TryParse(text[..colon], out var fromText))
        {
            named = fromText;
            message = text[(colon + 2)..];
        }
        var status = named ?? code switch
        {
            404 => StatusCode.ErrorResourceNotFound,
            408 or 504 => StatusCode.ErrorTimeout,
            423 => StatusCode.ErrorResourceLocked,
            401 or 403 => StatusCode.ErrorInvalidAccessKey,
            _ => StatusCode.ErrorIO,
        };
        var hint = code is 401 && _token is null ? $" Set {TokenVariable} to the server's token." : "";
        return new VisaException(status,
            $"The Lamb server at {Server} answered {code} {response.ReasonPhrase} to {Route(request)}: {(message.Length == 0 ? "(no message)" : message)}{hint}",
            operation, resource);
    }

    /// <summary><c>POST /add</c>: the method and path, the server being named already.</summary>
    private static string Route(HttpRequestMessage request) =>
        $"{request.Method} {(request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : request.RequestUri?.OriginalString)}";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
