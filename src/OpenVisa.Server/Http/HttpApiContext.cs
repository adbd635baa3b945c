using Microsoft.AspNetCore.Http;
using OpenVisa.Managed.Server;

namespace OpenVisa.Server.Http;

/// <summary>What every route handler of the HTTP API shares.</summary>
/// <param name="Gateway">The instruments, and the locked way to use them.</param>
/// <param name="Reservations">Who holds which instrument.</param>
/// <param name="Options">Limits, timeouts and leases.</param>
/// <param name="Events">The server-sent event fan-out.</param>
/// <param name="Endpoints">Where each instrument is also served (SOCKET, VXI-11, HiSLIP), for <c>GET /api/v1/instruments</c>.</param>
/// <param name="Clients">Who is attached to each instrument over SOCKET, VXI-11, HiSLIP and serial.</param>
internal sealed record HttpApiContext(
    InstrumentGateway Gateway,
    ReservationTable Reservations,
    HttpServerOptions Options,
    ServerEventHub Events,
    Func<IReadOnlyList<ServedEndpoint>> Endpoints,
    ServedClientRegistry Clients)
{
    /// <summary>Replies to messages sent with <c>POST …/write</c>, waiting for <c>POST …/read</c>, by instrument and client.</summary>
    public PendingReplies Pending { get; } = new();

    /// <summary>Who called each instrument over HTTP lately.</summary>
    public HttpClientActivity HttpCallers { get; } = new(TimeProvider.System);

    /// <summary>The caller of this request, recorded as a recent HTTP client of <paramref name="instrument"/>.</summary>
    public ServedClient Caller(HttpContext context, ServedInstrument instrument)
    {
        var address = HttpExchange.CallerAddress(context);
        var clientId = context.Request.Headers[PendingReplies.ClientHeader].ToString();
        if (HttpCallers.Seen(instrument.Name, address, clientId))
            ClientsEvent.Publish(Events, instrument.Name, "HTTP", address, attached: true);
        return new ServedClient("HTTP", address, instrument.Device, clientId.Length == 0 ? null : clientId);
    }
}
