using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace OpenVisa.Lamb;

/// <summary>
/// The <c>@lamb</c> backend: instruments on a Lamb-compatible HTTP server, PyTestLab's Lamb or <c>ovisa serve --http</c>.
/// <c>new ResourceManager("http://lab-pc:8000@lamb")</c>; with no URL, <c>LAMB_SERVER</c>, then <c>PYTESTLAB_LAMB_URL</c>,
/// then <c>http://localhost:8000</c>.
/// </summary>
/// <remarks>
/// <para>Resources are the server's resource strings (<see cref="ResourceManager.ListResources"/> asks
/// <c>/list_resources</c>), or <c>LAMB::MODEL[::SERIAL]::INSTR</c>, resolved once through <c>POST /add</c> as PyTestLab
/// resolves a profile's model and serial.</para>
/// <para><b>Writes and reads.</b> Lamb has no read: it has write, query and raw query. So a <c>Write</c> of a query (a
/// message with a <c>?</c> outside strings and blocks) is sent at once to <c>/instrument/query_raw</c>, and its reply,
/// byte for byte, is kept for the <c>Read</c>s that follow; a <c>Write</c> of anything else goes to
/// <c>/instrument/write</c> and discards a reply nobody read. <c>Query</c>, <c>QueryBinaryValues</c> and
/// <c>Write</c>+<c>Read</c> therefore work as on any backend; a <c>Read</c> with nothing pending fails at once with
/// <c>VI_ERROR_TMO</c> saying why (an instrument that talks without being asked cannot be read over Lamb). Over the
/// keep-alive sockets, a successful reply of 64 KiB or more stays on its connection after its head, and the reads receive
/// it straight into their buffers, each within the session's timeout: a 16 MiB waveform is then copied once, by the
/// kernel. Such a reply that is not read to its end when the next message is written closes its connection.</para>
/// <para>Kept-alive HTTP/1.1 connections serve every session of the library: the backend's own blocking sockets for a
/// plain <c>http://</c> server (the sync calls' timeout is the socket's own), <see cref="HttpClient"/> for <c>https://</c>,
/// a proxy from the environment, or an upload over 64 KiB. Each call has the session's timeout; HTTP errors become VISA errors carrying the server's message (404 <c>VI_ERROR_RSRC_NFOUND</c>, 504
/// <c>VI_ERROR_TMO</c>, network failures <c>VI_ERROR_CONN_LOST</c>, others <c>VI_ERROR_IO</c>).</para>
/// <para>When the server is OpenVisa's (it answers <c>GET /api/v1/server</c>), device clear, status byte, trigger and
/// exclusive locks (leased reservations, renewed while held) go through <c>/api/v1/</c>; against Lamb they are
/// <c>VI_ERROR_NSUP_OPER</c>. A bearer token for <c>--http-token-file</c> servers comes from <c>OPENVISA_LAMB_TOKEN</c>.</para>
/// </remarks>
public sealed partial class LambLibrary : VisaLibrary
{
    private readonly LambHttp _http;
    private readonly ConcurrentDictionary<int, byte> _managers = new();
    private readonly ConcurrentDictionary<int, LambSession> _sessions = new();
    private readonly ConcurrentDictionary<string, string> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _probeGate = new();
    private ServerKind? _kind;
    private int _nextHandle;

