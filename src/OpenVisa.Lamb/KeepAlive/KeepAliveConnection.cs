using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// One kept-alive HTTP/1.1 connection to the server: a TCP socket with Nagle off, a reused request buffer, and the
/// response reader. A connection is either blocking (used only by the sync calls, with the socket's own send and
/// receive timeouts as the deadline, so a timeout never waits for a thread-pool timer) or async (used only by the async
/// calls, with cancellation): .NET turns a socket non-blocking for good on its first async call, and every later sync
/// call on it would detour through the async engine.
/// </summary>
internal sealed class KeepAliveConnection : IDisposable
{
    /// <summary>How far the socket's receive timeout may exceed the time left before it is lowered (each change is a system call).</summary>
    private const long TimeoutSlackMs = 10;

    private readonly Socket _socket;
    private readonly Http1ResponseReader _reader = new();
    private int _appliedReceiveMs = -1;
    private int _appliedSendMs = -1;

    private KeepAliveConnection(Socket socket, bool isAsync)
    {
        _socket = socket;
        IsAsync = isAsync;
    }

    /// <summary>True for a connection of the async calls.</summary>
    public bool IsAsync { get; }

    /// <summary>How many answers it has carried: a connection that carried one before may have been dropped since by the server.</summary>
    public int Answered { get; private set; }

    /// <summary>When it was last handed back, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long IdleSince { get; private set; }

    /// <summary>The request to send next; the transport writes it here.</summary>
    public ArrayBufferWriter<byte> Request { get; } = new(512);

    /// <summary>Bytes of the current answer received so far: 0 means a dropped connection may be retried.</summary>
    public long BytesReceived => _reader.BytesReceived;

