namespace OpenVisa.Lamb;

/// <summary>
/// One request of the <c>@lamb</c> backend, before it is put on the wire by either transport (the keep-alive sockets of
/// <see cref="KeepAlive.KeepAliveTransport"/>, or <see cref="HttpClient"/> for TLS, proxies and large uploads).
/// </summary>
/// <param name="Method">GET, POST or DELETE.</param>
/// <param name="Path">The path, already escaped (<c>/instrument/query_raw</c>); the server URL's own path is not prefixed, as with <see cref="HttpClient.BaseAddress"/> and a rooted path.</param>
/// <param name="Body">The body with its content type, or null for none.</param>
/// <param name="Accept">The <c>Accept</c> header, as PyTestLab's client sends it.</param>
/// <param name="Reservation">The reservation token while the session holds a lock.</param>
/// <param name="Timeout">The whole call's deadline, also sent as <c>X-Timeout-Ms</c> so OpenVisa's server gives up at the same moment.</param>
internal readonly record struct LambRequest(HttpMethod Method, string Path, LambBody? Body, string Accept, string? Reservation, TimeSpan Timeout)
{
    /// <summary><c>POST /add</c>: the method and path, for messages (the server is named already).</summary>
    public string Route => $"{Method.Method} {Path}";

    /// <summary>GETs and DELETEs may be sent again when a kept-alive connection turns out dropped; a POST (a write or a query, which an instrument acts on) never is.</summary>
    public bool IsIdempotent => Method == HttpMethod.Get || Method == HttpMethod.Delete;
}

/// <summary>A request body: its bytes and its <c>Content-Type</c>.</summary>
internal sealed record LambBody(byte[] Bytes, string ContentType);