    /// <summary>Talks to the server at <paramref name="argument"/> (see <see cref="LambServerUrl.Resolve"/>).</summary>
    public LambLibrary(string argument)
        : this(argument, keepAliveSockets: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="keepAliveSockets"/> false sends every request through <see cref="HttpClient"/> (tests of that path).</summary>
    internal LambLibrary(string argument, bool keepAliveSockets)
        : base(argument)
    {
        ServerUrl = LambServerUrl.Resolve(argument);
        _http = new LambHttp(ServerUrl, keepAliveSockets);
    }

    /// <summary>True when requests go over the backend's own keep-alive HTTP/1.1 sockets; false for <c>https://</c> or a proxy (<see cref="HttpClient"/>).</summary>
    internal bool UsesKeepAliveSockets => _http.UsesKeepAliveSockets;

    /// <summary>The server's base URL.</summary>
    public Uri ServerUrl { get; }

    /// <summary>How long the calls that belong to no session (listing, resolving, probing) may take: 10 s, PyTestLab's default.</summary>
    public TimeSpan ServiceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the server is OpenVisa's and offers <c>/api/v1/</c>; asks it once.</summary>
    public bool IsOpenVisaServer => Probe().IsOpenVisa;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo()
    {
        var info = new List<KeyValuePair<string, string>>
        {
            new("url", ServerUrl.ToString()),
            new("transport", _http.UsesKeepAliveSockets ? "HTTP/1.1 over the backend's own keep-alive sockets" : "HttpClient (https, or a proxy from the environment)"),
        };
        try
        {
            var kind = Probe();
            info.Add(new("server", kind.IsOpenVisa
                ? $"OpenVisa {kind.Version} (Lamb routes, and /api/v1/ for clear, status byte, trigger and locks)"
                : "Lamb (write, query and query_raw only; no clear, status byte, trigger or locks)"));
        }
        catch (VisaException e)
        {
            info.Add(new("server", $"not reachable: {e.Detail ?? e.Message}"));
        }
        return info;
    }

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) => _sessions.TryGetValue(session, out var s) ? s.OpenedAs : null;

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        var handle = Interlocked.Increment(ref _nextHandle);
        _managers[handle] = 0;
        return handle;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        RequireManager(resourceManagerSession, nameof(ListResources));
        VisaPattern pattern;
        try
        {
            pattern = VisaPattern.Parse(query);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new VisaException(StatusCode.ErrorInvalidExpression, $"'{query}' is not a valid resource pattern: {e.Message}", nameof(ListResources));
        }
        return [.. ServedResources(nameof(ListResources)).Where(pattern.IsMatch)];
    }

    /// <summary>
    /// A <c>LAMB::</c> name, or a server resource string that is no message-based VISA name (<c>DEMO0::INSTR</c>), is a
    /// TCPIP INSTR resource here: every instrument behind the server is reached over TCP/IP, message by message.
    /// </summary>
    public override ResourceInfo ParseResource(int resourceManagerSession, string resourceName)
    {
        if (!LambResourceNames.TryParse(resourceName, out _, out _)
            && ResourceName.TryParse(resourceName, out var parsed)
            && (parsed!.InterfaceType, parsed.ResourceClass.ToUpperInvariant()) is (InterfaceType.Tcpip, "INSTR" or "SOCKET")
                or (InterfaceType.Asrl or InterfaceType.Usb or InterfaceType.Gpib or InterfaceType.Vicp, "INSTR"))
        {
            return parsed.ToResourceInfo();
        }
        if (string.IsNullOrWhiteSpace(resourceName))
            throw new VisaException(StatusCode.ErrorInvalidResourceName, "An empty string is not a resource name.", "ParseResource");
        return new ResourceInfo(InterfaceType.Tcpip, 0, "INSTR", resourceName.Trim(), null);
    }

    /// <inheritdoc/>
    public override MessageTerminations DefaultTerminations(int session, ResourceInfo info) => new(null, "\n");

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        RequireManager(resourceManagerSession, nameof(Open));
        var info = ParseResource(resourceManagerSession, resourceName);
        string visaString;
        if (LambResourceNames.TryParse(resourceName, out var model, out var serial))
        {
            visaString = Resolve(resourceName, model, serial);
        }
        else
        {
            visaString = resourceName.Trim();
            // Lamb learns of a wrong name only at the first I/O; OpenVisa's server can say so now, with what it serves.
            if (Probe().IsOpenVisa)
            {
                var served = ServedResources(nameof(Open));
                var match = served.FirstOrDefault(s => string.Equals(s, visaString, StringComparison.OrdinalIgnoreCase));
                visaString = match ?? throw new VisaException(StatusCode.ErrorResourceNotFound,
                    $"The server at {ServerUrl} serves no {visaString}. It serves: {(served.Count == 0 ? "nothing" : string.Join(", ", served))}.",
                    nameof(Open), resourceName);
            }
        }
        var handle = Interlocked.Increment(ref _nextHandle);
        var session = new LambSession(handle, resourceManagerSession, visaString, resourceName, info);
        _sessions[handle] = session;
        if ((accessMode & AccessMode.ExclusiveLock) != 0)
        {
            try
            {
                Lock(handle, AccessMode.ExclusiveLock, openTimeout, null);
            }
            catch (VisaException)
            {
                Close(handle);
                throw;
            }
        }
        return handle;
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        if (_managers.TryRemove(session, out _))
        {
            foreach (var child in _sessions.Values.Where(s => s.Owner == session).ToList())
                Close(child.Handle);
            return;
        }
        if (!_sessions.TryRemove(session, out var s))
            throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open (it was closed, or never opened by this @lamb library).", nameof(Close));
        s.SetReply(null);
        if (s.ReservationToken is not null)
        {
            try
            {
                ReleaseReservation(s);
            }
            catch (VisaException e)
            {
                // The lease runs out on its own; closing must not fail because the server went away.
                Logger.LogCloseFailure(s.OpenedAs, e);
            }
        }
    }

    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute) => Session(session, nameof(GetAttribute)).Attributes.Get(attribute);

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value) => Session(session, nameof(SetAttribute)).Attributes.Set(attribute, value);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var session in _sessions.Values)
                session.SetReply(null); // a reply still on its connection closes it
            _http.Dispose();
        }
        base.Dispose(disposing);
    }

    private string Resolve(string resourceName, string model, string? serial)
    {
        if (_resolved.TryGetValue(resourceName, out var known))
            return known;
        var body = serial is null ? LambHttp.JsonBody(("model_name", model)) : LambHttp.JsonBody(("model_name", model), ("serial_number", serial));
        var answer = _http.Send(LambHttp.Request(HttpMethod.Post, "/add", body, ServiceTimeout), nameof(Open), resourceName);
        var visaString = Encoding.UTF8.GetString(answer).Trim();
        if (visaString.Length == 0)
            throw new VisaException(StatusCode.ErrorResourceNotFound, $"The server at {ServerUrl} answered POST /add for model {model} with an empty resource string.", nameof(Open), resourceName);
        return _resolved[resourceName] = visaString;
    }

    private List<string> ServedResources(string operation)
    {
        var body = _http.Send(LambHttp.Request(HttpMethod.Get, "/list_resources", null, ServiceTimeout), operation, null);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.Array)
                return [.. active.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
        }
        catch (JsonException)
        {
        }
        throw new VisaException(StatusCode.ErrorIO,
            $"The server at {ServerUrl} answered GET /list_resources with something other than {{\"active\": [...], \"inactive\": [...]}}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}",
            operation);
    }

    private ServerKind Probe()
    {
        lock (_probeGate)
        {
            if (_kind is { } known)
                return known;
        }
        ServerKind kind;
        try
        {
            var body = _http.Send(LambHttp.Request(HttpMethod.Get, "/api/v1/server", null, ServiceTimeout), "Probe", null);
            using var json = JsonDocument.Parse(body);
            kind = json.RootElement.TryGetProperty("server", out var server) && server.GetString() == "OpenVisa"
                ? new ServerKind(true, json.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null)
                : new ServerKind(false, null);
        }
        catch (VisaException e) when (e.Status is not (StatusCode.ErrorConnectionLost or StatusCode.ErrorTimeout))
        {
            // Lamb has no /api/v1/: a 404 (or anything but a network failure) means a plain Lamb server.
            kind = new ServerKind(false, null);
        }
        catch (JsonException)
        {
            kind = new ServerKind(false, null);
        }
        lock (_probeGate)
            _kind = kind;
        return kind;
    }

    private void RequireManager(int session, string operation)
    {
        if (!_managers.ContainsKey(session))
            throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not an open resource manager of this @lamb library.", operation);
    }

    private LambSession Session(int session, string operation)
    {
        if (_sessions.TryGetValue(session, out var s))
            return s;
        var what = _managers.ContainsKey(session) ? "a resource manager, not a resource" : "not open";
        throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is {what}.", operation);
    }

    private readonly record struct ServerKind(bool IsOpenVisa, string? Version);
}
