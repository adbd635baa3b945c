namespace OpenVisa.CApi.Formatting;

/// <summary>
/// What <c>viScanf</c> reads from: the session's formatted-I/O read buffer, refilled from the device until the
/// message ends, or the fixed string given to <c>viSScanf</c>.
/// </summary>
internal sealed class ScanInput
{
    private readonly SessionObject? _session;
    private readonly byte[] _fixed;
    private int _fixedPosition;

    private ScanInput(SessionObject? session, byte[] fixedInput)
    {
        _session = session;
        _fixed = fixedInput;
    }

    /// <summary>Reads from the device through the session's read buffer.</summary>
    public static ScanInput FromDevice(SessionObject session) => new(session, []);

    /// <summary>Reads from a string (<c>viSScanf</c>).</summary>
    public static ScanInput FromBytes(byte[] bytes) => new(null, bytes);

    /// <summary>The next byte without consuming it; -1 at the end of the message.</summary>
    public int Peek()
    {
        if (_session is null)
            return _fixedPosition < _fixed.Length ? _fixed[_fixedPosition] : -1;
        var buffer = _session.ReadBuffer;
        while (buffer.IsEmpty)
        {
            if (buffer.MessageEnded)
                return -1;
            buffer.Fill(_session.Library, _session.BackendSession, _session.ReadBufferSize);
        }
        return buffer.Available[0];
    }

    /// <summary>Consumes and returns the next byte; -1 at the end of the message.</summary>
    public int Next()
    {
        var b = Peek();
        if (b < 0)
            return b;
        if (_session is null)
            _fixedPosition++;
        else
            _session.ReadBuffer.Consume(1);
        return b;
    }

    /// <summary>Skips spaces, tabs and line ends.</summary>
    public void SkipWhitespace()
    {
        while (Peek() is ' ' or '\t' or '\r' or '\n' or '\f' or '\v')
            Next();
    }

    /// <summary>After a scan: a message that has ended is done with, so its rest is discarded for the next one.</summary>
    public void Finish()
    {
        if (_session is not null && _session.ReadBuffer.MessageEnded)
            _session.ReadBuffer.Discard();
    }

    /// <summary>
    /// Starts each <c>viScanf</c> on a new message when the last one ended; a message not yet read to its end is
    /// continued, as VISA's read buffer does.
    /// </summary>
    public void Begin()
    {
        if (_session is not null && _session.ReadBuffer.IsEmpty && _session.ReadBuffer.MessageEnded)
            _session.ReadBuffer.Discard();
    }
}
