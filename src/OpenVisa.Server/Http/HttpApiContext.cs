namespace OpenVisa.Server.Http;

/// <summary>What every route handler of the HTTP API shares.</summary>
/// <param name="Gateway">The instruments, and the locked way to use them.</param>
/// <param name="Reservations">Who holds which instrument.</param>
/// <param name="Options">Limits, timeouts and leases.</param>
/// <param name="Events">The server-sent event fan-out.</param>
/// <param name="Endpoints">Where each instrument is also served (SOCKET, VXI-11, HiSLIP), for <c>GET /api/v1/instruments</c>.</param>
internal sealed record HttpApiContext(
    InstrumentGateway Gateway,
    ReservationTable Reservations,
    HttpServerOptions Options,
    ServerEventHub Events,
    Func<IReadOnlyList<ServedEndpoint>> Endpoints)
{
    /// <summary>Replies to messages sent with <c>POST …/write</c>, waiting for <c>POST …/read</c>, by instrument and client.</summary>
    public PendingReplies Pending { get; } = new();
}
