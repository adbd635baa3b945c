using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// An ONC RPC client for one program and version over one TCP connection, with AUTH_NONE. A call is
/// <see cref="BeginCall"/> (write the arguments into the returned writer), then <see cref="Invoke"/> or
/// <see cref="InvokeAsync"/>, which return the decoded-header reply's results. Not thread-safe: one call at a time.
/// </summary>
/// <remarks>
/// Each call has a fresh transaction id. A reply to an earlier call whose caller gave up (a timeout) is read and
/// dropped, so a late reply never answers the wrong call. The synchronous path is plain blocking socket calls bounded
/// by SO_RCVTIMEO/SO_SNDTIMEO, changed only when the value changes (a call given a cancellation token, and the plain
/// calls after one, wait in slices of <see cref="CancellationCheckMs"/>, so the socket never has to turn non-blocking
/// for a cancellable call); the asynchronous path is socket async calls cancelled at the deadline.
/// </remarks>
internal sealed class RpcTcpClient : IDisposable
{
    /// <summary>
    /// The longest single wait of a cancellable synchronous call (<see cref="Invoke"/> with a token): the same slice as
    /// the SOCKET session's cancellable read, so a cancellation ends either within about a tenth of a second.
    /// </summary>
    internal const int CancellationCheckMs = OpenVisa.Managed.Tcpip.Socket.TcpipSocketSession.CancellationCheckMs;

    private readonly Sock _socket;
    private readonly uint _program;
    private readonly uint _version;
    private readonly XdrWriter _writer = new();
    private readonly RpcRecordReader _reader;
    private readonly CallDeadline _deadline = new();
    private uint _xid;
    private uint _procedure;
    private int _sendTimeout;
    private int _receiveTimeout;
    private string? _brokenReason;

    public RpcTcpClient(Sock socket, uint program, uint version, int maxReplyLength = 256 * 1024 * 1024)
    {
        _socket = socket;
        _program = program;
        _version = version;
        _reader = new RpcRecordReader(maxReplyLength);
        _xid = (uint)Random.Shared.Next();
    }

    /// <summary>Connects to <paramref name="endPoint"/> within <paramref name="timeout"/>.</summary>
    public static RpcTcpClient Connect(IPEndPoint endPoint, uint program, uint version, TimeSpan timeout) =>
        new(RpcConnect.Connect(endPoint, timeout), program, version);

    /// <summary>The local address of the connection (the address the peer reaches us at).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The server's address.</summary>
    public IPEndPoint RemoteEndPoint => (IPEndPoint)_socket.RemoteEndPoint!;

    /// <summary>The connection's socket, for options such as keep-alive; never read or write it directly.</summary>
    public Sock Socket => _socket;

    /// <summary>Starts a call to <paramref name="procedure"/>; write the arguments into the returned writer.</summary>
    public XdrWriter BeginCall(uint procedure)
    {
        _xid++;
        _procedure = procedure;
        _writer.BeginRecord();
        RpcMessage.WriteCallHeader(_writer, _xid, _program, _version, procedure);
        return _writer;
    }

