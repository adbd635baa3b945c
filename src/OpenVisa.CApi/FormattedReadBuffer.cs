namespace OpenVisa.CApi;

/// <summary>
/// The formatted-I/O read buffer: a message read from the device, consumed from the front by <c>viScanf</c> and
/// <c>viBufRead</c>. It remembers whether the bytes read so far ended a message (END or termination character).
/// </summary>
internal sealed class FormattedReadBuffer
{
    private byte[] _data = new byte[SessionObject.DefaultBufferSize];
    private int _start;
    private int _end;

    /// <summary>True when the last device read ended a message.</summary>
    public bool MessageEnded { get; private set; }

    /// <summary>The bytes not yet consumed.</summary>
    public ReadOnlySpan<byte> Available => _data.AsSpan(_start, _end - _start);

    public bool IsEmpty => _start == _end;

    /// <summary>Marks <paramref name="count"/> bytes as consumed.</summary>
    public void Consume(int count) => _start = Math.Min(_end, _start + count);

    /// <summary>Discards everything (<c>viFlush</c> with <c>VI_READ_BUF_DISCARD</c>).</summary>
    public void Discard()
    {
        _start = _end = 0;
        MessageEnded = false;
    }

    /// <summary>Reads once from the device into the buffer, appending; returns the bytes added.</summary>
    public int Fill(VisaLibrary library, int session, int chunk)
    {
        if (_start > 0 && _start == _end)
            _start = _end = 0;
        if (_data.Length - _end < chunk)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _end + chunk));
        var result = library.Read(session, _data.AsSpan(_end, chunk));
        _end += result.Count;
        MessageEnded = result.IsMessageComplete;
        return result.Count;
    }

    /// <summary>Reads until the device ends a message (END or termination character).</summary>
    public void FillMessage(VisaLibrary library, int session, int chunk)
    {
        do
        {
            Fill(library, session, chunk);
        }
        while (!MessageEnded);
    }
}
