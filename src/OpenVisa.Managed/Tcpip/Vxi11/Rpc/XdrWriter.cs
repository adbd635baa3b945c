using System.Buffers.Binary;
using System.Text;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// Encodes XDR (RFC 4506) into a reusable buffer that starts with room for a record-marking header, so a finished
/// RPC message goes to the socket in one send without another copy. One writer per connection, reused call after
/// call: the hot path allocates only when a message is larger than any before it.
/// </summary>
internal sealed class XdrWriter
{
    private byte[] _buffer;
    private int _length;

    public XdrWriter(int initialCapacity = 512)
    {
        _buffer = new byte[Math.Max(initialCapacity, 64)];
    }

    /// <summary>The size of the buffer, which grows to the largest message written and stays.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Bytes written, the record-marking header included.</summary>
    public int Length => _length;

    /// <summary>Everything written so far, header included.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Everything written so far, header included, as memory for asynchronous sends.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Starts a new record: forgets what was written and reserves the four header bytes.</summary>
    public void BeginRecord()
    {
        _length = RecordMark.HeaderLength;
    }

    /// <summary>Starts a new message without a header (for UDP datagrams).</summary>
    public void BeginDatagram()
    {
        _length = 0;
    }

    /// <summary>Drops everything after <paramref name="length"/>, e.g. results already written for a call that failed.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    /// <summary>
    /// Fills in the header reserved by <see cref="BeginRecord"/>: the whole message goes as one last fragment.
    /// Messages longer than a fragment can say are refused; nothing here sends that much in one call.
    /// </summary>
    public void FinishRecord()
    {
        var payload = _length - RecordMark.HeaderLength;
        if (payload < 0)
            throw new InvalidOperationException("FinishRecord needs a record started with BeginRecord.");
        BinaryPrimitives.WriteUInt32BigEndian(_buffer, RecordMark.Encode(payload, last: true));
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
    }

    public void WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

    public void WriteBool(bool value) => WriteUInt32(value ? 1u : 0u);

    /// <summary>Overwrites a 32-bit unit written earlier at <paramref name="offset"/> (e.g. a status decided later).</summary>
    public void PatchUInt32(int offset, uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + 4, _length);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset), value);
    }

    /// <summary>Variable-length opaque data: length, bytes, zero padding.</summary>
    public void WriteOpaque(ReadOnlySpan<byte> data)
    {
        data.CopyTo(BeginOpaque(data.Length));
    }

    /// <summary>
    /// Writes the length and padding of <paramref name="length"/> bytes of opaque data and returns the space for the
    /// bytes themselves, so a producer can fill it in place instead of copying through a temporary array.
    /// </summary>
    public Span<byte> BeginOpaque(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteUInt32((uint)length);
        var padded = XdrReader.Padded(length);
        var space = Grow(padded);
        space[length..].Clear();
        return space[..length];
    }

    /// <summary>An XDR string; characters above U+00FF are refused rather than silently replaced.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c > '\u00FF')
                throw new ArgumentException($"The string \"{value}\" has the character U+{(int)c:X4}, which is not a single byte; XDR strings here are Latin-1.", nameof(value));
        }
        Encoding.Latin1.GetBytes(value, BeginOpaque(value.Length));
    }

    /// <summary>An AUTH_NONE credential or verifier: flavor 0, empty body.</summary>
    public void WriteAuthNone()
    {
        var space = Grow(8);
        space.Clear();
    }

    private Span<byte> Grow(int count)
    {
        var needed = _length + count;
        if (needed > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        var span = _buffer.AsSpan(_length, count);
        _length = needed;
        return span;
    }
}
