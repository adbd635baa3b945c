namespace OpenVisa.Sim.Text;

/// <summary>A reusable, growable character buffer: replies are formatted into one per instrument, so formatting allocates nothing once warm.</summary>
internal sealed class TextBuilder
{
    private char[] _buffer;

    public TextBuilder(int capacity = 256) => _buffer = new char[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        if (Length == _buffer.Length)
            Grow(1);
        _buffer[Length++] = c;
    }

    public void Append(char c, int count)
    {
        if (count <= 0)
            return;
        Reserve(count).Fill(c);
        Length += count;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        Length += text.Length;
    }

    /// <summary>A writable span of at least <paramref name="count"/> characters at the end; call <see cref="Advance"/> after writing.</summary>
    public Span<char> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
            Grow(count);
        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Inserts <paramref name="text"/> at <paramref name="index"/>.</summary>
    public void Insert(int index, ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        _buffer.AsSpan(index, Length - index).CopyTo(_buffer.AsSpan(index + text.Length));
        text.CopyTo(_buffer.AsSpan(index));
        Length += text.Length;
    }

    /// <summary>Removes everything from <paramref name="index"/> on.</summary>
    public void Truncate(int index) => Length = index;

    public override string ToString() => new(Span);

    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, Length + needed);
        Array.Resize(ref _buffer, size);
    }
}
