using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// Serves instruments over HiSLIP (IVI-6.1, up to 2.0): each <see cref="IMessageDevice"/> behind a sub-address
/// (<c>hislip0</c>, <c>hislip1</c> …) on one TCP port, reachable as <c>TCPIP::host::hislip0,port::INSTR</c>.
/// </summary>
/// <remarks>
/// Many clients may connect at once; each session has its synchronous and asynchronous channel. Locks are shared by
/// all sessions of a sub-address, with the specification's semantics (exclusive, shared by lock string, timeouts).
/// Service requests of devices that implement <see cref="IServiceRequestSource"/> go to every session of theirs.
/// Synchronized and overlapped modes, device clear with feature negotiation, trigger, status byte with MAV and
/// remote/local are served. With a certificate in the options, clients can start TLS (HiSLIP 2.0 secure connection)
/// and authenticate with SASL PLAIN or ANONYMOUS. A client that breaks the protocol gets the Error or FatalError the
/// specification names and affects nobody else.
/// </remarks>
/// <example>
/// <code>
/// await using var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 4880), [("hislip0", device)]);
/// await server.StartAsync();
/// using var rm = new ResourceManager("@managed");
/// var inst = rm.Open(server.ResourceNameOf("hislip0"));
/// </code>
/// </example>
public sealed class HislipServer : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly HislipServerOptions _options;
    private readonly Dictionary<string, HislipServedDevice> _devices = new(StringComparer.OrdinalIgnoreCase);
    private readonly HislipServedDevice _defaultDevice;
    private readonly ConcurrentDictionary<ushort, HislipServerSession> _sessions = new();
    private readonly ConcurrentDictionary<Task, byte> _handshakes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _sessionGate = new();
    private readonly HislipAuthenticationThrottle _authenticationThrottle;
    private Sock? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="endPoint">Where to listen; port 0 lets the system choose (see <see cref="LocalEndPoint"/>).</param>
    /// <param name="devices">The served instruments and their sub-addresses; the first also answers an empty sub-address.</param>
    /// <param name="options">Negotiation, limits, TLS and credentials; defaults when null.</param>
    /// <exception cref="ArgumentException">No devices, a sub-address that is empty, not printable ASCII or given twice.</exception>
    public HislipServer(IPEndPoint endPoint, IReadOnlyList<(string SubAddress, IMessageDevice Device)> devices, HislipServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(devices);
        _endPoint = endPoint;
        _options = options ?? new HislipServerOptions();
        if (devices.Count == 0)
            throw new ArgumentException("A HiSLIP server needs at least one device to serve, e.g. (\"hislip0\", device).", nameof(devices));
        foreach (var (subAddress, device) in devices)
        {
            ArgumentNullException.ThrowIfNull(device);
            if (string.IsNullOrEmpty(subAddress) || subAddress.Any(c => c is < ' ' or > '~' or ',' or ':'))
            {
                throw new ArgumentException(
                    $"The sub-address \"{subAddress}\" is not usable: use printable ASCII without ',' or ':', such as \"hislip0\".", nameof(devices));
            }
            if (!_devices.TryAdd(subAddress, new HislipServedDevice(subAddress, device, _options.Logger) { Clients = _options.Clients }))
                throw new ArgumentException($"The sub-address \"{subAddress}\" is given twice; each device needs its own.", nameof(devices));
        }
        _defaultDevice = _devices[devices[0].SubAddress];
        if (_options.RequireEncryption && _options.Certificate is null)
            throw new ArgumentException("RequireEncryption needs a Certificate: without one no client could ever get data.", nameof(options));
        if (_options.Credentials is not null && _options.Certificate is null)
        {
            throw new ArgumentException(
                "Credentials need a Certificate: clients authenticate only over TLS, so without one no client could ever authenticate.", nameof(options));
        }
        _authenticationThrottle = new HislipAuthenticationThrottle(_options.AuthenticationFailureDelay, _options.MaxAuthenticationFailureDelay);
    }

    /// <summary>The address and port the server listens on (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("The server is not listening: call StartAsync() first.");

    /// <summary>The served sub-addresses, in the order given.</summary>
    public IReadOnlyList<string> SubAddresses => [.. _devices.Keys];

    /// <summary>How many sessions are open now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>The VISA resource name that reaches <paramref name="subAddress"/>, e.g. <c>TCPIP::127.0.0.1::hislip0,4880::INSTR</c>.</summary>
    public string ResourceNameOf(string subAddress)
    {
        if (!_devices.ContainsKey(subAddress))
            throw new ArgumentException($"\"{subAddress}\" is not served here; the sub-addresses are {string.Join(", ", _devices.Keys)}.", nameof(subAddress));
        var endPoint = LocalEndPoint;
        var address = endPoint.Address;
        if (address.Equals(IPAddress.Any))
            address = IPAddress.Loopback;
        else if (address.Equals(IPAddress.IPv6Any))
            address = IPAddress.IPv6Loopback;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"TCPIP::{host}::{subAddress},{endPoint.Port}::INSTR";
    }

    /// <summary>Binds and starts accepting clients; a bind failure (port in use) throws here.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
        if (_listener is not null)
            throw new InvalidOperationException("The server is already started.");
        var listener = new Sock(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_endPoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        foreach (var device in _devices.Values)
            device.Start();
        _options.Logger.LogInformation("HiSLIP server listening on {EndPoint} for {SubAddresses}", listener.LocalEndPoint, string.Join(", ", _devices.Keys));
        _acceptLoop = AcceptLoopAsync(listener);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening, closes every session and waits for them to finish.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await _acceptLoop.ConfigureAwait(false);
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var device in _devices.Values)
            device.Stop();
        await Task.WhenAll(_handshakes.Keys).ConfigureAwait(false);
        var sessions = _sessions.Values.ToArray();
        await Task.WhenAll(sessions.Select(s => s.AbortAsync())).ConfigureAwait(false);
        await Task.WhenAll(sessions.Select(s => s.Completion)).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Shuts the sending side (so what was sent, a FatalError, reaches the peer), drains input briefly, then closes.</summary>
    internal static async Task CloseGracefullyAsync(HislipConnection connection)
    {
        connection.ShutdownSend();
        try
        {
            if (connection.Blocking)
            {
                // A blocking receive does not watch a token; its own time limit ends the drain.
                var deadline = new HislipDeadline(1000);
                while (true)
                {
                    connection.DiscardBuffered();
                    connection.Receive(connection.GetReceiveSpace(4096).Span, deadline);
                }
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            while (true)
            {
                connection.DiscardBuffered();
                await connection.ReceiveAsync(connection.GetReceiveSpace(4096), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or TimeoutException)
        {
            // The peer closed, or took too long to: close regardless.
        }
        connection.Dispose();
    }

    private async Task AcceptLoopAsync(Sock listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Sock client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (!token.IsCancellationRequested)
            {
                _options.Logger.LogDebug("HiSLIP server accept failed: {Error}", e.SocketErrorCode);
                continue;
            }
            catch (SocketException)
            {
                return;
            }
            var connection = new HislipConnection(client) { Blocking = true };
            var handshake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _handshakes.TryAdd(handshake.Task, 0);
            var thread = new Thread(() => Serve(connection, handshake, token)) { IsBackground = true, Name = "HiSLIP " + client.RemoteEndPoint };
            thread.Start();
        }
    }

    /// <summary>
    /// A new connection's own thread: runs the handshake and, when the connection opens a session, serves that session's
    /// synchronous channel with blocking I/O until it ends. The connection is in blocking mode from the start, so the
    /// handshake's reads, which come before anyone knows whether this becomes a synchronous channel, are blocking calls
    /// on this thread; an asynchronous channel is switched to asynchronous I/O once its first message says what it is.
    /// </summary>
    /// <remarks>
    /// A thread per client is the cheapest way to serve a strict query-reply rhythm (see the SOCKET server's
    /// <see cref="Socket.SocketServerConnection"/>): the client's message wakes the thread that answers it, where
    /// asynchronous sockets handed every message from the socket engine's thread to a pool thread.
    /// </remarks>
    private void Serve(HislipConnection connection, TaskCompletionSource handshake, CancellationToken stopping)
    {
        HislipServerSession? session = null;
        try
        {
            session = ConnectionThread.Complete(HandshakeAsync(connection, stopping));
        }
        catch (Exception e)
        {
            _options.Logger.LogError(e, "HiSLIP handshake failed");
            connection.Dispose();
        }
        finally
        {
            _handshakes.TryRemove(handshake.Task, out _);
            handshake.TrySetResult();
        }
        session?.RunSync();
    }

    /// <summary>
    /// Reads the first message of a new connection: Initialize opens a session (returned, for the caller's thread to
    /// serve), AsyncInitialize joins one. Complete when it returns unless the connection became an asynchronous channel.
    /// </summary>
    private async Task<HislipServerSession?> HandshakeAsync(HislipConnection connection, CancellationToken stopping)
    {
        var peer = connection.Socket.RemoteEndPoint?.ToString() ?? "?";
        var handedOver = false;
        HislipServerSession? session = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(_options.HandshakeTimeout);
            // Blocking calls do not watch the token: closing the connection is what ends them at the timeout or a stop.
            using var wake = timeout.Token.Register(connection.Dispose);
            var header = await connection.ReadHeaderAsync(timeout.Token).ConfigureAwait(false);
            if (header.Type == HislipMessageType.AsyncInitialize)
                connection.Blocking = false;
            switch (header.Type)
            {
                case HislipMessageType.Initialize:
                    session = await OpenSessionAsync(connection, header, timeout.Token).ConfigureAwait(false);
                    handedOver = session is not null;
                    break;
                case HislipMessageType.AsyncInitialize:
                    handedOver = await JoinSessionAsync(connection, header, timeout.Token).ConfigureAwait(false);
                    break;
                default:
                    handedOver = await RefuseAsync(connection, HislipFatalErrorCode.InvalidInitializationSequence,
                        $"A new HiSLIP connection starts with Initialize (synchronous channel) or AsyncInitialize (asynchronous channel), not {HislipMessageRules.NameOf(header.Type)}.")
                        .ConfigureAwait(false);
                    break;
            }
        }
        catch (HislipProtocolException e)
        {
            handedOver = await RefuseAsync(connection, e.IsFatal ? (HislipFatalErrorCode)e.Code : HislipFatalErrorCode.InvalidInitializationSequence, e.Message)
                .ConfigureAwait(false);
        }
        catch (HislipConnectionClosedException e) when (e.MissingHeaderBytes > 0)
        {
            handedOver = await RefuseAsync(connection, HislipFatalErrorCode.PoorlyFormedMessageHeader, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _options.Logger.LogDebug("HiSLIP connection from {Peer} ended during its handshake: {Error}", peer, e.Message);
        }
        finally
        {
            if (!handedOver)
                connection.Dispose();
        }
        return session;
    }

    /// <summary>Opens a session for an Initialize and answers it; null when the connection was refused (and closed).</summary>
    private async Task<HislipServerSession?> OpenSessionAsync(HislipConnection connection, HislipHeader header, CancellationToken cancellationToken)
    {
        if (header.PayloadLength > HislipMessageRules.MaxTextLength)
        {
            return await RefuseForSessionAsync(connection, HislipFatalErrorCode.PoorlyFormedMessageHeader,
                $"The sub-address in Initialize is {header.PayloadLength} bytes; at most {HislipMessageRules.MaxTextLength} are accepted.").ConfigureAwait(false);
        }
        var text = new byte[header.PayloadLength];
        await connection.ReadExactAsync(text, cancellationToken).ConfigureAwait(false);
        HislipMessageRules.ValidateText(header.Type, text);
        var subAddress = System.Text.Encoding.ASCII.GetString(text);
        var served = subAddress.Length == 0 ? _defaultDevice : _devices.GetValueOrDefault(subAddress);
        if (served is null)
        {
            return await RefuseForSessionAsync(connection, HislipFatalErrorCode.InvalidInitializationSequence,
                $"No instrument is served at sub-address \"{subAddress}\"; this server serves {string.Join(", ", _devices.Keys)}.").ConfigureAwait(false);
        }
        var clientVersion = HislipVersion.FromValue((ushort)(header.Parameter >> 16));
        var version = HislipVersion.Min(clientVersion, _options.Version);
        if (_options.RequireEncryption && version < HislipVersion.V2_0)
        {
            return await RefuseForSessionAsync(connection, HislipFatalErrorCode.SecureConnectionFailed,
                $"This server requires the HiSLIP 2.0 secure connection, but the client speaks HiSLIP {clientVersion}.").ConfigureAwait(false);
        }
        HislipServerSession session;
        var peer = HislipAsyncChannelBinding.Normalize(PeerAddressOf(connection));
        int fromPeer;
        lock (_sessionGate)
        {
            fromPeer = _sessions.Values.Count(s => s.Binding.Owner.Equals(peer));
            if (_sessions.Count >= _options.MaxSessions || fromPeer >= _options.MaxSessionsPerAddress)
                session = null!;
            else
            {
                var id = NextSessionId();
                session = new HislipServerSession(id, version, served, connection, _options, s => _sessions.TryRemove(s.Id, out _))
                {
                    Binding = HislipAsyncChannelBinding.StartingNow(peer, _options.AsyncInitializeWindow),
                    AuthenticationThrottle = _authenticationThrottle,
                };
                _sessions[id] = session;
            }
        }
        if (session is null && fromPeer >= _options.MaxSessionsPerAddress)
        {
            return await RefuseForSessionAsync(connection, HislipFatalErrorCode.ServerRefusedConnectionMaximumClients,
                $"{peer} already has {fromPeer} sessions open here, the most one client address may have (HislipServerOptions.MaxSessionsPerAddress, ovisa serve --max-sessions-per-client); close one first.").ConfigureAwait(false);
        }
        if (session is null)
        {
            return await RefuseForSessionAsync(connection, HislipFatalErrorCode.ServerRefusedConnectionMaximumClients,
                $"This server already serves {_options.MaxSessions} sessions, its maximum; try again when a client has closed.").ConfigureAwait(false);
        }
        var control = _options.PreferOverlapped && _options.SupportsOverlapped ? HislipFeatures.Overlapped : HislipFeatures.None;
        if (_options.RequireEncryption)
            control |= HislipFeatures.EncryptionMandatory | HislipFeatures.InitialEncryption;
        var parameter = ((uint)version.Value << 16) | session.Id;
        await connection.SendAsync(new HislipHeader(HislipMessageType.InitializeResponse, (byte)control, parameter, 0), default, cancellationToken).ConfigureAwait(false);
        _options.Logger.LogDebug("HiSLIP session {Session} opened on {SubAddress} by {Peer}, version {Version}",
            session.Id, served.SubAddress, connection.Socket.RemoteEndPoint, version);
        session.StartSync();
        return session;
    }

    private async Task<bool> JoinSessionAsync(HislipConnection connection, HislipHeader header, CancellationToken cancellationToken)
    {
        await connection.SkipAsync(header.PayloadLength, cancellationToken).ConfigureAwait(false);
        var id = (ushort)header.Parameter;
        if (!_sessions.TryGetValue(id, out var session))
        {
            return await RefuseAsync(connection, HislipFatalErrorCode.InvalidInitializationSequence,
                $"AsyncInitialize names session {id}, but no session with that id is open (send Initialize on the synchronous channel first).").ConfigureAwait(false);
        }
        var refusal = await session.AttachAsyncAsync(connection, PeerAddressOf(connection), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return await RefuseAsync(connection, HislipFatalErrorCode.InvalidInitializationSequence,
                $"AsyncInitialize for session {id} refused: {refusal}.").ConfigureAwait(false);
        }
        return true;
    }

    /// <summary><see cref="RefuseAsync"/> for a connection that asked for a session: no session (null).</summary>
    private async Task<HislipServerSession?> RefuseForSessionAsync(HislipConnection connection, HislipFatalErrorCode code, string text)
    {
        await RefuseAsync(connection, code, text).ConfigureAwait(false);
        return null;
    }

    /// <summary>Sends FatalError on a connection that never became part of a session, then closes it; returns true (handled).</summary>
    private async Task<bool> RefuseAsync(HislipConnection connection, HislipFatalErrorCode code, string text)
    {
        _options.Logger.LogInformation("HiSLIP connection from {Peer} refused: {Text}", connection.Socket.RemoteEndPoint, text);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var payload = System.Text.Encoding.ASCII.GetBytes(text);
            await connection.SendAsync(new HislipHeader(HislipMessageType.FatalError, (byte)code, 0, (ulong)payload.Length), payload, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone already.
        }
        await CloseGracefullyAsync(connection).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// A session id nobody can predict (cryptographic random, 1 to 65535) and no live session has, so a client cannot
    /// name another's session in AsyncInitialize by counting. Called under the session gate with fewer than 65535 open.
    /// </summary>
    private ushort NextSessionId()
    {
        while (true)
        {
            var id = (ushort)System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, ushort.MaxValue + 1);
            if (!_sessions.ContainsKey(id))
                return id;
        }
    }

    /// <summary>The address a connection comes from (the test seam in the options may say otherwise).</summary>
    private IPAddress PeerAddressOf(HislipConnection connection) =>
        _options.PeerAddressOf?.Invoke(connection.Socket) ?? ((IPEndPoint)connection.Socket.RemoteEndPoint!).Address;
}
