namespace OpenVisa.Lamb.KeepAlive;

/// <summary>A whole HTTP response as the keep-alive transport read it: status, what the error path needs, and the body.</summary>
/// <param name="Status">The status code (200, 404 …).</param>
/// <param name="Reason">The reason phrase as sent (may be empty).</param>
/// <param name="MediaType">The <c>Content-Type</c> without its parameters, or null.</param>
/// <param name="RequestId">The echoed <c>X-Request-Id</c>, or null (Lamb sends none).</param>
/// <param name="Body">The body, de-chunked; empty when it is left on the connection (<see cref="Rest"/>).</param>
internal sealed record Http1Response(int Status, string Reason, string? MediaType, string? RequestId, byte[] Body)
{
    /// <summary>A large body left on its connection, to be received where the reads want it; null when <see cref="Body"/> is all of it.</summary>
    public StreamedBody? Rest { get; init; }

    public bool IsSuccess => Status is >= 200 and <= 299;
}
