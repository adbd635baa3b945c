using System.Net.Security;
using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// One HiSLIP channel (one TCP connection), in clear text or under TLS: a receive buffer that headers and small
/// payloads are parsed from, and sends that put a header and a small payload on the wire in one system call.
/// </summary>
/// <remarks>
/// <para>Receiving: one receive fills the buffer with whatever has arrived, usually a header and its whole payload,
/// so a short reply costs one system call. A large payload is received straight into the caller's memory
/// (<see cref="DirectReadThreshold"/>): the kernel copies a block once and nothing else touches it.</para>
/// <para>Sync calls are blocking socket calls bounded by <c>SO_RCVTIMEO</c>/<c>SO_SNDTIMEO</c>, changed only when the
/// time left differs, so a client that never goes async keeps its socket in blocking mode (the cheapest path).
/// Async calls take a cancellation token. Not thread-safe: each direction has one user at a time (the owner's gates,
/// and <see cref="SendLock"/> where several tasks send).</para>
/// </remarks>
internal sealed partial class HislipConnection : IDisposable
{
    /// <summary>A payload read of at least this many bytes with nothing buffered goes straight into the caller's memory.</summary>
    public const int DirectReadThreshold = 16 * 1024;

    /// <summary>Payloads up to this size are copied behind the header and sent with it in one call.</summary>
    public const int CoalesceLimit = 64 * 1024;

    /// <summary>
    /// The longest single wait of a cancellable synchronous receive: the same slice as the SOCKET session's cancellable
    /// read, so a cancellation ends either within about a tenth of a second.
    /// </summary>
    public const int CancellationCheckMs = OpenVisa.Managed.Tcpip.Socket.TcpipSocketSession.CancellationCheckMs;

    private const int InitialBufferSize = 64 * 1024;
    private const long TimeoutSlackMs = 10;

    private readonly Sock _socket;
    private readonly NetworkStream _network;
    private SslStream? _tls;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private byte[] _send = new byte[HislipHeader.Size + 256];
    private int _appliedReceiveMs;
    private int _appliedSendMs;
    private int _disposed;

    public HislipConnection(Sock socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _network = new NetworkStream(socket, ownsSocket: false);
    }

    public Sock Socket => _socket;

    /// <summary>Serialises senders on channels several tasks write to (the server's asynchronous channel).</summary>
    public SemaphoreSlim SendLock { get; } = new(1, 1);

    /// <summary>The TLS layer while the channel is encrypted, else null.</summary>
    public SslStream? Tls => _tls;

    public bool IsSecure => _tls is not null;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Whether the <c>…Async</c> forms make blocking calls and are complete when they return: set on a server's
    /// synchronous channel, which a thread of its own serves, so that no asynchronous operation ever touches its socket
    /// (on Linux the first one switches the socket to non-blocking mode for good, and every later blocking call pays for
    /// it). The TLS layer then reads and writes the socket through blocking calls too, even from its async forms. A
    /// cancellation token is checked before each call, not during it: closing the connection is what ends a blocked call.
    /// </summary>
    public bool Blocking { get; set; }

