using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Net.Sockets;

namespace OpenVisa.Managed.Tcpip.Hislip;

internal sealed partial class HislipConnection
{
    // ---- whole headers and payloads, sync ------------------------------------------------------------------

    /// <summary>Receives and parses the next header (prologue checked); the payload stays unread.</summary>
    public HislipHeader ReadHeader(in HislipDeadline deadline)
    {
        Fill(HislipHeader.Size, deadline);
        var header = HislipHeader.Read(Buffered);
        Consume(HislipHeader.Size);
        return header;
    }

    /// <summary>Fills <paramref name="destination"/> with the next payload bytes: buffered ones first, then straight from the socket.</summary>
    public void ReadExact(Span<byte> destination, in HislipDeadline deadline)
    {
        var taken = TakeBuffered(destination);
        destination = destination[taken..];
        while (!destination.IsEmpty)
        {
            if (destination.Length >= DirectReadThreshold)
            {
                destination = destination[Receive(destination, deadline)..];
            }
            else
            {
                Fill(1, deadline);
                destination = destination[TakeBuffered(destination)..];
            }
        }
    }

    /// <summary>Reads and drops <paramref name="count"/> payload bytes.</summary>
    public void Skip(ulong count, in HislipDeadline deadline)
    {
        while (count > 0)
        {
            if (BufferedCount == 0)
                Fill(1, deadline);
            var drop = (int)Math.Min((ulong)BufferedCount, count);
            Consume(drop);
            count -= (ulong)drop;
        }
    }