    /// <summary>Connects within <paramref name="timeout"/>, blocking, trying each address in turn.</summary>
    public static KeepAliveConnection Open(IPAddress[] addresses, int port, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var left = VisaTimeout.IsInfinite(timeout) ? Timeout.InfiniteTimeSpan : timeout - Stopwatch.GetElapsedTime(started);
                if (!VisaTimeout.IsInfinite(left) && left <= TimeSpan.Zero)
                    throw new SocketException((int)SocketError.TimedOut);
                ConnectBlocking(socket, new IPEndPoint(address, port), left);
                return new KeepAliveConnection(socket, isAsync: false);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Connects asynchronously, trying each address in turn; <paramref name="cancellationToken"/> carries the deadline.</summary>
    public static async ValueTask<KeepAliveConnection> OpenAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new KeepAliveConnection(socket, isAsync: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// True when the idle connection shows something to read: the server's close (or stray bytes), so it must not carry
    /// a request. A system call; asked only of a connection idle for a while (see <see cref="KeepAliveTransport"/>).
    /// </summary>
    public bool LooksDropped()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>
    /// Sends <see cref="Request"/> and reads the answer, blocking; both within <paramref name="timeout"/> from
    /// <paramref name="started"/>. A successful body of <paramref name="streamFrom"/> bytes or more is left on the
    /// connection (<see cref="StreamedLength"/>), for <see cref="ReceiveBody"/>.
    /// </summary>
    /// <exception cref="Http1TimeoutException">The deadline passed.</exception>
    /// <exception cref="Http1ProtocolException">The answer broke HTTP, or the connection ended early.</exception>
    /// <exception cref="SocketException">The network failed.</exception>
    public Http1Response Exchange(string route, long started, TimeSpan timeout, long streamFrom = long.MaxValue)
    {
        _reader.Begin(route, streamFrom);
        var infinite = VisaTimeout.IsInfinite(timeout);
        var timeoutMs = TimeoutMs(timeout);
        var request = Request.WrittenSpan;
        while (!request.IsEmpty)
        {
            var sendMs = infinite ? 0 : (int)Math.Min(int.MaxValue, Math.Max(1, timeoutMs - ElapsedMs(started)));
            if (!infinite && ElapsedMs(started) >= timeoutMs)
                throw new Http1TimeoutException();
            if (_appliedSendMs != sendMs && (_appliedSendMs <= 0 || sendMs == 0 || Math.Abs(_appliedSendMs - sendMs) > TimeoutSlackMs))
            {
                _socket.SendTimeout = sendMs;
                _appliedSendMs = sendMs;
            }
            var sent = _socket.Send(request, SocketFlags.None, out var error);
            request = request[sent..];
            if (error is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
                continue;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
        }
        Http1Response? response;
        while (!_reader.TryFinish(out response))
            _reader.Received(Receive(_reader.FreeSpace.Span, started, timeoutMs));
        Answered++;
        return response!;
    }

    /// <summary>The length of the body <see cref="Exchange"/> left on the connection; 0 when its answer held the whole body.</summary>
    public long StreamedLength => _reader.StreamedLength;

    /// <summary>
    /// Receives the next bytes of a body left on the connection into <paramref name="destination"/> (first those that came
    /// with the head), blocking within <paramref name="timeout"/> from <paramref name="started"/>; 0 when the server closed
    /// the connection. The caller keeps count of the body's length.
    /// </summary>
    public int ReceiveBody(Span<byte> destination, long started, TimeSpan timeout)
    {
        if (_reader.Buffered > 0)
            return _reader.TakeBuffered(destination);
        return Receive(destination, started, TimeoutMs(timeout));
    }

    /// <summary>
    /// True when something follows the end of a streamed body (bytes past the announced length, a duplicated answer, the
    /// server's close): the connection must not carry another request. One system call, once per streamed body.
    /// </summary>
    public bool HasBytesPastBody => _reader.Buffered > 0 || LooksDropped();

    /// <summary>One receive within the deadline (<paramref name="timeoutMs"/> 0: none); 0 is the end of the stream.</summary>
    private int Receive(Span<byte> free, long started, long timeoutMs)
    {
        while (true)
        {
            if (timeoutMs == 0)
            {
                ApplyReceiveTimeout(0);
            }
            else
            {
                var left = timeoutMs - ElapsedMs(started);
                if (left <= 0)
                    throw new Http1TimeoutException();
                if (_appliedReceiveMs <= 0 || _appliedReceiveMs - left > TimeoutSlackMs || left - _appliedReceiveMs > TimeoutSlackMs)
                    ApplyReceiveTimeout((int)Math.Min(int.MaxValue, left));
            }
            var count = _socket.Receive(free, SocketFlags.None, out var error);
            if (error is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
                continue; // the check at the top decides whether the call's time is really up
            if (error is SocketError.ConnectionReset && _reader.BytesReceived == 0)
                return 0; // a reset before any answer is the server dropping the connection: the same as a close
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            return count;
        }
    }

    /// <summary>Sends <see cref="Request"/> and reads the whole answer; <paramref name="cancellationToken"/> carries the caller's cancellation and the deadline.</summary>
    public async ValueTask<Http1Response> ExchangeAsync(string route, CancellationToken cancellationToken)
    {
        _reader.Begin(route);
        var request = Request.WrittenMemory;
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            request = request[sent..];
        }
        Http1Response? response;
        while (!_reader.TryFinish(out response))
        {
            int count;
            try
            {
                count = await _socket.ReceiveAsync(_reader.FreeSpace, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && _reader.BytesReceived == 0)
            {
                count = 0;
            }
            _reader.Received(count);
        }
        Answered++;
        return response!;
    }

    /// <summary>Whether the last answer left the connection fit for another request.</summary>
    public bool KeepAlive => _reader.KeepAlive;

    /// <summary>Marks the moment it went back to the idle pool.</summary>
    public void MarkIdle() => IdleSince = Stopwatch.GetTimestamp();

    public void Dispose() => _socket.Dispose();

    private void ApplyReceiveTimeout(int milliseconds)
    {
        if (_appliedReceiveMs == milliseconds)
            return;
        _socket.ReceiveTimeout = milliseconds;
        _appliedReceiveMs = milliseconds;
    }

    /// <summary>A call's timeout in whole milliseconds, at least 1; 0 for an infinite one (the convention of <see cref="Receive"/>).</summary>
    private static long TimeoutMs(TimeSpan timeout) => VisaTimeout.IsInfinite(timeout) ? 0 : (long)Math.Max(1, Math.Ceiling(timeout.TotalMilliseconds));

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>
    /// Linux bounds a blocking connect by SO_SNDTIMEO, and the socket stays blocking (see the type's remarks); elsewhere
    /// the connect starts non-blocking and waits for writability, then the socket goes back to blocking.
    /// </summary>
    private static void ConnectBlocking(Socket socket, IPEndPoint endPoint, TimeSpan timeout)
    {
        var ms = VisaTimeout.IsInfinite(timeout) ? 0 : (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);
        if (OperatingSystem.IsLinux())
        {
            socket.SendTimeout = ms;
            try
            {
                socket.Connect(endPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.AlreadyInProgress)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }
            return;
        }
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            if (!socket.Poll(ms == 0 ? -1 : (int)Math.Min(int.MaxValue, ms * 1000L), SelectMode.SelectWrite))
                throw new SocketException((int)SocketError.TimedOut);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
        }
        socket.Blocking = true;
    }
}
