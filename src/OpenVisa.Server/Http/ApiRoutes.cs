using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenVisa.Server.Http;

/// <summary>
/// OpenVisa's own HTTP API under <c>/api/v1/</c>: what Lamb lacks (read, status byte, clear, trigger, reservations,
/// events) over the same instruments. Errors are JSON <c>{"status": "VI_ERROR_…", "message": "…"}</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>GET /api/v1/server</c></term><description><c>{"server": "OpenVisa", "version", "api": 1}</c>: how a client tells this server from Lamb.</description></item>
/// <item><term><c>GET /api/v1/instruments</c></term><description>each instrument's name, <c>*IDN?</c>, other transports, reservation and connected clients.</description></item>
/// <item><term><c>GET …/instruments/{name}/clients</c></term><description>who is attached to it now, over every transport (see <see cref="InstrumentClients"/>).</description></item>
/// <item><term><c>POST …/instruments/{name}/write</c></term><description>text body; a query's reply is kept for <c>…/read</c> by the same <c>X-Client-Id</c>.</description></item>
/// <item><term><c>POST …/read</c></term><description>the kept reply, <c>application/octet-stream</c>.</description></item>
/// <item><term><c>POST …/query</c></term><description>text body → text reply.</description></item>
/// <item><term><c>POST …/query_binary[?block=true]</c></term><description>→ reply bytes; with <c>block=true</c> only the data of its IEEE 488.2 block, its length in <c>X-Block-Length</c>.</description></item>
/// <item><term><c>GET …/stb</c>, <c>POST …/clear</c>, <c>POST …/trigger</c></term><description>status byte <c>{"stb": n}</c>, device clear, trigger.</description></item>
/// <item><term><c>POST …/reservation</c>, <c>DELETE …/reservation</c></term><description><c>{"lease_seconds"?}</c> → <c>{"token", "expires", "leaseSeconds"}</c>; renew by posting with the token; release.</description></item>
/// <item><term><c>GET /api/v1/events</c></term><description>server-sent events: <c>srq</c>, <c>traffic</c> (every client's messages, any transport) and <c>clients</c> (one attached or left).</description></item>
/// </list>
/// Every instrument route honours reservations (<c>X-Reservation-Token</c>) and <c>X-Timeout-Ms</c>.
/// </remarks>
internal static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    public static void Map(IEndpointRouteBuilder app, HttpApiContext api)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/server", Json(context => HttpExchange.WriteJsonAsync(context, 200, new
        {
            server = "OpenVisa",
            version = typeof(ApiRoutes).Assembly.GetName().Version?.ToString(),
            api = 1,
        })));
        group.MapGet("/instruments", Json(context => ListAsync(context, api)));
        group.MapGet("/instruments/{name}/clients", Json(context =>
        {
            var instrument = api.Gateway.Find(Name(context));
            return HttpExchange.WriteJsonAsync(context, 200, InstrumentClients.Of(api, instrument.Name, api.Reservations.Find(instrument.Name)));
        }));
        group.MapPost("/instruments/{name}/write", Json(context => WriteAsync(context, api)));
        group.MapPost("/instruments/{name}/read", Json(context => ReadAsync(context, api)));
        group.MapPost("/instruments/{name}/query", Json(context => QueryAsync(context, api, binary: false)));
        group.MapPost("/instruments/{name}/query_binary", Json(context => QueryAsync(context, api, binary: true)));
        group.MapGet("/instruments/{name}/stb", Json(async context =>
        {
            var (instrument, timeout) = Instrument(context, api);
            var stb = await api.Gateway.RunAsync(instrument, "status byte read", timeout, context.RequestAborted, (d, t) => d.ReadStatusByteAsync(t)).ConfigureAwait(false);
            await HttpExchange.WriteJsonAsync(context, 200, new { stb = (int)stb }).ConfigureAwait(false);
        }));
        group.MapPost("/instruments/{name}/clear", Json(async context =>
        {
            var (instrument, timeout) = Instrument(context, api);
            await api.Gateway.RunAsync(instrument, "device clear", timeout, context.RequestAborted, async (d, t) =>
            {
                await d.ClearAsync(t).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        }));
        group.MapPost("/instruments/{name}/trigger", Json(async context =>
        {
            var (instrument, timeout) = Instrument(context, api);
            await api.Gateway.RunAsync(instrument, "trigger", timeout, context.RequestAborted, async (d, t) =>
            {
                await d.TriggerAsync(t).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        }));
        group.MapPost("/instruments/{name}/reservation", Json(context => ReserveAsync(context, api)));
        group.MapDelete("/instruments/{name}/reservation", Json(context =>
        {
            var instrument = api.Gateway.Find(Name(context));
            api.Reservations.Release(instrument.Name, HttpExchange.ReservationToken(context));
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
        group.MapGet("/events", Json(context => ServerSentEvents.StreamAsync(context, api.Events)));
    }

    private static RequestDelegate Json(Func<HttpContext, Task> handler) => HttpExchange.Guard(json: true, handler);

    private static async Task ListAsync(HttpContext context, HttpApiContext api)
    {
        var timeout = HttpExchange.Timeout(context, api.Options);
        var endpoints = api.Endpoints();
        var list = new List<object>();
        foreach (var instrument in api.Gateway.Instruments)
        {
            var reservation = api.Reservations.Find(instrument.Name);
            list.Add(new
            {
                name = instrument.Name,
                idn = await api.Gateway.IdentityAsync(instrument, timeout, context.RequestAborted).ConfigureAwait(false),
                transports = endpoints.Where(e => e.Instrument == instrument.Name).Select(e => new { protocol = e.Protocol, resourceName = e.ResourceName }).ToArray(),
                reserved = reservation is not null,
                reservationExpires = reservation?.Expires,
                clients = InstrumentClients.Of(api, instrument.Name, reservation),
            });
        }
        await HttpExchange.WriteJsonAsync(context, 200, list).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, HttpApiContext api)
    {
        var (instrument, timeout) = Instrument(context, api);
        var message = TrimTermination(await HttpExchange.ReadBodyAsync(context, api.Options.MaxRequestBodyBytes).ConfigureAwait(false));
        var client = context.Request.Headers[PendingReplies.ClientHeader].ToString();
        using var reply = await api.Gateway.ExchangeAsync(instrument, message, timeout, context.RequestAborted, api.Caller(context, instrument)).ConfigureAwait(false);
        if (reply is null)
            api.Pending.Discard(instrument.Name, client);
        else
            api.Pending.Put(instrument.Name, client, reply.ToArray());
        context.Response.StatusCode = 204;
    }

    private static async Task ReadAsync(HttpContext context, HttpApiContext api)
    {
        var (instrument, _) = Instrument(context, api);
        var client = context.Request.Headers[PendingReplies.ClientHeader].ToString();
        var reply = api.Pending.Take(instrument.Name, client)
            ?? throw new HttpFailure(504, StatusCode.ErrorTimeout,
                $"{instrument.Name} has no reply waiting for this client{(client.Length == 0 ? "" : $" ({PendingReplies.ClientHeader} {client})")}: " +
                "write a query (a message with '?') first, with the same X-Client-Id header, then read.");
        await HttpExchange.WriteBytesAsync(context, reply).ConfigureAwait(false);
    }

    private static async Task QueryAsync(HttpContext context, HttpApiContext api, bool binary)
    {
        var (instrument, timeout) = Instrument(context, api);
        var message = TrimTermination(await HttpExchange.ReadBodyAsync(context, api.Options.MaxRequestBodyBytes).ConfigureAwait(false));
        if (!ResourceMessageDevice.IsQuery(message))
        {
            throw new HttpFailure(400, StatusCode.ErrorInvalidParameter,
                $"\"{TrafficPreview.Describe(message)}\" is not a query (it has no '?'), so {instrument.Name} sends no reply; POST it to …/write instead.");
        }
        using var reply = await api.Gateway.ExchangeAsync(instrument, message, timeout, context.RequestAborted, api.Caller(context, instrument)).ConfigureAwait(false);
        if (!binary)
        {
            await HttpExchange.WriteTextAsync(context, 200, reply is null ? "" : Encoding.Latin1.GetString(reply.ToArray())).ConfigureAwait(false);
            return;
        }
        if (!string.Equals(context.Request.Query["block"], "true", StringComparison.OrdinalIgnoreCase))
        {
            await HttpExchange.WriteBytesAsync(context, reply).ConfigureAwait(false);
            return;
        }
        // The header is at most #9 and nine digits; parsed from a copy of the reply's first bytes.
        var head = new byte[Math.Min(reply?.Length ?? 0, 64)];
        reply?.CopyTo(head, 0);
        BinaryBlockHeader header;
        try
        {
            header = BinaryBlockHeader.Parse(head, BlockFormat.Ieee, bigEndian: false);
        }
        catch (VisaException e)
        {
            throw new HttpFailure(502, e.Status, $"{instrument.Name} did not answer with a binary block: {e.Detail ?? e.Message}");
        }
        // A reply that parsed as a block is not null.
        var total = reply!.Length;
        var length = header.IsIndefinite ? total - header.HeaderLength : (int)Math.Min(header.DataLength, total - header.HeaderLength);
        Span<byte> last = stackalloc byte[1];
        if (header.IsIndefinite && length > 0)
        {
            reply.CopyTo(last, total - 1);
            if (last[0] == (byte)'\n')
                length--;
        }
        context.Response.Headers["X-Block-Length"] = length.ToString(CultureInfo.InvariantCulture);
        await HttpExchange.WriteBytesAsync(context, reply, header.HeaderLength, length).ConfigureAwait(false);
    }

    private static async Task ReserveAsync(HttpContext context, HttpApiContext api)
    {
        var instrument = api.Gateway.Find(Name(context));
        api.Caller(context, instrument);
        var body = await HttpExchange.ReadBodyAsync(context, api.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        var lease = api.Options.DefaultLease;
        if (body.Length > 0)
        {
            var json = HttpExchange.ReadJsonObject(body, "reservation", "{\"lease_seconds\": 60}");
            if (json.TryGetProperty("lease_seconds", out var seconds))
            {
                if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetDouble(out var value) || value <= 0 || value > api.Options.MaxLease.TotalSeconds)
                    throw new HttpFailure(422, StatusCode.ErrorInvalidParameter, $"\"lease_seconds\" must be a number of seconds above 0 and at most {api.Options.MaxLease.TotalSeconds}, not {seconds.GetRawText()}.");
                lease = TimeSpan.FromSeconds(value);
            }
        }
        var reservation = api.Reservations.Reserve(instrument.Name, lease, HttpExchange.ReservationToken(context),
            HttpExchange.CallerAddress(context), context.Request.Headers[PendingReplies.ClientHeader].ToString());
        await HttpExchange.WriteJsonAsync(context, 200, new
        {
            instrument = reservation.Instrument,
            token = reservation.Token,
            expires = reservation.Expires,
            leaseSeconds = lease.TotalSeconds,
        }).ConfigureAwait(false);
    }

    /// <summary>The instrument of the route, after checking the caller may use it, and the request's timeout.</summary>
    private static (ServedInstrument Instrument, TimeSpan Timeout) Instrument(HttpContext context, HttpApiContext api)
    {
        var instrument = api.Gateway.Find(Name(context));
        api.Reservations.CheckAccess(instrument.Name, HttpExchange.ReservationToken(context));
        return (instrument, HttpExchange.Timeout(context, api.Options));
    }

    /// <summary>The route's instrument name; a <c>/</c> in a name (<c>ASRL/dev/ttyUSB0::INSTR</c>) arrives escaped as <c>%2F</c>.</summary>
    private static string Name(HttpContext context) =>
        (context.Request.RouteValues["name"] as string ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static byte[] TrimTermination(byte[] message)
    {
        var length = message.Length;
        while (length > 0 && message[length - 1] is (byte)'\n' or (byte)'\r')
            length--;
        return length == message.Length ? message : message[..length];
    }
}