    /// <summary>Copies as many buffered bytes as fit into <paramref name="destination"/> and consumes them.</summary>
    public int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(BufferedCount, destination.Length);
        if (count == 0)
            return 0;
        Buffered[..count].CopyTo(destination);
        Consume(count);
        return count;
    }

    // ---- async -------------------------------------------------------------------------------------------------

    /// <summary>One receive; returns at least one byte.</summary>
    /// <exception cref="HislipConnectionClosedException">The peer closed the connection.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReceiveAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var count = await ReceiveRawAsync(target, cancellationToken).ConfigureAwait(false);
        return count > 0 ? count : throw new HislipConnectionClosedException("The peer closed the connection.");
    }

    /// <summary>Receives until at least <paramref name="count"/> bytes are buffered.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (BufferedCount < count)
        {
            var received = await ReceiveRawAsync(GetReceiveSpace(count - BufferedCount), cancellationToken).ConfigureAwait(false);
            if (received == 0)
                throw new HislipConnectionClosedException("The peer closed the connection.");
            Advance(received);
        }
    }

    /// <summary>
    /// Receives and parses the next header; the payload stays unread. This is the server's wait for the next message,
    /// so it calls the socket directly and its state machine is pooled: a message costs no allocation here.
    /// </summary>
    /// <exception cref="HislipConnectionClosedException">The peer closed the connection, possibly part-way through the header (the message says how far).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HislipHeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        while (BufferedCount < HislipHeader.Size)
        {
            var received = await ReceiveRawAsync(GetReceiveSpace(HislipHeader.Size - BufferedCount), cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                if (BufferedCount == 0)
                    throw new HislipConnectionClosedException("The peer closed the connection.");
                var missing = HislipHeader.Size - BufferedCount;
                throw new HislipConnectionClosedException(
                    $"The peer closed the connection {missing} bytes short of a {HislipHeader.Size}-byte header.", missing);
            }
            Advance(received);
        }
        var header = HislipHeader.Read(Buffered);
        Consume(HislipHeader.Size);
        return header;
    }

    /// <summary>One receive; 0 when the peer closed. In <see cref="Blocking"/> mode a blocking call, complete on return.</summary>
    private ValueTask<int> ReceiveRawAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        if (Blocking)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<int>(ReceiveBlocking(target.Span));
        }
        return _tls is null ? _socket.ReceiveAsync(target, SocketFlags.None, cancellationToken) : _tls.ReadAsync(target, cancellationToken);
    }

    /// <summary>Fills <paramref name="destination"/> with the next payload bytes: buffered ones first, then straight from the socket.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var taken = TakeBuffered(destination.Span);
        destination = destination[taken..];
        while (!destination.IsEmpty)
        {
            if (destination.Length >= DirectReadThreshold)
            {
                destination = destination[await ReceiveAsync(destination, cancellationToken).ConfigureAwait(false)..];
            }
            else
            {
                await FillAsync(1, cancellationToken).ConfigureAwait(false);
                destination = destination[TakeBuffered(destination.Span)..];
            }
        }
    }

    /// <summary>Reads and drops <paramref name="count"/> payload bytes.</summary>
    public async ValueTask SkipAsync(ulong count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (BufferedCount == 0)
                await FillAsync(1, cancellationToken).ConfigureAwait(false);
            var drop = (int)Math.Min((ulong)BufferedCount, count);
            Consume(drop);
            count -= (ulong)drop;
        }
    }

    /// <summary>Sends a message; the caller holds <see cref="SendLock"/> when several tasks send on this channel.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(HislipHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length <= CoalesceLimit)
        {
            var length = HislipHeader.Size + payload.Length;
            if (_send.Length < length)
                _send = new byte[Math.Max(length, Math.Min(_send.Length * 2, HislipHeader.Size + CoalesceLimit))];
            header.WriteTo(_send);
            payload.Span.CopyTo(_send.AsSpan(HislipHeader.Size));
            await SendAllAsync(_send.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (_send.Length < HislipHeader.Size)
                _send = new byte[HislipHeader.Size];
            header.WriteTo(_send);
            await SendAllAsync(_send.AsMemory(0, HislipHeader.Size), cancellationToken).ConfigureAwait(false);
            await SendAllAsync(payload, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a message under <see cref="SendLock"/>.</summary>
    public async ValueTask SendLockedAsync(HislipHeader header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendAsync(header, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SendLock.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Blocking)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SendBlocking(data.Span);
            return;
        }
        if (_tls is not null)
        {
            await _tls.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return;
        }
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    // ---- TLS ---------------------------------------------------------------------------------------------------

    /// <summary>Starts TLS as the client; bytes already buffered are fed to the handshake first.</summary>
    public async Task StartTlsAsClientAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(TakeInnerStream(), leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _tls = tls;
    }

    /// <summary>Starts TLS as the client, blocking, within <paramref name="deadline"/>; buffered bytes are fed to the handshake first.</summary>
    public void StartTlsAsClient(SslClientAuthenticationOptions options, in HislipDeadline deadline)
    {
        var milliseconds = deadline.IsInfinite ? 0 : (int)Math.Clamp(deadline.RemainingMs, 1, int.MaxValue);
        _socket.ReceiveTimeout = _appliedReceiveMs = milliseconds;
        _socket.SendTimeout = _appliedSendMs = milliseconds;
        var tls = new SslStream(TakeInnerStream(), leaveInnerStreamOpen: true);
        try
        {
            tls.AuthenticateAsClient(options);
        }
        catch
        {
            tls.Dispose();
            throw;
        }
        _tls = tls;
    }

    /// <summary>Starts TLS as the server; bytes already buffered (the start of the client's hello) are fed to the handshake first.</summary>
    public async Task StartTlsAsServerAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        var tls = new SslStream(TakeInnerStream(), leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _tls = tls;
    }

    /// <summary>
    /// Ends TLS and returns to clear text on the same TCP connection: sends close_notify and, when
    /// <paramref name="awaitPeer"/> is set, waits for the peer's. The side that starts the close waits; the side that
    /// answers has already read the peer's close_notify (a read returned 0) before calling this.
    /// </summary>
    public async Task EndTlsAsync(bool awaitPeer, CancellationToken cancellationToken)
    {
        if (_tls is not { } tls)
            return;
        await tls.ShutdownAsync().ConfigureAwait(false);
        if (awaitPeer)
        {
            var scratch = new byte[256];
            while (await tls.ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
            {
                // Application data after our close_notify has no place in HiSLIP; the peer's close_notify ends the loop.
            }
        }
        _tls = null;
        await tls.DisposeAsync().ConfigureAwait(false);
        DiscardBuffered();
    }

    /// <summary>Reads from the TLS layer until the peer's close_notify (a read of 0 bytes).</summary>
    public async Task AwaitTlsCloseAsync(CancellationToken cancellationToken)
    {
        if (_tls is not { } tls)
            return;
        var scratch = new byte[256];
        while (await tls.ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
        {
            // See EndTlsAsync.
        }
    }

    private Stream TakeInnerStream()
    {
        if (_tls is not null)
            throw new InvalidOperationException("The channel is already encrypted.");
        if (BufferedCount == 0 && !Blocking)
            return _network;
        var prefix = Buffered.ToArray();
        DiscardBuffered();
        return new HislipPrefixedStream(prefix, _network, Blocking);
    }
}
