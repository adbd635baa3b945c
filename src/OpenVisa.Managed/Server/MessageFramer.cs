using System.Buffers;

namespace OpenVisa.Managed.Server;

/// <summary>
/// Cuts a byte stream into messages at a termination, the way an IEEE 488.2 parser does: the termination inside a
/// definite-length block (<c>#&lt;n&gt;&lt;length&gt;&lt;data&gt;</c>) is data, not an end, so binary writes such as
/// <c>:TRAC:DATA #14\x01\x0A\x02\x03</c> arrive whole; a <c>#</c> inside a quoted string starts no block.
/// </summary>
/// <remarks>
/// Messages are split at the termination's last byte; the bytes before it in the termination are removed when present,
/// and with the default <c>\n</c> a <c>\r</c> before it is removed too, so <c>\r\n</c> clients work unchanged. An
/// indefinite block (<c>#0</c>) cannot be delimited on a stream and ends at the next termination.
/// A message returned by <see cref="TryReadMessage"/> stays valid until the next <see cref="GetReceiveMemory"/>.
/// </remarks>
internal sealed class MessageFramer
{
    private readonly byte _terminator;
    private readonly byte[] _terminationPrefix;
    private readonly bool _stripCarriageReturn;
    private readonly SearchValues<byte> _normalStops;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _scan;
    private int _end;
    private State _state;
    private byte _quote;
    private int _blockDigits;
    private long _blockRemaining;

    public MessageFramer(ReadOnlySpan<byte> termination)
    {
        if (termination.IsEmpty)
            throw new ArgumentException("The termination must have at least one byte.", nameof(termination));
        _terminator = termination[^1];
        _terminationPrefix = termination[..^1].ToArray();
        _stripCarriageReturn = termination.SequenceEqual("\n"u8);
        _normalStops = SearchValues.Create([_terminator, (byte)'#', (byte)'"', (byte)'\'']);
    }

    private enum State
    {
        Normal,
        Quoted,
        BlockHeader,
        BlockLength,
        BlockData,
    }

    /// <summary>Bytes received that do not yet form a complete message.</summary>
    public int BufferedLength => _end - _start;

    /// <summary>Space to receive into, at least <paramref name="sizeHint"/> bytes; call <see cref="Advance"/> with what arrived.</summary>
    public Memory<byte> GetReceiveMemory(int sizeHint)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _scan -= _start;
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length - _end < sizeHint)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + sizeHint));
        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were received into the last <see cref="GetReceiveMemory"/>.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>The next complete message, without its termination, if one has arrived.</summary>
    public bool TryReadMessage(out ReadOnlyMemory<byte> message)
    {
        while (_scan < _end)
        {
            switch (_state)
            {
                case State.Normal:
                {
                    var found = _buffer.AsSpan(_scan, _end - _scan).IndexOfAny(_normalStops);
                    if (found < 0)
                    {
                        _scan = _end;
                        break;
                    }
                    _scan += found;
                    var b = _buffer[_scan++];
                    if (b == _terminator)
                    {
                        message = Complete(_scan - 1);
                        return true;
                    }
                    if (b == (byte)'#')
                    {
                        _state = State.BlockHeader;
                    }
                    else
                    {
                        _quote = b;
                        _state = State.Quoted;
                    }
                    break;
                }
                case State.Quoted:
                {
                    var found = _buffer.AsSpan(_scan, _end - _scan).IndexOfAny(_quote, _terminator);
                    if (found < 0)
                    {
                        _scan = _end;
                        break;
                    }
                    _scan += found;
                    // A termination ends the message even inside an unclosed string, so one bad quote cannot swallow the stream.
                    if (_buffer[_scan++] == _terminator)
                    {
                        message = Complete(_scan - 1);
                        return true;
                    }
                    _state = State.Normal;
                    break;
                }
                case State.BlockHeader:
                {
                    var b = _buffer[_scan];
                    if (b is >= (byte)'1' and <= (byte)'9')
                    {
                        _blockDigits = b - '0';
                        _blockRemaining = 0;
                        _scan++;
                        _state = State.BlockLength;
                    }
                    else
                    {
                        _state = State.Normal; // #0, #H1F, a stray '#': look at this byte again as ordinary text
                    }
                    break;
                }
                case State.BlockLength:
                {
                    var b = _buffer[_scan];
                    if (b is < (byte)'0' or > (byte)'9')
                    {
                        _state = State.Normal; // a malformed header is text after all
                        break;
                    }
                    _blockRemaining = (_blockRemaining * 10) + (b - '0');
                    _scan++;
                    if (--_blockDigits == 0)
                        _state = _blockRemaining > 0 ? State.BlockData : State.Normal;
                    break;
                }
                case State.BlockData:
                {
                    var skip = (int)Math.Min(_blockRemaining, _end - _scan);
                    _scan += skip;
                    _blockRemaining -= skip;
                    if (_blockRemaining == 0)
                        _state = State.Normal;
                    break;
                }
            }
        }
        message = default;
        return false;
    }

    private ReadOnlyMemory<byte> Complete(int terminatorIndex)
    {
        var end = terminatorIndex;
        var body = _buffer.AsSpan(_start, end - _start);
        if (_terminationPrefix.Length > 0 && body.EndsWith(_terminationPrefix))
            end -= _terminationPrefix.Length;
        else if (_stripCarriageReturn && body.EndsWith("\r"u8))
            end--;
        var message = _buffer.AsMemory(_start, end - _start);
        _start = _scan;
        _state = State.Normal;
        return message;
    }
}
