using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenVisa.Instruments;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Server.Http.BenchApi;

/// <summary>
/// The bench's parameters and waveforms under <c>/api/v1/bench</c>, for the console's bench view, when the server
/// was started with a bench (<c>ovisa serve --bench FILE</c>). Every call on an instrument takes the same per-device
/// lock as the other transports, so a parameter read never interleaves with a client's query.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>GET /api/v1/bench</c></term><description>the bench and each instrument's parameters from the cache (value, unit, label, validator, safety limits, age).</description></item>
/// <item><term><c>GET /api/v1/bench/{alias}[?refresh=true]</c></term><description>one instrument; with <c>refresh</c> every readable parameter is read first.</description></item>
/// <item><term><c>POST /api/v1/bench/{alias}/parameters/{name}</c></term><description><c>{"value": "1.5"}</c>: set through the driver; 422 with the validator's or safety limit's message.</description></item>
/// <item><term><c>GET /api/v1/bench/{alias}/waveform?channel=N</c></term><description>an oscilloscope channel's waveform in volts, with its time axis.</description></item>
/// <item><term><c>GET /api/v1/bench/snapshot</c></term><description>the bench's JSON snapshot (QCoDeS layout), as a download.</description></item>
/// </list>
/// </remarks>
internal static class BenchRoutes
{
    public static void Map(IEndpointRouteBuilder app, HttpApiContext api)
    {
        var group = app.MapGroup(ApiRoutes.Prefix + "/bench");
        group.MapGet("", Json(context => HttpExchange.WriteJsonAsync(context, 200, Describe(Bench(api)))));
        group.MapGet("/snapshot", Json(context => SnapshotAsync(context, api)));
        group.MapGet("/{alias}", Json(context => InstrumentAsync(context, api)));
        group.MapPost("/{alias}/parameters/{name}", Json(context => SetAsync(context, api)));
        group.MapGet("/{alias}/waveform", Json(context => WaveformAsync(context, api)));
    }

    private static RequestDelegate Json(Func<HttpContext, Task> handler) => HttpExchange.Guard(json: true, handler);

    private static ServedBench Bench(HttpApiContext api) => api.Options.Bench
        ?? throw new HttpFailure(404, StatusCode.ErrorResourceNotFound,
            "This server serves no bench, only instruments (see /api/v1/instruments); start it with ovisa serve --bench FILE to see a bench's parameters.");

    private static object Describe(ServedBench bench) => new
    {
        name = bench.Bench.File.Name,
        file = Path.GetFileName(bench.Bench.File.Path),
        experiment = bench.Bench.File.Experiment?.Title,
        instruments = bench.Bench.Instruments.Select(pair => Describe(bench, pair.Key, pair.Value, null)).ToArray(),
        failures = bench.Bench.Failures.Select(f => new { alias = f.Key, message = f.Value.Message }).ToArray(),
    };

    private static object Describe(ServedBench bench, string alias, Instrument instrument, IReadOnlyDictionary<ParameterBase, string>? errors)
    {
        var now = instrument.TimeProvider.GetUtcNow();
        var entry = bench.Bench.File.Instruments.FirstOrDefault(i => i.Alias == alias);
        return new
        {
            alias,
            driver = entry?.Driver,
            idn = instrument.Idn.Cache.HasValue ? instrument.Idn.Cache.Value.ToString() : null,
            backend = bench.Bench.Backends.GetValueOrDefault(alias)?.Spec,
            served = bench.Served(alias) is not null,
            oscilloscope = instrument is IOscilloscope scope ? new { channels = scope.ChannelCount } : null,
            parameters = instrument.AllParameters().Where(p => !p.SnapshotExclude).Select(p => Describe(p, now, errors?.GetValueOrDefault(p))).ToArray(),
        };
    }

    private static object Describe(ParameterBase parameter, DateTimeOffset now, string? error)
    {
        var kind = ParameterValues.Kind(parameter.ValueType);
        return new
        {
            name = parameter.FullName,
            label = parameter.Label,
            unit = parameter.Unit,
            kind,
            choices = parameter.ValueType.IsEnum ? Enum.GetNames(parameter.ValueType) : null,
            value = parameter.CachedTimestamp is null ? null : ParameterValues.Text(parameter.CachedValue),
            ageSeconds = parameter.CachedTimestamp is { } at ? Math.Max(0, (now - at).TotalSeconds) : (double?)null,
            validator = parameter.Validators.Count == 0 ? null : string.Join("; ", parameter.Validators.Select(v => v.Description)),
            safetyLimits = parameter.SafetyLimits is { } limits ? limits.ToString() + (limits.Source is null ? "" : $" ({limits.Source})") : null,
            gettable = parameter.Gettable,
            settable = parameter.Settable && kind != "other",
            error,
        };
    }

    private static async Task InstrumentAsync(HttpContext context, HttpApiContext api)
    {
        var bench = Bench(api);
        var (alias, instrument) = bench.Find(Route(context, "alias"));
        IReadOnlyDictionary<ParameterBase, string>? errors = null;
        if (string.Equals(context.Request.Query["refresh"], "true", StringComparison.OrdinalIgnoreCase))
            errors = await RunAsync(context, api, bench, alias, "parameter refresh", t => RefreshAsync(instrument, t)).ConfigureAwait(false);
        await HttpExchange.WriteJsonAsync(context, 200, Describe(bench, alias, instrument, errors)).ConfigureAwait(false);
    }

