namespace OpenVisa.Server.Http;

/// <summary>One server-sent event of <c>GET /api/v1/events</c>.</summary>
/// <param name="Kind">The SSE event name: <c>srq</c> (a service request) or <c>traffic</c> (a message to or from an instrument over HTTP).</param>
/// <param name="Data">The event's JSON object, sent as its <c>data:</c> line.</param>
public sealed record ServerEvent(string Kind, string Data);
