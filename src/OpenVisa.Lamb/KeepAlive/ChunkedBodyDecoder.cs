using System.Buffers;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// Reads a <c>Transfer-Encoding: chunked</c> body (RFC 9112 §7.1) as its bytes arrive: hexadecimal size lines (chunk
/// extensions ignored), each chunk's data followed by CRLF, a zero-size last chunk, trailer lines (ignored) and the
/// blank line. Anything else is an error naming what arrived.
/// </summary>
internal sealed class ChunkedBodyDecoder(string route)
{
    /// <summary>A size line (or trailer line) longer than this is refused: a real one is a few bytes.</summary>
    public const int MaxLineBytes = 4096;

    private readonly ArrayBufferWriter<byte> _body = new();
    private State _state = State.SizeLine;
    private long _chunkLeft;

    private enum State
    {
        SizeLine,
        Data,
        DataEnd,
        Trailer,
        Done,
    }

    public bool IsDone => _state == State.Done;

    /// <summary>The body so far (all of it once <see cref="IsDone"/>).</summary>
    public ReadOnlySpan<byte> Body => _body.WrittenSpan;

    /// <summary>Takes what it can of <paramref name="input"/> and returns how many bytes it used; fewer than given means it needs more to go on, or is done.</summary>
    public int Feed(ReadOnlySpan<byte> input)
    {
        var used = 0;
        while (_state != State.Done)
        {
            var rest = input[used..];
            switch (_state)
            {
                case State.SizeLine:
                case State.Trailer:
                {
                    var lf = rest.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        if (rest.Length > MaxLineBytes)
                            throw Bad($"a chunk {(_state == State.SizeLine ? "size" : "trailer")} line longer than {MaxLineBytes} bytes");
                        return used;
                    }
                    if (lf == 0 || rest[lf - 1] != (byte)'\r')
                        throw Bad($"a line ending in a bare LF where CRLF belongs (\"{Http1ResponseHead.Printable(rest[..lf])}\")");
                    var line = rest[..(lf - 1)];
                    used += lf + 1;
                    if (_state == State.Trailer)
                    {
                        if (line.IsEmpty)
                            _state = State.Done;
                        continue;
                    }
                    _chunkLeft = ParseSize(line);
                    if ((long)_body.WrittenCount + _chunkLeft > Array.MaxLength)
                        throw Bad($"chunks adding up to more than {Array.MaxLength} bytes");
                    _state = _chunkLeft == 0 ? State.Trailer : State.Data;
                    break;
                }
                case State.Data:
                {
                    if (rest.IsEmpty)
                        return used;
                    var take = (int)Math.Min(rest.Length, _chunkLeft);
                    _body.Write(rest[..take]);
                    used += take;
                    _chunkLeft -= take;
                    if (_chunkLeft == 0)
                        _state = State.DataEnd;
                    break;
                }
                case State.DataEnd:
                    if (rest.Length < 2)
                        return used;
                    if (rest[0] != (byte)'\r' || rest[1] != (byte)'\n')
                        throw Bad($"a chunk's data not followed by CRLF but by \"{Http1ResponseHead.Printable(rest[..Math.Min(rest.Length, 16)])}\" (a wrong chunk size?)");
                    used += 2;
                    _state = State.SizeLine;
                    break;
            }
        }
        return used;
    }

    private long ParseSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        var digits = (semicolon < 0 ? line : line[..semicolon]).TrimEnd(" \t"u8);
        long size = 0;
        if (digits.IsEmpty || digits.Length > 15)
            throw Bad($"a bad chunk size \"{Http1ResponseHead.Printable(line)}\" (hexadecimal digits expected)");
        foreach (var b in digits)
        {
            var value = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
                throw Bad($"a bad chunk size \"{Http1ResponseHead.Printable(line)}\" (hexadecimal digits expected)");
            size = (size * 16) + value;
        }
        return size;
    }

    private Http1ProtocolException Bad(string what) =>
        new(StatusCode.ErrorIO, $"answered {route} with a chunked body holding {what}: the answer is not read.");
}
