using System.Buffers;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// Reads one response from the bytes a connection receives, without doing I/O itself, so the blocking and the async
/// paths share every rule: the caller receives into <see cref="FreeSpace"/>, reports it with <see cref="Received"/>
/// (0 for the end of the stream), and asks <see cref="TryFinish"/> until it yields the response. A body of known length
/// is received straight into its own array once the head is parsed, so a large block is copied once, by the kernel.
/// A successful body of at least the length <see cref="Begin"/> names is not received here at all: the response ends
/// with its head (<see cref="StreamedLength"/>), and <see cref="StreamedBody"/> receives the body straight into the
/// caller's buffers, after <see cref="TakeBuffered"/> hands over the bytes that came with the head.
/// </summary>
internal sealed class Http1ResponseReader
{
    /// <summary>Response heads longer than this are refused: a Lamb server's are a few hundred bytes.</summary>
    public const int MaxHeadBytes = 64 * 1024;

    private const int InitialBufferBytes = 8 * 1024;

    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private string _route = "";
    private long _streamFrom = long.MaxValue;
    private Phase _phase;
    private Http1ResponseHead _head;
    private byte[] _body = [];
    private int _bodyHave;
    private bool _receivingIntoBody;
    private ChunkedBodyDecoder? _chunked;
    private ArrayBufferWriter<byte>? _untilClose;
    private bool _ended;

    private enum Phase
    {
        Head,
        FixedBody,
        ChunkedBody,
        BodyUntilClose,
        StreamedBody,
    }

    /// <summary>Bytes of this response received so far: 0 means the server has said nothing yet.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Whether the connection may carry another request after this response.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>The length of the body left on the connection for <see cref="StreamedBody"/>; 0 when the response holds its whole body.</summary>
    public long StreamedLength { get; private set; }

    /// <summary>Bytes received after the head and not handed over yet: the start of a streamed body (and anything after it).</summary>
    public int Buffered => _end - _start;

