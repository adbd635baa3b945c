using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenVisa.Server.Http;

/// <summary>
/// The routes of Lamb, the instrument server PyTestLab's <c>LambBackend</c> talks to, byte for byte as that client sends
/// and reads them: JSON request bodies keyed by <c>visa_string</c>, plain-text and binary answers, plain-text errors.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>POST /add</c></term><description><c>{"model_name", "serial_number"?}</c> → the resource string of the instrument whose <c>*IDN?</c> has that model (and serial), as plain text; 404 otherwise.</description></item>
/// <item><term><c>POST /instrument/write</c></term><description><c>{"visa_string", "command"}</c> → 200, empty body. A reply the command provokes is discarded.</description></item>
/// <item><term><c>POST /instrument/query</c></term><description>same → the reply as UTF-8 text (each instrument byte one character, Latin-1).</description></item>
/// <item><term><c>POST /instrument/query_raw</c></term><description>same → the reply's bytes exactly, <c>application/octet-stream</c> (binary blocks).</description></item>
/// <item><term><c>GET /list_resources</c></term><description><c>{"active": [...], "inactive": []}</c>.</description></item>
/// </list>
/// </remarks>
internal static class LambRoutes
{
    private const string InstrumentBody = "{\"visa_string\": \"TCPIP0::…::INSTR\", \"command\": \"*IDN?\"}";
    private const string AddBody = "{\"model_name\": \"DSOX1204G\", \"serial_number\": \"CN1234\"}";

    public static void Map(IEndpointRouteBuilder app, HttpApiContext api)
    {
        app.MapPost("/add", HttpExchange.Guard(json: false, context => AddAsync(context, api)));
        app.MapPost("/instrument/write", HttpExchange.Guard(json: false, context => ExchangeAsync(context, api, "/instrument/write")));
        app.MapPost("/instrument/query", HttpExchange.Guard(json: false, context => ExchangeAsync(context, api, "/instrument/query")));
        app.MapPost("/instrument/query_raw", HttpExchange.Guard(json: false, context => ExchangeAsync(context, api, "/instrument/query_raw")));
        app.MapGet("/list_resources", HttpExchange.Guard(json: false, context =>
            HttpExchange.WriteJsonAsync(context, 200, new Dictionary<string, string[]>
            {
                ["active"] = [.. api.Gateway.Instruments.Select(i => i.Name)],
                ["inactive"] = [],
            })));
    }

    private static async Task ExchangeAsync(HttpContext context, HttpApiContext api, string route)
    {
        var (name, command) = await ReadInstrumentRequestAsync(context, api, route).ConfigureAwait(false);
        var instrument = api.Gateway.Find(name);
        api.Reservations.CheckAccess(instrument.Name, HttpExchange.ReservationToken(context));
        var message = HttpExchange.CommandBytes(command.TrimEnd('\r', '\n'));
        var isWrite = route == "/instrument/write";
        if (!isWrite && !ResourceMessageDevice.IsQuery(message))
        {
            throw new HttpFailure(400, StatusCode.ErrorInvalidParameter,
                $"\"{command}\" is not a query (it has no '?'), so {instrument.Name} sends no reply to read; send it to /instrument/write instead.");
        }
        using var reply = await api.Gateway.ExchangeAsync(instrument, message, HttpExchange.Timeout(context, api.Options), context.RequestAborted, api.Caller(context, instrument)).ConfigureAwait(false);
        if (isWrite)
        {
            context.Response.StatusCode = 200;
            return;
        }
        if (route == "/instrument/query_raw")
            await HttpExchange.WriteBytesAsync(context, reply).ConfigureAwait(false);
        else
            await HttpExchange.WriteTextAsync(context, 200, reply is null ? "" : Encoding.Latin1.GetString(reply.ToArray())).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>visa_string</c> and <c>command</c>, parsed from the body as it lies in Kestrel's buffers when it is the usual
    /// small object; otherwise through <see cref="HttpExchange.ReadJsonObject"/>, whose errors say what is wrong.
    /// </summary>
    private static async Task<InstrumentRequest> ReadInstrumentRequestAsync(HttpContext context, HttpApiContext api, string route)
    {
        var reader = context.Request.BodyReader;
        var body = await HttpExchange.ReadWholeBodyAsync(context, reader, api.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        try
        {
            if (InstrumentRequest.TryParse(body, out var request))
                return request;
            var json = HttpExchange.ReadJsonObject(body.ToArray(), route, InstrumentBody);
            return new InstrumentRequest(HttpExchange.StringMember(json, "visa_string", route, required: true)!, HttpExchange.StringMember(json, "command", route, required: true)!);
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }
    }

    private static async Task AddAsync(HttpContext context, HttpApiContext api)
    {
        var body = HttpExchange.ReadJsonObject(await HttpExchange.ReadBodyAsync(context, api.Options.MaxRequestBodyBytes).ConfigureAwait(false), "/add", AddBody);
        var model = HttpExchange.StringMember(body, "model_name", "/add", required: true)!.Trim();
        var serial = HttpExchange.StringMember(body, "serial_number", "/add", required: false)?.Trim();
        var timeout = HttpExchange.Timeout(context, api.Options);
        var seen = new List<string>();
        foreach (var instrument in api.Gateway.Instruments)
        {
            var identity = await api.Gateway.IdentityAsync(instrument, timeout, context.RequestAborted).ConfigureAwait(false);
            if (identity is null)
            {
                seen.Add($"{instrument.Name} (no *IDN? reply)");
                continue;
            }
            var fields = identity.Split(',', StringSplitOptions.TrimEntries);
            var itsModel = fields.Length > 1 ? fields[1] : "";
            var itsSerial = fields.Length > 2 ? fields[2] : "";
            if (string.Equals(itsModel, model, StringComparison.OrdinalIgnoreCase)
                && (string.IsNullOrEmpty(serial) || string.Equals(itsSerial, serial, StringComparison.OrdinalIgnoreCase)))
            {
                await HttpExchange.WriteTextAsync(context, 200, instrument.Name).ConfigureAwait(false);
                return;
            }
            seen.Add($"{instrument.Name} (model {itsModel}, serial {itsSerial})");
        }
        var wanted = string.IsNullOrEmpty(serial) ? $"model '{model}'" : $"model '{model}' and serial '{serial}'";
        throw new HttpFailure(404, StatusCode.ErrorResourceNotFound,
            $"No served instrument has {wanted} in its *IDN? reply. Served: {string.Join("; ", seen)}.");
    }
}
