using System.Buffers;

namespace OpenVisa.Server.Http;

/// <summary>
/// Passes a device's reply through to the server's buffer while keeping its first bytes and its length, so the
/// traffic stream can show the reply without a copy of a large block.
/// </summary>
internal sealed class ReplyPreviewWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    private readonly byte[] _preview = new byte[TrafficPreview.MaxTextLength + 1];
    private Memory<byte> _lent;
    private int _kept;

    /// <summary>How many bytes the device wrote.</summary>
    public long Length { get; private set; }

    /// <summary>The first bytes written (up to one more than a text preview shows).</summary>
    public ReadOnlySpan<byte> Preview => _preview.AsSpan(0, _kept);

    public void Advance(int count)
    {
        var keep = Math.Min(count, _preview.Length - _kept);
        if (keep > 0 && _lent.Length >= keep)
        {
            _lent.Span[..keep].CopyTo(_preview.AsSpan(_kept));
            _kept += keep;
        }
        _lent = _lent.Length >= count ? _lent[count..] : default;
        Length += count;
        inner.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

    // The span comes from GetMemory so that Advance can read back what was written into it.
    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