    /// <summary>
    /// Sends the call begun with <see cref="BeginCall"/> and waits at most <paramref name="timeout"/> for its reply.
    /// Returns the results, valid until the next call. With a <paramref name="cancellation"/> that can be cancelled,
    /// no single wait is longer than <see cref="CancellationCheckMs"/> and the token is looked at between waits, on a
    /// socket that stays blocking.
    /// </summary>
    /// <exception cref="TimeoutException">No reply in time; the connection stays usable.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for the reply; the connection
    /// stays usable, and the reply, when it comes, is dropped by its transaction id.</exception>
    /// <exception cref="IOException">The connection failed or the peer closed it; the client is broken from then on.</exception>
    /// <exception cref="RpcException">The server refused the call.</exception>
    /// <exception cref="XdrException">The reply header is malformed.</exception>
    public ReadOnlySpan<byte> Invoke(TimeSpan timeout, CancellationToken cancellation = default)
    {
        ThrowIfBroken();
        _writer.FinishRecord();
        var socketTimeout = RpcConnect.ToSocketTimeout(timeout);
        // Once a cancellable call has set the slice, plain calls wait in slices too (without a token to look at): a
        // query's write then leaves SO_RCVTIMEO where its cancellable read wants it, two setsockopt calls fewer per query.
        var sliced = cancellation.CanBeCanceled || _receiveTimeout == CancellationCheckMs;
        SetSendTimeout(socketTimeout);
        if (!sliced)
            SetReceiveTimeout(socketTimeout);
        try
        {
            var data = _writer.Written;
            while (!data.IsEmpty)
            {
                var sent = _socket.Send(data, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                    throw new SocketException((int)error);
                data = data[sent..];
            }
        }
        catch (SocketException e)
        {
            throw Broken($"sending the call failed: {e.Message}", e);
        }
        // Only a sliced wait reads the clock: a plain one is bounded by SO_RCVTIMEO alone.
        var started = sliced ? Stopwatch.GetTimestamp() : 0;
        while (true)
        {
            ReadOnlyMemory<byte> record;
            try
            {
                if (!(sliced ? TryReceiveSliced(timeout, started, cancellation, out record) : _reader.TryReceive(_socket, out record)))
                    throw new TimeoutException($"No RPC reply came within {FormatTimeout(timeout)}.");
            }
            catch (SocketException e)
            {
                throw Broken($"receiving the reply failed: {e.Message}", e);
            }
            catch (EndOfStreamException e)
            {
                throw Broken(e.Message, e);
            }
            catch (ObjectDisposedException e)
            {
                throw Broken("the connection was closed", e);
            }
            var reader = new XdrReader(record.Span);
            if (RpcMessage.TryReadReplyHeader(ref reader, _xid, _program, _version, _procedure))
                return record.Span[reader.Position..];
        }
    }

    /// <summary>
    /// Waits for a record in slices of at most <see cref="CancellationCheckMs"/>, looking at the token between them;
    /// false when <paramref name="timeout"/> (counted from <paramref name="started"/>) ran out first. A record cut by a
    /// slice's end is resumed by the next slice (the reader keeps its state), so the framing is never lost.
    /// </summary>
    private bool TryReceiveSliced(TimeSpan timeout, long started, CancellationToken cancellation, out ReadOnlyMemory<byte> record)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var wait = CancellationCheckMs;
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                var left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    record = default;
                    return false;
                }
                wait = (int)Math.Clamp(Math.Ceiling(left.TotalMilliseconds), 1, CancellationCheckMs);
            }
            SetReceiveTimeout(wait);
            if (_reader.TryReceive(_socket, out record))
                return true;
        }
    }

    /// <summary>The asynchronous <see cref="Invoke"/>; the results are valid until the next call.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> InvokeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        _writer.FinishRecord();
        var token = _deadline.Start(timeout, cancellationToken);
        try
        {
            try
            {
                await _socket.SendAsync(_writer.WrittenMemory, SocketFlags.None, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                // Part of the record may be on the wire: the stream has lost its framing.
                throw Broken(_deadline.IsClosed ? "the connection was closed"
                    : cancellationToken.IsCancellationRequested ? "a call was cancelled while it was being sent"
                    : $"sending the call took longer than {FormatTimeout(timeout)}", e);
            }
            catch (SocketException e)
            {
                throw Broken($"sending the call failed: {e.Message}", e);
            }
            while (true)
            {
                ReadOnlyMemory<byte> record;
                try
                {
                    record = await _reader.ReceiveAsync(_socket, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (_deadline.IsClosed)
                {
                    throw Broken("the connection was closed", e);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No RPC reply came within {FormatTimeout(timeout)}.");
                }
                catch (SocketException e)
                {
                    throw Broken($"receiving the reply failed: {e.Message}", e);
                }
                catch (EndOfStreamException e)
                {
                    throw Broken(e.Message, e);
                }
                catch (ObjectDisposedException e)
                {
                    throw Broken("the connection was closed", e);
                }
                if (TryAccept(record.Span, out var resultsOffset))
                    return record[resultsOffset..];
            }
        }
        finally
        {
            _deadline.Stop();
        }
    }

    /// <summary>Closes the connection; a call in progress on another thread fails with <see cref="IOException"/>.</summary>
    public void Dispose()
    {
        _brokenReason ??= "the connection was closed";
        _deadline.Close();
        _socket.Dispose();
    }

    /// <summary>"2000 ms" or "infinite time", for messages.</summary>
    public static string FormatTimeout(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? "an unlimited time" : $"{(long)timeout.TotalMilliseconds} ms";

    private bool TryAccept(ReadOnlySpan<byte> record, out int resultsOffset)
    {
        var reader = new XdrReader(record);
        var accepted = RpcMessage.TryReadReplyHeader(ref reader, _xid, _program, _version, _procedure);
        resultsOffset = reader.Position;
        return accepted;
    }

    private void SetSendTimeout(int milliseconds)
    {
        if (milliseconds == _sendTimeout)
            return;
        _socket.SendTimeout = milliseconds;
        _sendTimeout = milliseconds;
    }

    private void SetReceiveTimeout(int milliseconds)
    {
        if (milliseconds == _receiveTimeout)
            return;
        _socket.ReceiveTimeout = milliseconds;
        _receiveTimeout = milliseconds;
    }

    private void ThrowIfBroken()
    {
        if (_brokenReason is { } reason)
            throw new IOException($"The RPC connection is no longer usable ({reason}).");
    }

    private IOException Broken(string reason, Exception cause)
    {
        _brokenReason ??= reason;
        return new IOException(reason, cause);
    }
}
