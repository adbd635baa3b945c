using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OpenVisa.Lamb.KeepAlive;

namespace OpenVisa.Lamb;

/// <summary>
/// The HTTP side of a <see cref="LambLibrary"/>: keep-alive connections shared by every session (PyTestLab opens a new
/// client per request), requests shaped as PyTestLab sends them, a per-call deadline, and HTTP and network failures
/// turned into <see cref="VisaException"/>s that carry the server's own message.
/// </summary>
/// <remarks>
/// A plain <c>http://</c> server reached without a proxy is talked to over <see cref="KeepAliveTransport"/>'s own
/// HTTP/1.1 connections (blocking sockets for the sync calls, so a timeout is the socket's own); <c>https://</c>, a
/// proxy from the environment, and bodies over <see cref="LargeBody"/> bytes (sent with <c>Expect: 100-continue</c>)
/// go through <see cref="HttpClient"/>. The bytes on the wire are the same either way.
/// </remarks>
internal sealed class LambHttp : IDisposable
{
    /// <summary>The variable holding a bearer token for servers started with <c>--http-token-file</c>.</summary>
    public const string TokenVariable = "OPENVISA_LAMB_TOKEN";

    /// <summary>Answers to queries with bodies of this many bytes or more are received where the reads want them (<see cref="SendForReads"/>).</summary>
    public const long StreamBodiesFrom = 64 * 1024;

    /// <summary>Bodies above this many bytes are sent with <c>Expect: 100-continue</c>, through <see cref="HttpClient"/>.</summary>
    public const long LargeBody = 64 * 1024;

    private readonly HttpClient _client;
    private readonly KeepAliveTransport? _keepAlive;
    private readonly string? _token;
    private readonly string? _bearer;
    private long _lastRequestId;

