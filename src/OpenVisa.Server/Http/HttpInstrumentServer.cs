using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Server.Http;

/// <summary>
/// The HTTP instrument API on ASP.NET Core (Kestrel): Lamb's routes, so PyTestLab's <c>LambBackend</c> and OpenVisa's
/// <c>@lamb</c> backend work against it, and OpenVisa's own <c>/api/v1/</c>. What <c>ovisa serve --http PORT</c> runs.
/// </summary>
/// <example>
/// <code>
/// await using var http = new HttpInstrumentServer([new("DEMO0::INSTR", new DemoInstrument())], IPAddress.Loopback, new HttpServerOptions { Port = 8000 });
/// await http.StartAsync();
/// // curl -d '{"visa_string":"DEMO0::INSTR","command":"*IDN?"}' http://127.0.0.1:8000/instrument/query
/// </code>
/// </example>
public sealed class HttpInstrumentServer : IAsyncDisposable
{
    private readonly IReadOnlyList<ServedInstrument> _instruments;
    private readonly IPAddress _bind;
    private readonly HttpServerOptions _options;
    private readonly Func<IReadOnlyList<ServedEndpoint>> _endpoints;
    private readonly ILogger _logger;
    private readonly ServerEventHub _events;
    private readonly ServedClientRegistry _clients;
    private readonly List<(IServiceRequestSource Source, EventHandler<byte> Handler)> _srq = [];
    private WebApplication? _app;
    private int _stopped;

    /// <summary>Creates the server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="instruments">What it serves.</param>
    /// <param name="bind">The address to listen on.</param>
    /// <param name="options">Port, token, TLS, limits.</param>
    /// <param name="endpoints">Where the instruments are served otherwise, for <c>GET /api/v1/instruments</c>; none when null.</param>
    /// <param name="logger">Where failures are logged.</param>
    public HttpInstrumentServer(IReadOnlyList<ServedInstrument> instruments, IPAddress bind, HttpServerOptions options,
        Func<IReadOnlyList<ServedEndpoint>>? endpoints = null, ILogger? logger = null)
        : this(instruments, bind, options, endpoints, logger, new ServerEventHub(), clients: null)
    {
    }

