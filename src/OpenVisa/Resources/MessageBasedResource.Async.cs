using System.Runtime.CompilerServices;
using OpenVisa.Internal;

namespace OpenVisa;

/// <summary>Asynchronous message I/O: nothing blocks a thread; the timeout and the caller's token both end a wait.</summary>
public partial class MessageBasedResource
{
    /// <summary>Writes <paramref name="message"/> followed by the write termination.</summary>
    /// <returns>The number of bytes written.</returns>
    public ValueTask<int> WriteAsync(string message, CancellationToken cancellationToken = default) =>
        WriteAsync(message, null, cancellationToken);

    /// <summary>Writes <paramref name="message"/> followed by <paramref name="termination"/> (null: the write termination; empty: none).</summary>
    /// <returns>The number of bytes written.</returns>
    public async ValueTask<int> WriteAsync(string message, string? termination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteUnlockedAsync(message, termination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Writes bytes as they are.</summary>
    public async ValueTask<int> WriteRawAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WriteRawUnlockedAsync(data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads one message and returns it as text without its read termination.</summary>
    public async ValueTask<string> ReadAsync(CancellationToken cancellationToken = default)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadStringUnlockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads one whole message as bytes, termination included.</summary>
    public async ValueTask<byte[]> ReadRawAsync(CancellationToken cancellationToken = default)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (count, buffer) = await ReadMessageUnlockedAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return buffer.Length == 0 ? _chunk.AsSpan(0, count).ToArray() : buffer.ToArray();
            }
            finally
            {
                buffer.Dispose();
            }
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (or to the end of a message with <paramref name="breakOnTermination"/>).</summary>
    public async ValueTask<byte[]> ReadBytesAsync(int count, bool breakOnTermination = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new byte[count];
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = await ReadIntoUnlockedAsync(result, breakOnTermination, cancellationToken).ConfigureAwait(false);
            return total == count ? result : result[..total];
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="message"/>, waits <see cref="QueryDelay"/> (zero unless set), and reads the reply: PyVISA's
    /// <c>query</c>. The resource's <see cref="Resource.Timeout"/> bounds the read; <c>WithTimeout</c> changes it for a call.
    /// </summary>
    public ValueTask<string> QueryAsync(string message, CancellationToken cancellationToken = default) =>
        QueryAfterAsync(message, QueryDelay, cancellationToken);

    /// <summary>
    /// Writes <paramref name="message"/>, waits <paramref name="delay"/> before reading, and reads the reply (PyVISA's
    /// <c>query(message, delay)</c>). Its own name, so a <see cref="TimeSpan"/> meant as a timeout never becomes a delay.
    /// </summary>
    public ValueTask<string> QueryWithDelayAsync(string message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return QueryAfterAsync(message, delay, cancellationToken);
    }

    private async ValueTask<string> QueryAfterAsync(string message, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteUnlockedAsync(message, null, cancellationToken).ConfigureAwait(false);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            return await ReadStringUnlockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads the status byte by the interface's own means.</summary>
    public async ValueTask<byte> ReadStbAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed(nameof(ReadStbAsync));
        try
        {
            var stb = await Library.ReadStbAsync(Session, cancellationToken).ConfigureAwait(false);
            LastStatus = StatusCode.Success;
            return stb;
        }
        catch (VisaException e)
        {
            throw Failed(e, nameof(ReadStbAsync));
        }
    }

    // ---- the unlocked building blocks; callers hold _io ---------------------------------------
    // They use the pooling builder: each awaits I/O that usually completes later, and a plain async ValueTask method then
    // allocates its state machine every call (about 680 bytes per QueryAsync for the chain). Only this class awaits them,
    // once each, which is what pooling requires.

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> WriteUnlockedAsync(string message, string? termination, CancellationToken cancellationToken)
    {
        var terminationBytes = TerminationFor(message, termination);
        var rented = RentFor(EncodedLength(message, terminationBytes));
        try
        {
            var count = Encode(message, terminationBytes, rented);
            return await WriteRawUnlockedAsync(rented.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(rented);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> WriteRawUnlockedAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ThrowIfClosed(nameof(WriteAsync));
        if (_outOfStep)
            await ResynchronizeUnlockedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = await Library.WriteAsync(Session, data, cancellationToken).ConfigureAwait(false);
            LastStatus = StatusCode.Success;
            NoteWritten();
            return written;
        }
        catch (VisaException e)
        {
            NoteInterrupted(e.Status, reading: false);
            throw Failed(e, nameof(WriteAsync));
        }
        catch (OperationCanceledException)
        {
            NoteCutShort(reading: false);
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<string> ReadStringUnlockedAsync(CancellationToken cancellationToken)
    {
        var (count, buffer) = await ReadMessageUnlockedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return DecodeReply(buffer.Length == 0 ? _chunk.AsSpan(0, count) : buffer.Written);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>As the sync form: a one-chunk message stays in <see cref="_chunk"/> (its length returned), a longer one is gathered.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int FirstCount, PooledByteBuffer Buffer)> ReadMessageUnlockedAsync(CancellationToken cancellationToken)
    {
        var result = await ReadChunkAsync(_chunk, cancellationToken).ConfigureAwait(false);
        var buffer = new PooledByteBuffer();
        if (result.IsMessageComplete)
            return (result.Count, buffer);
        try
        {
            buffer.Append(_chunk.AsSpan(0, result.Count));
            do
            {
                var free = buffer.GetMemory(_chunk.Length)[.._chunk.Length];
                result = await ReadChunkAsync(free, cancellationToken).ConfigureAwait(false);
                buffer.Advance(result.Count);
            }
            while (!result.IsMessageComplete);
            return (0, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadIntoUnlockedAsync(Memory<byte> destination, bool breakOnTermination, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var result = await ReadChunkAsync(destination.Slice(total, Math.Min(_chunk.Length, destination.Length - total)), cancellationToken).ConfigureAwait(false);
            total += result.Count;
            if (breakOnTermination && result.IsMessageComplete)
                break;
        }
        return total;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadChunkAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        ThrowIfClosed(nameof(ReadAsync));
        try
        {
            var result = await Library.ReadAsync(Session, destination, cancellationToken).ConfigureAwait(false);
            LastStatus = result.Status;
            NoteRead(result);
            return result;
        }
        catch (VisaException e)
        {
            NoteInterrupted(e.Status, reading: true);
            throw Failed(e, nameof(ReadAsync));
        }
        catch (OperationCanceledException)
        {
            NoteCutShort(reading: true);
            throw;
        }
    }
}
