namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// A stream that first returns bytes already taken off the socket, then reads the socket. TLS starts in the middle of
/// a HiSLIP channel: the receive buffer may already hold the first bytes of the peer's handshake (they arrived in the
/// same segment as the StartTLS message), and the TLS layer must see them first. When <paramref name="blocking"/> is set
/// (a server's synchronous channel, see <see cref="HislipConnection.Blocking"/>) its async forms run the blocking ones,
/// so the TLS layer's async calls never put the socket into non-blocking mode.
/// </summary>
internal sealed class HislipPrefixedStream(byte[] prefix, Stream inner, bool blocking = false) : Stream
{
    private int _offset;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int ReadTimeout
    {
        get => inner.ReadTimeout;
        set => inner.ReadTimeout = value;
    }

    public override int WriteTimeout
    {
        get => inner.WriteTimeout;
        set => inner.WriteTimeout = value;
    }

    public override bool CanTimeout => inner.CanTimeout;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (HasPrefix)
            return TakePrefix(buffer);
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A zero-byte read asks "is data there?"; with prefix bytes left it is, so it must not wait on the socket.
        if (HasPrefix)
            return ValueTask.FromResult(TakePrefix(buffer.Span));
        if (blocking)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(inner.Read(buffer.Span));
        }
        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!blocking)
            return inner.WriteAsync(buffer, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        inner.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!blocking)
            return inner.FlushAsync(cancellationToken);
        inner.Flush();
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private bool HasPrefix => _offset < prefix.Length;

    private int TakePrefix(Span<byte> buffer)
    {
        var count = Math.Min(prefix.Length - _offset, buffer.Length);
        prefix.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }
}