    /// <summary>Reads every readable parameter; one that fails keeps its old value and reports why, the others go on.</summary>
    private static async ValueTask<IReadOnlyDictionary<ParameterBase, string>> RefreshAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<ParameterBase, string>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in instrument.AllParameters().Where(p => p.Gettable && !p.IsManual && !p.SnapshotExclude))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await parameter.GetObjectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors[parameter] = e.Message;
            }
        }
        return errors;
    }

    private static async Task SetAsync(HttpContext context, HttpApiContext api)
    {
        var bench = Bench(api);
        var (alias, instrument) = bench.Find(Route(context, "alias"));
        var name = Route(context, "name");
        var parameter = instrument.AllParameters().FirstOrDefault(p => string.Equals(p.FullName, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new HttpFailure(404, StatusCode.ErrorResourceNotFound,
                $"{alias} has no parameter '{name}'; GET /api/v1/bench/{alias} lists its parameters by full name (e.g. {instrument.AllParameters().FirstOrDefault()?.FullName}).");
        if (!parameter.Settable)
            throw new HttpFailure(405, StatusCode.ErrorNonsupportedOperation, $"{parameter.FullName} can only be read, not set.");
        var body = HttpExchange.ReadJsonObject(await HttpExchange.ReadBodyAsync(context, api.Options.MaxRequestBodyBytes).ConfigureAwait(false), "a parameter set", "{\"value\": \"1.5\"}");
        var text = body.TryGetProperty("value", out var given) && given.ValueKind is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? given.GetRawText()
            : HttpExchange.StringMember(body, "value", "a parameter set", required: true)!;
        var value = ParameterValues.Parse(parameter, text);
        await RunAsync(context, api, bench, alias, $"set of {parameter.FullName}", async t =>
        {
            await ParameterValues.SetAsync(parameter, value, t).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        await HttpExchange.WriteJsonAsync(context, 200, Describe(parameter, instrument.TimeProvider.GetUtcNow(), null)).ConfigureAwait(false);
    }

    private static async Task WaveformAsync(HttpContext context, HttpApiContext api)
    {
        var bench = Bench(api);
        var (alias, instrument) = bench.Find(Route(context, "alias"));
        if (instrument is not IOscilloscope scope)
            throw new HttpFailure(400, StatusCode.ErrorNonsupportedOperation, $"{alias} is a {instrument.GetType().Name}, not an oscilloscope, so it has no waveform to fetch.");
        var text = context.Request.Query["channel"].ToString();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var channel) || channel < 1 || channel > scope.ChannelCount)
            throw HttpFailure.BadRequest($"Give the channel as ?channel=N with N from 1 to {scope.ChannelCount}, not \"{text}\".");
        var waveform = await RunAsync(context, api, bench, alias, $"waveform read of channel {channel}", t => scope.ReadWaveformAsync(channel, t)).ConfigureAwait(false);
        await HttpExchange.WriteJsonAsync(context, 200, new
        {
            channel = waveform.Channel,
            xIncrement = waveform.XIncrement,
            xOrigin = waveform.XOrigin,
            xReference = waveform.XReference,
            xUnit = "s",
            yUnit = "V",
            voltages = waveform.Voltages,
        }).ConfigureAwait(false);
    }

    private static async Task SnapshotAsync(HttpContext context, HttpApiContext api)
    {
        var bench = Bench(api);
        // Stale values are read first, each instrument under its lock; the snapshot is then taken from the caches.
        foreach (var (alias, instrument) in bench.Bench.Instruments)
            await RunAsync(context, api, bench, alias, "snapshot", async t => await instrument.SnapshotAsync(SnapshotUpdate.OnlyStale, t).ConfigureAwait(false)).ConfigureAwait(false);
        var json = SnapshotJson.ToJsonString(bench.Bench.Snapshot(SnapshotUpdate.Never));
        context.Response.Headers.ContentDisposition = "attachment; filename=\"bench-snapshot.json\"";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a bench instrument within the request's timeout, under the device's lock when
    /// it is served; the driver's validation and I/O errors become <see cref="HttpFailure"/>s that say what went wrong.
    /// </summary>
    private static async Task<T> RunAsync<T>(HttpContext context, HttpApiContext api, ServedBench bench, string alias, string operation, Func<CancellationToken, ValueTask<T>> action)
    {
        var timeout = HttpExchange.Timeout(context, api.Options);
        async ValueTask<T> Translated(CancellationToken token)
        {
            try
            {
                return await action(token).ConfigureAwait(false);
            }
            catch (ValidationException e)
            {
                throw new HttpFailure(422, StatusCode.ErrorInvalidParameter, e.Message, e);
            }
            catch (Exception e) when (e is ParameterException or InstrumentErrorException)
            {
                // A VISA error underneath (a timeout, a lost connection) keeps its status; an instrument's own error is I/O.
                var status = e.InnerException is VisaException visa ? visa.Status : StatusCode.ErrorIO;
                throw new HttpFailure(status == StatusCode.ErrorTimeout ? 504 : 502, status, $"{alias}: {e.Message}", e);
            }
        }
        if (bench.Served(alias) is { } served)
        {
            api.Reservations.CheckAccess(served.Name, HttpExchange.ReservationToken(context));
            return await api.Gateway.RunAsync(served, operation, timeout, context.RequestAborted, (_, token) => Translated(token)).ConfigureAwait(false);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        return await Translated(deadline.Token).ConfigureAwait(false);
    }

    private static string Route(HttpContext context, string key) => context.Request.RouteValues[key] as string ?? "";
}
