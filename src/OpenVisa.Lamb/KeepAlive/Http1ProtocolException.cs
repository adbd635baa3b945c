namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// The server's answer broke HTTP/1.1 or ended early. <see cref="Exception.Message"/> continues "The Lamb server at
/// URL …" and names the route; <see cref="Status"/> is <c>VI_ERROR_CONN_LOST</c> for a connection that ended,
/// <c>VI_ERROR_IO</c> for bytes that make no sense. The connection it happened on is never used again.
/// </summary>
internal sealed class Http1ProtocolException(StatusCode status, string message) : Exception(message)
{
    public StatusCode Status { get; } = status;

    /// <summary>
    /// True when the server closed the connection before a single byte of the answer (the message then says only that):
    /// the request may be sent again on a new connection if it is idempotent.
    /// </summary>
    public bool ClosedBeforeAnswer { get; init; }
}

/// <summary>The call's deadline passed while sending, or waiting for the answer.</summary>
internal sealed class Http1TimeoutException() : Exception("The Lamb server did not answer within the timeout.");

/// <summary>
/// A response that names another request (<c>X-Request-Id</c>): a stale or duplicated one still on a kept-alive
/// connection, from a faulty proxy or gateway. It is refused, never taken as this request's answer.
/// </summary>
internal sealed class StaleAnswerException(string answered, string asked) : Exception($"answer to request {answered} for request {asked}")
{
    public string Answered { get; } = answered;

    public string Asked { get; } = asked;
}
