namespace OpenVisa.Server.Http;

/// <summary>
/// The clients of one instrument as <c>GET /api/v1/instruments</c> and <c>…/{name}/clients</c> report them: those
/// attached over SOCKET, VXI-11, HiSLIP or serial (from the <see cref="ServedClientRegistry"/>), the HTTP callers of
/// the last minute, and the HTTP client holding the reservation.
/// </summary>
internal static class InstrumentClients
{
    public static IReadOnlyList<InstrumentClient> Of(HttpApiContext api, string instrument, Reservation? reservation)
    {
        var list = new List<InstrumentClient>();
        foreach (var client in api.Clients.Of(instrument))
            list.Add(new InstrumentClient(client.Transport, client.RemoteAddress, client.Session, client.Since, client.IsLocked, null));
        var holderListed = false;
        foreach (var caller in api.HttpCallers.Of(instrument))
        {
            var holds = reservation is not null && reservation.HolderAddress == caller.Address && reservation.HolderClientId == caller.ClientId;
            holderListed |= holds;
            list.Add(new InstrumentClient("HTTP", caller.Address, caller.ClientId.Length == 0 ? null : caller.ClientId, caller.Since, holds, caller.LastSeen));
        }
        // A reservation outlives its holder's last request (it may be idle for its whole lease): it is listed anyway.
        if (reservation is not null && !holderListed)
        {
            list.Add(new InstrumentClient("HTTP", reservation.HolderAddress ?? "?", reservation.HolderClientId.Length == 0 ? null : reservation.HolderClientId,
                reservation.Since, Locked: true, LastSeen: null));
        }
        return list;
    }
}

/// <summary>One client of an instrument in the HTTP API (camelCase JSON).</summary>
/// <param name="Transport"><c>SOCKET</c>, <c>VXI-11</c>, <c>HiSLIP</c>, <c>Serial</c> or <c>HTTP</c>.</param>
/// <param name="Address">Where it connects from.</param>
/// <param name="Session">The protocol's name for it (<c>link 3 to inst0</c>, <c>session 1 on hislip0</c>, an HTTP client id), or null.</param>
/// <param name="Since">When it attached (for HTTP: its first request of the last minute, or the reservation's start).</param>
/// <param name="Locked">True while it holds the instrument's lock (VXI-11, HiSLIP) or reservation (HTTP).</param>
/// <param name="LastSeen">For an HTTP caller, its last request; null otherwise.</param>
internal sealed record InstrumentClient(string Transport, string Address, string? Session, DateTimeOffset Since, bool Locked, DateTimeOffset? LastSeen);