    /// <summary>A client of <paramref name="server"/>; <paramref name="keepAliveSockets"/> false sends everything through <see cref="HttpClient"/>.</summary>
    public LambHttp(Uri server, bool keepAliveSockets = true)
    {
        Server = server;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = KeepAliveTransport.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            // A response left unread (one refused for answering another request) closes its connection instead of
            // being drained for reuse, so stale bytes on it cannot answer a later request.
            MaxResponseDrainSize = 0,
            // Lamb sets no cookies; the cookie container would still be consulted on every request and response.
            UseCookies = false,
        };
        // Deadlines are per call (each session's timeout), so the client itself never times out.
        _client = new HttpClient(handler) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        if (keepAliveSockets && server.Scheme == Uri.UriSchemeHttp && !IsProxied(server))
            _keepAlive = new KeepAliveTransport(server);
        _token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : null;
        _bearer = _token is null ? null : new AuthenticationHeaderValue("Bearer", _token).ToString();
    }

    public Uri Server { get; }

    /// <summary>True when requests go over the keep-alive sockets, false when everything goes through <see cref="HttpClient"/>.</summary>
    public bool UsesKeepAliveSockets => _keepAlive is not null;

    /// <summary>A request as PyTestLab's client builds it: <c>Accept: application/json</c>, <c>Accept-Charset: utf-8</c>.</summary>
    public static LambRequest Request(HttpMethod method, string path, LambBody? body, TimeSpan timeout, string accept = "application/json", string? reservation = null) =>
        new(method, path, body, accept, reservation, timeout);

    /// <summary>A JSON body of string members, written straight to bytes.</summary>
    public static LambBody JsonBody(params (string Name, string Value)[] members)
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
        var body = new LambBody(buffer.WrittenSpan.ToArray(), "application/json");
        if (buffer.Capacity > 64 * 1024)
            t_jsonBuffer = null; // a huge command is not kept alive by the thread
        return body;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_jsonBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_jsonWriter;

    /// <summary>Sends synchronously and returns the whole body; failures become VISA errors (see <see cref="Failure(int, string?, string?, byte[], string, string, string?)"/>).</summary>
    public byte[] Send(in LambRequest request, string operation, string? resource) => Send(request, operation, resource, long.MaxValue).Body;

    /// <summary>
    /// As <see cref="Send(in LambRequest, string, string?)"/>, but a successful body of <see cref="StreamBodiesFrom"/> bytes
    /// or more, over the keep-alive sockets, is left on its connection as <c>OnConnection</c> (with an empty <c>Body</c>), to be
    /// received straight into the buffers of the reads that follow.
    /// </summary>
    public (byte[] Body, StreamedBody? OnConnection) SendForReads(in LambRequest request, string operation, string? resource) =>
        Send(request, operation, resource, StreamBodiesFrom);

    /// <summary>The VISA error for a failure while receiving the rest of a body left on its connection (<see cref="SendForReads"/>), answering <paramref name="route"/>.</summary>
    public VisaException ReceiveFailure(Exception e, string route, TimeSpan timeout, string operation, string? resource) =>
        Translate(e, route, timeout, default, operation, resource);

    private (byte[] Body, StreamedBody? OnConnection) Send(in LambRequest request, string operation, string? resource, long streamFrom)
    {
        var id = Interlocked.Increment(ref _lastRequestId);
        if (!UseKeepAlive(request))
            return (SendThroughHttpClient(request, id, operation, resource), null);
        try
        {
            var response = _keepAlive!.Exchange(request, id, _bearer, streamFrom);
            return response.IsSuccess ? (response.Body, response.Rest) : throw Failure(response.Status, response.Reason, response.MediaType, response.Body, request.Route, operation, resource);
        }
        catch (Exception e) when (e is Http1TimeoutException or Http1ProtocolException or StaleAnswerException or SocketException or IOException)
        {
            throw Translate(e, request.Route, request.Timeout, default, operation, resource);
        }
    }

    /// <summary>Sends asynchronously and returns the whole body; <paramref name="cancellationToken"/> cancels, the deadline times out.</summary>
    public async ValueTask<byte[]> SendAsync(LambRequest request, string operation, string? resource, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastRequestId);
        if (!UseKeepAlive(request))
            return await SendThroughHttpClientAsync(request, id, operation, resource, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _keepAlive!.ExchangeAsync(request, id, _bearer, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? response.Body : throw Failure(response.Status, response.Reason, response.MediaType, response.Body, request.Route, operation, resource);
        }
        catch (Exception e) when (e is Http1TimeoutException or Http1ProtocolException or StaleAnswerException or SocketException or IOException)
        {
            throw Translate(e, request.Route, request.Timeout, cancellationToken, operation, resource);
        }
    }

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _client.Dispose();
    }

    private bool UseKeepAlive(in LambRequest request) => _keepAlive is not null && (request.Body?.Bytes.Length ?? 0) <= LargeBody;

    private byte[] SendThroughHttpClient(in LambRequest request, long id, string operation, string? resource)
    {
        using var message = Message(request, id);
        using var deadline = Deadline(request.Timeout, default);
        try
        {
            using var response = _client.Send(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            CheckAnswersThisRequest(response, id);
            using var stream = response.Content.ReadAsStream(deadline.Token);
            var body = ReadAll(stream, response.Content.Headers.ContentLength);
            return response.IsSuccessStatusCode ? body : throw Failure(response, body, request, operation, resource);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or StaleAnswerException)
        {
            throw Translate(e, request.Route, request.Timeout, default, operation, resource);
        }
    }

    private async ValueTask<byte[]> SendThroughHttpClientAsync(LambRequest request, long id, string operation, string? resource, CancellationToken cancellationToken)
    {
        using var message = Message(request, id);
        using var deadline = Deadline(request.Timeout, cancellationToken);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            CheckAnswersThisRequest(response, id);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = await ReadAllAsync(stream, response.Content.Headers.ContentLength, deadline.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? body : throw Failure(response, body, request, operation, resource);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or StaleAnswerException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Translate(e, request.Route, request.Timeout, cancellationToken, operation, resource);
        }
    }

    /// <summary>The <see cref="HttpClient"/> form of <paramref name="request"/>, with the same headers the keep-alive path writes.</summary>
    private HttpRequestMessage Message(in LambRequest request, long id)
    {
        ByteArrayContent? content = null;
        if (request.Body is { } body)
        {
            content = new ByteArrayContent(body.Bytes);
            // Added as written (no parsing into a header object); the value is a constant known to be valid.
            content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
        }
        // Headers go in as text, unparsed (TryAddWithoutValidation): they are written to the wire as given.
        var message = new HttpRequestMessage(request.Method, request.Path) { Content = content };
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        message.Headers.TryAddWithoutValidation("Accept-Charset", "utf-8");
        message.Headers.TryAddWithoutValidation(Http1RequestWriter.RequestIdHeader, id.ToString(CultureInfo.InvariantCulture));
        if (_bearer is not null)
            message.Headers.TryAddWithoutValidation("Authorization", _bearer);
        if (request.Reservation is not null)
            message.Headers.Add("X-Reservation-Token", request.Reservation);
        // A large upload waits for the server's go-ahead, so a body over its limit gets the server's 413 and its reason
        // instead of a connection dropped halfway through sending.
        if (content?.Headers.ContentLength > LargeBody)
            message.Headers.ExpectContinue = true;
        // OpenVisa's server then gives up at the same moment and says so with VI_ERROR_TMO; Lamb ignores the header.
        if (!VisaTimeout.IsInfinite(request.Timeout))
            message.Headers.TryAddWithoutValidation("X-Timeout-Ms", Math.Max(1, (long)request.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>
    /// A response that names another request is a stale or duplicated one still on a kept-alive connection (a faulty
    /// proxy or gateway): it is refused, never taken as this request's answer, and its connection is closed.
    /// </summary>
    private static void CheckAnswersThisRequest(HttpResponseMessage response, long id)
    {
        // NonValidated: read as received, without parsing the headers into objects on every query.
        if (!response.Headers.NonValidated.TryGetValues(Http1RequestWriter.RequestIdHeader, out var answered))
            return;
        var asked = id.ToString(CultureInfo.InvariantCulture);
        var echoed = answered.ToString();
        if (echoed != asked)
            throw new StaleAnswerException(echoed, asked);
    }

    /// <summary>True when the environment's proxy settings (<c>http_proxy</c>, <c>no_proxy</c> …) send requests to <paramref name="server"/> through a proxy.</summary>
    private static bool IsProxied(Uri server)
    {
        var proxy = HttpClient.DefaultProxy;
        if (proxy.IsBypassed(server))
            return false;
        var via = proxy.GetProxy(server);
        return via is not null && via != server;
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!VisaTimeout.IsInfinite(timeout))
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

    private VisaException Translate(Exception e, string route, TimeSpan timeout, CancellationToken cancellationToken, string operation, string? resource)
    {
        switch (e)
        {
            case Http1TimeoutException:
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return new VisaException(StatusCode.ErrorTimeout,
                    $"The Lamb server at {Server} did not answer {route} within the {(long)timeout.TotalMilliseconds} ms timeout. A slow instrument needs a longer timeout.",
                    operation, resource, e);
            case StaleAnswerException stale:
                return new VisaException(StatusCode.ErrorIO,
                    $"The Lamb server at {Server} sent the answer to request {stale.Answered} for request {stale.Asked} ({route}): stale or duplicated bytes on the connection, " +
                    "from a proxy or gateway in between. The connection is closed; try again.", operation, resource, e);
            case Http1ProtocolException { ClosedBeforeAnswer: true } closed:
                return new VisaException(StatusCode.ErrorConnectionLost,
                    $"Could not talk to the Lamb server at {Server} ({route}): {closed.Message}. Is it running (ovisa serve --http PORT, or Lamb)? The next call opens a new connection.",
                    operation, resource, e);
            case Http1ProtocolException protocol:
                return new VisaException(protocol.Status, $"The Lamb server at {Server} {protocol.Message}", operation, resource, e);
            default:
                return new VisaException(StatusCode.ErrorConnectionLost,
                    $"Could not talk to the Lamb server at {Server} ({route}): {Innermost(e).Message}. Is it running (ovisa serve --http PORT, or Lamb), and is the URL right?",
                    operation, resource, e);
        }
    }

    private VisaException Failure(HttpResponseMessage response, byte[] body, in LambRequest request, string operation, string? resource) =>
        Failure((int)response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType?.MediaType, body, request.Route, operation, resource);

    /// <summary>
    /// The VISA error for an HTTP error status. OpenVisa's server names the VISA status itself (JSON <c>{status,
    /// message}</c>, or plain text <c>VI_ERROR_…: message</c>); for others: 404 → <c>VI_ERROR_RSRC_NFOUND</c>,
    /// 408/504 → <c>VI_ERROR_TMO</c>, 423 → <c>VI_ERROR_RSRC_LOCKED</c>, 401/403 → <c>VI_ERROR_INV_ACCESS_KEY</c>, else <c>VI_ERROR_IO</c>.
    /// </summary>
    internal VisaException Failure(int code, string? reason, string? mediaType, byte[] body, string route, string operation, string? resource)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        var message = text;
        StatusCode? named = null;
        if (mediaType == "application/json")
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
        var answered = string.IsNullOrEmpty(reason) ? $"{code}" : $"{code} {reason}";
        return new VisaException(status,
            $"The Lamb server at {Server} answered {answered} to {route}: {(message.Length == 0 ? "(no message)" : message)}{hint}",
            operation, resource);
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }
}
