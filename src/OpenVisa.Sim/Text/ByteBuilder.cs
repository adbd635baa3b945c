using System.Text;

namespace OpenVisa.Sim.Text;

/// <summary>A reusable, growable byte buffer for building replies without allocating once warm.</summary>
internal sealed class ByteBuilder
{
    private byte[] _buffer;

    public ByteBuilder(int capacity = 256) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(Reserve(data.Length));
        Length += data.Length;
    }

    /// <summary>Appends text as UTF-8.</summary>
    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        var span = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, span);
    }

    /// <summary>Appends characters that stand for bytes (Latin-1).</summary>
    public void AppendLatin1(ReadOnlySpan<char> text)
    {
        var span = Reserve(text.Length);
        Length += Encoding.Latin1.GetBytes(text, span);
    }

    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>True when the content ends with <paramref name="suffix"/>.</summary>
    public bool EndsWith(ReadOnlySpan<byte> suffix) => Span.EndsWith(suffix);

    public void Truncate(int length) => Length = length;
}