    /// <summary>Where the next receive should land.</summary>
    public Memory<byte> FreeSpace
    {
        get
        {
            _receivingIntoBody = _phase == Phase.FixedBody && _start == _end;
            if (_receivingIntoBody)
                return _body.AsMemory(_bodyHave);
            if (_start == _end)
                _start = _end = 0;
            if (_end == _buffer.Length)
            {
                if (_start > 0)
                {
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }
                else
                {
                    // Only a head (or a chunk line) that does not fit gets here; both are bounded before this grows far.
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
            }
            return _buffer.AsMemory(_end);
        }
    }

    /// <summary>Starts reading the answer to <paramref name="route"/>; a successful body of <paramref name="streamFrom"/> bytes or more is left on the connection.</summary>
    public void Begin(string route, long streamFrom = long.MaxValue)
    {
        _route = route;
        _streamFrom = streamFrom;
        StreamedLength = 0;
        _phase = Phase.Head;
        _start = _end = 0;
        _body = [];
        _bodyHave = 0;
        _chunked = null;
        _untilClose = null;
        _ended = false;
        BytesReceived = 0;
        KeepAlive = false;
        if (_buffer.Length > InitialBufferBytes * 8)
            _buffer = new byte[InitialBufferBytes]; // one huge head does not stay with the connection
    }

    /// <summary>Accounts for <paramref name="count"/> bytes received into the last <see cref="FreeSpace"/>; 0 is the end of the stream.</summary>
    public void Received(int count)
    {
        if (count == 0)
        {
            _ended = true;
            return;
        }
        BytesReceived += count;
        if (_receivingIntoBody)
            _bodyHave += count;
        else
            _end += count;
    }

    /// <summary>The response once it is whole; false while more bytes are needed.</summary>
    /// <exception cref="Http1ProtocolException">When the bytes are not a valid response, or the stream ended too soon.</exception>
    public bool TryFinish(out Http1Response? response)
    {
        response = null;
        while (true)
        {
            switch (_phase)
            {
                case Phase.Head:
                {
                    var waiting = _buffer.AsSpan(_start, _end - _start);
                    var blank = waiting.IndexOf("\r\n\r\n"u8);
                    if (blank < 0 || blank > MaxHeadBytes)
                    {
                        if (waiting.Length > MaxHeadBytes)
                            throw new Http1ProtocolException(StatusCode.ErrorIO, $"answered {_route} with response headers longer than {MaxHeadBytes} bytes (a Lamb server's are a few hundred): is the URL that of a Lamb server?");
                        if (_ended)
                            throw EndedIn(waiting.IsEmpty ? null : "its response headers");
                        return false;
                    }
                    _head = Http1ResponseHead.Parse(waiting[..blank], _route);
                    _start += blank + 4;
                    if (_head.IsInterim)
                        continue; // 100 Continue and the like: the real answer follows
                    if (_head.Status == 101)
                        throw new Http1ProtocolException(StatusCode.ErrorIO, $"answered {_route} with 101 Switching Protocols, which no Lamb route asks for.");
                    StartBody();
                    break;
                }
                case Phase.FixedBody:
                {
                    var take = Math.Min(_end - _start, _body.Length - _bodyHave);
                    _buffer.AsSpan(_start, take).CopyTo(_body.AsSpan(_bodyHave));
                    _start += take;
                    _bodyHave += take;
                    if (_bodyHave == _body.Length)
                        return Finish(_body, out response);
                    if (_ended)
                        throw EndedIn($"its body, after {_bodyHave} of the {_body.Length} bytes its Content-Length announced");
                    return false;
                }
                case Phase.ChunkedBody:
                {
                    _start += _chunked!.Feed(_buffer.AsSpan(_start, _end - _start));
                    if (_chunked.IsDone)
                        return Finish(_chunked.Body.ToArray(), out response);
                    if (_ended)
                        throw EndedIn($"its chunked body, after {_chunked.Body.Length} bytes of data");
                    return false;
                }
                case Phase.BodyUntilClose:
                {
                    _untilClose!.Write(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    if (!_ended)
                        return false;
                    _head = _head with { KeepAlive = false };
                    return Finish(_untilClose!.WrittenSpan.ToArray(), out response);
                }
                case Phase.StreamedBody:
                    KeepAlive = _head.KeepAlive;
                    response = new Http1Response(_head.Status, _head.Reason, _head.MediaType, _head.RequestId, []);
                    return true;
            }
        }
    }

    private void StartBody()
    {
        if (_head.HasNoBody || _head.ContentLength == 0)
        {
            _phase = Phase.FixedBody;
            _body = [];
        }
        else if (_head.Chunked)
        {
            _phase = Phase.ChunkedBody;
            _chunked = new ChunkedBodyDecoder(_route);
        }
        else if (_head.ContentLength >= _streamFrom && _head.Status is >= 200 and <= 299)
        {
            _phase = Phase.StreamedBody;
            StreamedLength = _head.ContentLength.Value;
        }
        else if (_head.ContentLength is { } length)
        {
            _phase = Phase.FixedBody;
            _body = LargeBodyArrays.Take((int)length);
        }
        else
        {
            // No length and not chunked: the body runs to the end of the connection (RFC 9112 §6.3, last rule).
            _phase = Phase.BodyUntilClose;
            _untilClose = new ArrayBufferWriter<byte>();
        }
        _bodyHave = 0;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length of the bytes received after the head; returns how many.</summary>
    public int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    private bool Finish(byte[] body, out Http1Response? response)
    {
        KeepAlive = _head.KeepAlive;
        var extra = _buffer.AsSpan(_start, _end - _start);
        if (!extra.IsEmpty)
        {
            // Nothing is pipelined, so nothing may follow an answer. The start of another response is a stale or
            // duplicated one (its X-Request-Id would refuse it): this answer stands and the connection is dropped. Any
            // other bytes mean the body was longer than announced, and the answer cut short by a wrong length is refused.
            var prefix = "HTTP/"u8;
            if (!prefix[..Math.Min(prefix.Length, extra.Length)].SequenceEqual(extra[..Math.Min(prefix.Length, extra.Length)]))
            {
                throw new Http1ProtocolException(StatusCode.ErrorIO,
                    $"sent {extra.Length} bytes more than the {(_head.Chunked ? "chunked body" : $"Content-Length of {body.Length}")} it announced in its answer to {_route} " +
                    $"(\"{Http1ResponseHead.Printable(extra)}\"): a wrong length, so the answer is not trusted.");
            }
            KeepAlive = false;
        }
        _start = _end = 0;
        response = new Http1Response(_head.Status, _head.Reason, _head.MediaType, _head.RequestId, body);
        return true;
    }

    private Http1ProtocolException EndedIn(string? where) => where is null
        ? new Http1ProtocolException(StatusCode.ErrorConnectionLost,
            "the server closed the connection without answering (it stopped, restarted, or dropped an idle connection)")
        { ClosedBeforeAnswer = true }
        : new Http1ProtocolException(StatusCode.ErrorConnectionLost,
            $"closed the connection in the middle of {where}, answering {_route}: the answer is lost. The next call opens a new connection; try again.");
}
