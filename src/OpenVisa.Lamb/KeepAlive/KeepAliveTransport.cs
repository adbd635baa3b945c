using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// The lean HTTP/1.1 path of <c>@lamb</c> for plain <c>http://</c> servers reached without a proxy: kept-alive TCP
/// connections shared by every session of a library (one per request in flight), each request written in one send from
/// a reused buffer and each response parsed strictly (<see cref="Http1ResponseReader"/>). It exists because
/// <see cref="HttpClient"/> cost about 35 µs of CPU per request over a raw socket doing the same exchange
/// (docs/performance.md); TLS, proxies and large uploads stay on <see cref="HttpClient"/>.
/// </summary>
/// <remarks>
/// A connection idle for <see cref="IdleCheckAfter"/> or more is checked before reuse (a server closes idle
/// connections: uvicorn after 5 s); a busy one is not, which saves a system call per request. A GET or DELETE that finds
/// its reused connection dropped before any byte of the answer is sent once more on a new connection; a POST (a write
/// or query the instrument may have acted on) never is, and fails with <c>VI_ERROR_CONN_LOST</c>.
/// </remarks>
internal sealed class KeepAliveTransport : IDisposable
{
    /// <summary>An idle connection older than this is checked for a close by the server before it carries a request.</summary>
    public static readonly TimeSpan IdleCheckAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long opening a connection may take at most, whatever the call's timeout (as the earlier HttpClient's ConnectTimeout).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Idle connections kept per kind (blocking, async); more are closed when handed back.</summary>
    private const int MaxIdle = 16;

    private readonly string _host;
    private readonly int _port;
    private readonly string _hostHeader;
    private readonly Lock _gate = new();
    private readonly Stack<KeepAliveConnection> _idleBlocking = new();
    private readonly Stack<KeepAliveConnection> _idleAsync = new();
    private bool _disposed;

    public KeepAliveTransport(Uri server)
    {
        _host = server.DnsSafeHost; // an IPv6 address without its brackets
        _port = server.Port;
        // As HttpClient writes it: host[:port], the port left out when it is the scheme's default.
        var host = server.HostNameType == UriHostNameType.IPv6 ? $"[{_host}]" : server.IdnHost;
        _hostHeader = server.IsDefaultPort ? host : $"{host}:{server.Port}";
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns its answer, blocking, within the request's timeout. A successful body
    /// of <paramref name="streamFrom"/> bytes or more stays on its connection, as the answer's <see cref="Http1Response.Rest"/>.
    /// </summary>
    /// <exception cref="Http1TimeoutException">The deadline passed.</exception>
    /// <exception cref="Http1ProtocolException">The answer broke HTTP, or the connection ended early.</exception>
    /// <exception cref="StaleAnswerException">The answer named another request.</exception>
    /// <exception cref="SocketException">Connecting or the network failed.</exception>
    public Http1Response Exchange(in LambRequest request, long requestId, string? authorization, long streamFrom = long.MaxValue)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var connection = Rent(isAsync: false) ?? Open(request.Timeout, started);
            try
            {
                Write(connection, request, requestId, authorization);
                var response = connection.Exchange(request.Route, started, request.Timeout, streamFrom);
                Check(response, requestId);
                if (connection.StreamedLength > 0)
                    return response with { Rest = new StreamedBody(this, connection, connection.StreamedLength, request.Route) };
                Return(connection);
                return response;
            }
            catch (Exception e) when (attempt == 0 && MayRetry(e, connection, request))
            {
                connection.Dispose();
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns its answer; <paramref name="cancellationToken"/> cancels, the request's timeout ends it with <see cref="Http1TimeoutException"/>.</summary>
    public async ValueTask<Http1Response> ExchangeAsync(LambRequest request, long requestId, string? authorization, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!VisaTimeout.IsInfinite(request.Timeout))
            deadline.CancelAfter(request.Timeout);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var connection = Rent(isAsync: true) ?? await OpenAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    Write(connection, request, requestId, authorization);
                    var response = await connection.ExchangeAsync(request.Route, deadline.Token).ConfigureAwait(false);
                    Check(response, requestId);
                    Return(connection);
                    return response;
                }
                catch (Exception e) when (attempt == 0 && MayRetry(e, connection, request))
                {
                    connection.Dispose();
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Http1TimeoutException();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var connection in _idleBlocking.Concat(_idleAsync))
                connection.Dispose();
            _idleBlocking.Clear();
            _idleAsync.Clear();
        }
    }

    /// <summary>Only an idempotent request, on a connection that carried answers before, dropped before a byte of this answer.</summary>
    private static bool MayRetry(Exception e, KeepAliveConnection connection, in LambRequest request) =>
        request.IsIdempotent && connection.Answered > 0 && connection.BytesReceived == 0
        && e is SocketException or Http1ProtocolException { ClosedBeforeAnswer: true };

    private static void Check(Http1Response response, long requestId)
    {
        if (response.RequestId is not { } echoed)
            return; // Lamb echoes nothing
        var asked = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (echoed != asked)
            throw new StaleAnswerException(echoed, asked);
    }

    private void Write(KeepAliveConnection connection, in LambRequest request, long requestId, string? authorization)
    {
        connection.Request.ResetWrittenCount();
        Http1RequestWriter.Write(connection.Request, request, _hostHeader, requestId, authorization);
    }

    private KeepAliveConnection? Rent(bool isAsync)
    {
        while (true)
        {
            KeepAliveConnection? connection;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!(isAsync ? _idleAsync : _idleBlocking).TryPop(out connection))
                    return null;
            }
            if (Stopwatch.GetElapsedTime(connection.IdleSince) < IdleCheckAfter || !connection.LooksDropped())
                return connection;
            connection.Dispose();
        }
    }

    /// <summary>Takes a connection back for the next request, or closes it when the server said it closes it, or enough are idle.</summary>
    public void Return(KeepAliveConnection connection)
    {
        if (connection.KeepAlive)
        {
            connection.MarkIdle();
            lock (_gate)
            {
                var idle = connection.IsAsync ? _idleAsync : _idleBlocking;
                if (!_disposed && idle.Count < MaxIdle)
                {
                    idle.Push(connection);
                    return;
                }
            }
        }
        connection.Dispose();
    }

    private KeepAliveConnection Open(TimeSpan timeout, long started)
    {
        var left = VisaTimeout.IsInfinite(timeout) ? ConnectTimeout : timeout - Stopwatch.GetElapsedTime(started);
        if (left > ConnectTimeout)
            left = ConnectTimeout;
        if (left <= TimeSpan.Zero)
            throw new Http1TimeoutException();
        return KeepAliveConnection.Open(Addresses(), _port, left);
    }

    private async ValueTask<KeepAliveConnection> OpenAsync(CancellationToken deadline)
    {
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        connect.CancelAfter(ConnectTimeout);
        try
        {
            var addresses = IPAddress.TryParse(_host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(_host, connect.Token).ConfigureAwait(false);
            return await KeepAliveConnection.OpenAsync(addresses, _port, connect.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
        {
            throw new SocketException((int)SocketError.TimedOut);
        }
    }

    private IPAddress[] Addresses() => IPAddress.TryParse(_host, out var literal) ? [literal] : Dns.GetHostAddresses(_host);
}