    /// <summary>Bytes received and not yet consumed.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public int BufferedCount => _end - _start;

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
            _start = _end = 0;
    }

    /// <summary>Free space at the end of the buffer, at least <paramref name="minimum"/> bytes; moves unread bytes to the front first.</summary>
    public Memory<byte> GetReceiveSpace(int minimum = 1)
    {
        if (_start > 0 && _buffer.Length - _end < Math.Max(minimum, 1024))
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < minimum)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + minimum));
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>Puts bytes a direct read took too far back in front of the buffer (which must be empty).</summary>
    public void PushBack(ReadOnlySpan<byte> bytes)
    {
        if (_end != _start)
            throw new InvalidOperationException("PushBack needs an empty receive buffer.");
        _start = _end = 0;
        bytes.CopyTo(GetReceiveSpace(bytes.Length).Span);
        _end = bytes.Length;
    }

    /// <summary>Drops everything buffered (device clear).</summary>
    public void DiscardBuffered() => _start = _end = 0;

    // ---- sync receive ------------------------------------------------------------------------------------

    /// <summary>
    /// One receive into <paramref name="target"/>; returns at least one byte. With a <paramref name="cancellation"/>
    /// that can be cancelled, no single wait is longer than <see cref="CancellationCheckMs"/> and the token is looked at
    /// between waits, on a socket that stays blocking.
    /// </summary>
    /// <exception cref="TimeoutException">The deadline passed with nothing received.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled first; nothing was consumed.</exception>
    /// <exception cref="HislipConnectionClosedException">The peer closed the connection.</exception>
    public int Receive(Span<byte> target, in HislipDeadline deadline, CancellationToken cancellation = default)
    {
        var cancellable = cancellation.CanBeCanceled;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (deadline.TimeoutMs == VisaTimeout.ImmediateValue)
            {
                // SO_RCVTIMEO cannot say "do not wait": ask whether anything (data or EOF) is there.
                if (!_socket.Poll(0, SelectMode.SelectRead))
                    throw new TimeoutException();
                ApplyReceiveTimeout(1);
            }
            else if (deadline.IsInfinite)
            {
                ApplyReceiveTimeout(cancellable ? CancellationCheckMs : 0);
            }
            else
            {
                var remaining = deadline.RemainingMs;
                if (remaining <= 0)
                    throw new TimeoutException();
                var wait = cancellable ? Math.Min(remaining, CancellationCheckMs) : remaining;
                if (_appliedReceiveMs == 0 || Math.Abs(_appliedReceiveMs - wait) > TimeoutSlackMs)
                    ApplyReceiveTimeout((int)Math.Min(wait, int.MaxValue));
            }
            var count = _tls is null ? ReceivePlain(target) : ReceiveSecure(target);
            if (count > 0)
                return count;
            if (count == 0)
                throw new HislipConnectionClosedException("The peer closed the connection.");
            if (deadline.TimeoutMs == VisaTimeout.ImmediateValue)
                throw new TimeoutException();
            // -1: the receive timed out; the top of the loop decides whether the deadline really passed.
        }
    }

    /// <summary>Receives until at least <paramref name="count"/> bytes are buffered.</summary>
    public void Fill(int count, in HislipDeadline deadline)
    {
        while (BufferedCount < count)
        {
            var space = GetReceiveSpace(count - BufferedCount);
            Advance(Receive(space.Span, deadline));
        }
    }

    private int ReceivePlain(Span<byte> target)
    {
        var count = _socket.Receive(target, SocketFlags.None, out var error);
        if (error == SocketError.Success)
            return count;
        if (error is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            return -1;
        throw new SocketException((int)error);
    }

    private int ReceiveSecure(Span<byte> target)
    {
        try
        {
            return _tls!.Read(target);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
        {
            return -1;
        }
    }

    /// <summary>One blocking receive without a time limit (<see cref="Blocking"/> mode); 0 when the peer closed.</summary>
    private int ReceiveBlocking(Span<byte> target)
    {
        ApplyReceiveTimeout(0);
        while (true)
        {
            var count = _tls is null ? ReceivePlain(target) : ReceiveSecure(target);
            if (count >= 0)
                return count;
        }
    }

    private void ApplyReceiveTimeout(int milliseconds)
    {
        if (_appliedReceiveMs == milliseconds)
            return;
        _socket.ReceiveTimeout = milliseconds;
        _appliedReceiveMs = milliseconds;
    }

    // ---- sync send ---------------------------------------------------------------------------------------

    /// <summary>Sends a message: header and a short payload in one call, a long payload straight from the caller's memory.</summary>
    /// <exception cref="TimeoutException">The peer did not take the bytes in time; the stream is then out of step.</exception>
    public void Send(HislipHeader header, ReadOnlySpan<byte> payload, in HislipDeadline deadline)
    {
        ApplySendTimeout(deadline);
        if (payload.Length <= CoalesceLimit)
        {
            var message = Compose(header, payload);
            SendAll(message);
        }
        else
        {
            Span<byte> head = stackalloc byte[HislipHeader.Size];
            header.WriteTo(head);
            SendAll(head);
            SendAll(payload);
        }
    }

    /// <summary>A blocking send without a time limit (<see cref="Blocking"/> mode).</summary>
    private void SendBlocking(ReadOnlySpan<byte> data)
    {
        ApplySendTimeout(new HislipDeadline(VisaTimeout.InfiniteValue));
        SendAll(data);
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        if (_tls is not null)
        {
            try
            {
                _tls.Write(data);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
            {
                throw new TimeoutException("The peer did not accept the data in time.", e);
            }
            return;
        }
        while (!data.IsEmpty)
        {
            var sent = _socket.Send(data, SocketFlags.None, out var error);
            if (error is SocketError.TimedOut or SocketError.WouldBlock)
                throw new TimeoutException("The peer did not accept the data in time.");
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            data = data[sent..];
        }
    }

    private void ApplySendTimeout(in HislipDeadline deadline)
    {
        var milliseconds = deadline.IsInfinite ? 0 : (int)Math.Clamp(deadline.RemainingMs, 1, int.MaxValue);
        if (milliseconds == _appliedSendMs)
            return;
        if (milliseconds != 0 && _appliedSendMs != 0 && Math.Abs(_appliedSendMs - milliseconds) <= TimeoutSlackMs)
            return;
        _socket.SendTimeout = milliseconds;
        _appliedSendMs = milliseconds;
    }

    /// <summary>The header followed by the payload in the reused send buffer.</summary>
    private ReadOnlySpan<byte> Compose(HislipHeader header, ReadOnlySpan<byte> payload)
    {
        var length = HislipHeader.Size + payload.Length;
        if (_send.Length < length)
            _send = new byte[Math.Max(length, Math.Min(_send.Length * 2, HislipHeader.Size + CoalesceLimit))];
        header.WriteTo(_send);
        payload.CopyTo(_send.AsSpan(HislipHeader.Size));
        return _send.AsSpan(0, length);
    }

    // ---- lifetime ----------------------------------------------------------------------------------------

    /// <summary>Stops sending (TCP FIN) while still receiving, so a FatalError just sent reaches the peer before the close.</summary>
    public void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to flush.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            _tls?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The TLS close_notify could not be sent; the socket goes anyway.
        }
        _network.Dispose();
        _socket.Dispose();
    }
}