    /// <summary>
    /// The server of an <see cref="InstrumentServer"/>: its event stream and client list are the ones the other
    /// protocols report to (the devices come wrapped for <paramref name="events"/> already).
    /// </summary>
    internal HttpInstrumentServer(IReadOnlyList<ServedInstrument> instruments, IPAddress bind, HttpServerOptions options,
        Func<IReadOnlyList<ServedEndpoint>>? endpoints, ILogger? logger, ServerEventHub events, ServedClientRegistry? clients)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
            throw new ArgumentException($"HTTP port {options.Port} is not in 0 to 65535.", nameof(options));
        if (options.ConnectionThreads < 0)
            throw new ArgumentException($"HTTP connection threads {options.ConnectionThreads} is negative; give 0 for Kestrel's socket transport, or more.", nameof(options));
        _instruments = instruments;
        _bind = bind;
        _options = options;
        _endpoints = endpoints ?? (() => []);
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _events = events;
        _clients = clients ?? new ServedClientRegistry(instruments);
    }

    /// <summary>The port it listens on (the chosen one when <see cref="HttpServerOptions.Port"/> is 0); valid after <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The base URL clients use, e.g. <c>http://127.0.0.1:8000</c>; loopback when it listens on every address.</summary>
    public string Url
    {
        get
        {
            var host = _bind.Equals(IPAddress.Any) ? IPAddress.Loopback : _bind.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : _bind;
            var text = host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString();
            return $"{(_options.Certificate is null ? "http" : "https")}://{text}:{Port}";
        }
    }

    /// <summary>Binds and starts serving; throws <see cref="InvalidOperationException"/> saying why when the port cannot be had.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (_options.Certificate is not null)
            builder.WebHost.UseKestrelHttpsConfiguration();
        // A request is handled on the thread its bytes arrived on, and its response sent from there too, instead of two
        // more hops through the thread pool (to the application, then to the sender): each hop is a wake-up, and on a
        // busy machine a wait for a core, which made the HTTP round trip several times slower than SOCKET's. The socket
        // layer already delivers receives on pool threads, and handlers await the device, so nothing blocks an I/O thread.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        // Quicker still: a thread per connection, woken by the kernel, that parses, handles and answers each request
        // itself (Transport/); registered last, so Kestrel picks it for IP endpoints. Beyond its budget, the thread pool.
        if (_options.ConnectionThreads > 0)
        {
            builder.Services.AddSingleton<IConnectionListenerFactory>(services => new Transport.ThreadPerConnectionTransportFactory(
                new Transport.ConnectionThreadBudget(_options.ConnectionThreads), _logger, services.GetService<IMemoryPoolFactory<byte>>()));
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            kestrel.Listen(_bind, _options.Port, listen =>
            {
                if (_options.Certificate is { } certificate)
                    listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var api = new HttpApiContext(new InstrumentGateway(_instruments, _events), new ReservationTable(TimeProvider.System), _options, _events, _endpoints, _clients);
        // A client that tags its requests (@lamb does) can tell our answer to another request, left on a kept-alive
        // connection by a faulty proxy, from the answer to its own.
        app.Use(static (context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Request-Id", out var id))
                context.Response.Headers["X-Request-Id"] = id;
            return next(context);
        });
        if (_options.BearerToken is { Length: > 0 } token)
            app.Use(RequireToken(token));
        LambRoutes.Map(app, api);
        ApiRoutes.Map(app, api);
        BenchApi.BenchRoutes.Map(app, api);
        WebConsole.ConsoleRoutes.Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            var reason = e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                ? "the port is already in use; choose another" : e.Message;
            throw new InvalidOperationException($"Could not serve HTTP on {new IPEndPoint(_bind, _options.Port)}: {reason}.", e);
        }
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        foreach (var instrument in _instruments)
        {
            if (instrument.Device is IServiceRequestSource source)
            {
                EventHandler<byte> handler = (_, stb) => _events.Publish("srq", new Dictionary<string, object> { ["instrument"] = instrument.Name, ["stb"] = (int)stb });
                source.ServiceRequested += handler;
                _srq.Add((source, handler));
            }
        }
        _clients.Changed += OnClientsChanged;
        _logger.LogInformation("HTTP instrument API on {Url}", Url);
    }

    /// <summary>Stops listening, ends event streams and lets requests in progress finish (for at most 5 s).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _app is null)
            return;
        _clients.Changed -= OnClientsChanged;
        foreach (var (source, handler) in _srq)
            source.ServiceRequested -= handler;
        _srq.Clear();
        _events.CompleteAll();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Tells event listeners (the console's pages) that a client attached to or left an instrument.</summary>
    private void OnClientsChanged(object? sender, ServedClientChange change) =>
        ClientsEvent.Publish(_events, change.Instrument, change.Client.Transport, change.Client.RemoteAddress, change.Attached);

    /// <summary>
    /// Middleware refusing requests without <c>Authorization: Bearer &lt;token&gt;</c>: 401, as plain text on the Lamb
    /// routes and JSON on <c>/api/v1/</c>. The comparison takes the same time whatever the guess.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return (context, next) =>
        {
            // The console's files hold no secret; the page asks the user for the token and sends it on /api/v1/.
            if (WebConsole.ConsoleRoutes.IsConsolePath(context.Request.Path))
                return next(context);
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), expected))
            {
                return next(context);
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var failure = new HttpFailure(401, StatusCode.ErrorInvalidAccessKey, header.Length == 0
                ? "This server needs a bearer token: send the header \"Authorization: Bearer <token>\" with the token of its --http-token-file."
                : "The bearer token is wrong: send \"Authorization: Bearer <token>\" with the token of the server's --http-token-file.");
            return HttpExchange.WriteFailureAsync(context, failure, json: context.Request.Path.StartsWithSegments(ApiRoutes.Prefix));
        };
    }
}
