using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

// device_write and device_read with VISA semantics, synchronous and asynchronous.
internal sealed partial class Vxi11Client
{
    /// <summary>
    /// Writes all of <paramref name="data"/> in <c>device_write</c> calls of at most <see cref="MaxReceiveSize"/> bytes,
    /// END on the last one when <paramref name="sendEnd"/>; <paramref name="timeoutMs"/> bounds the whole write.
    /// </summary>
    public int Write(ReadOnlySpan<byte> data, uint timeoutMs, bool sendEnd)
    {
        ThrowIfClosed("Write");
        _gate.Wait();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var offset = 0;
            do
            {
                var chunk = Math.Min(data.Length - offset, MaxReceiveSize);
                var io = Remaining(timeoutMs, started);
                BeginWrite(data.Slice(offset, chunk), io, sendEnd && offset + chunk == data.Length);
                var deadline = Deadline(io);
                Vxi11ErrorCode error;
                uint size;
                try
                {
                    var reader = new XdrReader(_core.Invoke(deadline));
                    error = (Vxi11ErrorCode)reader.ReadUInt32("error");
                    size = reader.ReadUInt32("size");
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    throw TransportFailure(e, "Write", Vxi11Protocol.DeviceWrite, deadline);
                }
                offset += CheckWritten(error, size, chunk, offset, data.Length, timeoutMs);
            }
            while (offset < data.Length);
            return data.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Write"/>.</summary>
    public async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, uint timeoutMs, bool sendEnd, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Write");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var offset = 0;
            do
            {
                var chunk = Math.Min(data.Length - offset, MaxReceiveSize);
                var io = Remaining(timeoutMs, started);
                BeginWrite(data.Span.Slice(offset, chunk), io, sendEnd && offset + chunk == data.Length);
                var deadline = Deadline(io);
                Vxi11ErrorCode error;
                uint size;
                try
                {
                    var results = await _core.InvokeAsync(deadline, cancellationToken).ConfigureAwait(false);
                    (error, size) = ParseWriteReply(results.Span);
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    throw TransportFailure(e, "Write", Vxi11Protocol.DeviceWrite, deadline);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    AbortAfterCancel();
                    throw;
                }
                offset += CheckWritten(error, size, chunk, offset, data.Length, timeoutMs);
            }
            while (offset < data.Length);
            return data.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads into <paramref name="buffer"/> with <c>device_read</c> calls until the termination character (when
    /// enabled), END (unless suppressed) or a full buffer; <paramref name="timeoutMs"/> bounds the whole read.
    /// </summary>
    /// <remarks>
    /// A <paramref name="cancellation"/> that can be cancelled makes the read cancellable on this thread: the reply is
    /// waited for in slices (<see cref="RpcTcpClient.CancellationCheckMs"/>) on a socket that stays blocking, and a
    /// cancellation aborts the <c>device_read</c> on the instrument, as <see cref="ReadAsync"/> does, before
    /// <see cref="OperationCanceledException"/> is thrown. The abandoned call's reply is dropped by its transaction id.
    /// </remarks>
    public ReadResult Read(Span<byte> buffer, uint timeoutMs, bool termCharEnabled, byte termChar, bool suppressEnd, CancellationToken cancellation = default)
    {
        ThrowIfClosed("Read");
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        _gate.Wait(cancellation);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var total = 0;
            if (TakePending(buffer, ref total, termCharEnabled, termChar, suppressEnd) is { } fromPending)
                return fromPending;
            while (true)
            {
                var io = Remaining(timeoutMs, started);
                var request = RequestSize(buffer.Length - total);
                BeginRead(request, io, termCharEnabled, termChar);
                var deadline = Deadline(io);
                Vxi11ErrorCode error;
                Vxi11ReadReason reason;
                try
                {
                    var reader = new XdrReader(_core.Invoke(deadline, cancellation));
                    error = (Vxi11ErrorCode)reader.ReadUInt32("error");
                    reason = (Vxi11ReadReason)reader.ReadUInt32("reason");
                    reason = Deliver(reader.ReadOpaque("data", (int)Math.Min(request, int.MaxValue)), reason, buffer, ref total);
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    throw TransportFailure(e, "Read", Vxi11Protocol.DeviceRead, deadline);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    AbortAfterCancel();
                    throw;
                }
                if (Finish(error, reason, total, buffer.Length, buffer[..total], timeoutMs, termCharEnabled, termChar, suppressEnd, started) is { } done)
                    return done;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Read"/>.</summary>
    public async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, uint timeoutMs, bool termCharEnabled, byte termChar, bool suppressEnd, CancellationToken cancellationToken)
    {
        ThrowIfClosed("Read");
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var total = 0;
            if (TakePending(buffer.Span, ref total, termCharEnabled, termChar, suppressEnd) is { } fromPending)
                return fromPending;
            while (true)
            {
                var io = Remaining(timeoutMs, started);
                var request = RequestSize(buffer.Length - total);
                BeginRead(request, io, termCharEnabled, termChar);
                var deadline = Deadline(io);
                Vxi11ErrorCode error;
                Vxi11ReadReason reason;
                try
                {
                    var results = await _core.InvokeAsync(deadline, cancellationToken).ConfigureAwait(false);
                    (error, reason) = ParseReadReply(results.Span, request, buffer.Span, ref total);
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    throw TransportFailure(e, "Read", Vxi11Protocol.DeviceRead, deadline);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    AbortAfterCancel();
                    throw;
                }
                if (Finish(error, reason, total, buffer.Length, buffer.Span[..total], timeoutMs, termCharEnabled, termChar, suppressEnd, started) is { } done)
                    return done;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void BeginWrite(ReadOnlySpan<byte> chunk, uint ioTimeoutMs, bool end)
    {
        var args = _core.BeginCall(Vxi11Protocol.DeviceWrite);
        args.WriteInt32(LinkId);
        args.WriteUInt32(ioTimeoutMs);
        args.WriteUInt32(0); // lock_timeout: without WAITLOCK another link's lock fails at once, as VISA expects
        args.WriteUInt32((uint)(end ? Vxi11Flags.End : Vxi11Flags.None));
        args.WriteOpaque(chunk);
    }

    private void BeginRead(uint requestSize, uint ioTimeoutMs, bool termCharEnabled, byte termChar)
    {
        var args = _core.BeginCall(Vxi11Protocol.DeviceRead);
        args.WriteInt32(LinkId);
        args.WriteUInt32(requestSize);
        args.WriteUInt32(ioTimeoutMs);
        args.WriteUInt32(0);
        args.WriteUInt32((uint)(termCharEnabled ? Vxi11Flags.TermCharSet : Vxi11Flags.None));
        args.WriteUInt32(termChar); // termChar is a char, sent as a 32-bit unit
    }

    private static (Vxi11ErrorCode Error, uint Size) ParseWriteReply(ReadOnlySpan<byte> results)
    {
        var reader = new XdrReader(results);
        return ((Vxi11ErrorCode)reader.ReadUInt32("error"), reader.ReadUInt32("size"));
    }

    private (Vxi11ErrorCode Error, Vxi11ReadReason Reason) ParseReadReply(ReadOnlySpan<byte> results, uint request, Span<byte> buffer, ref int total)
    {
        var reader = new XdrReader(results);
        var error = (Vxi11ErrorCode)reader.ReadUInt32("error");
        var reason = (Vxi11ReadReason)reader.ReadUInt32("reason");
        reason = Deliver(reader.ReadOpaque("data", (int)Math.Min(request, int.MaxValue)), reason, buffer, ref total);
        return (error, reason);
    }

    /// <summary>Checks one <c>device_write</c> reply; returns the bytes it accepted.</summary>
    private int CheckWritten(Vxi11ErrorCode error, uint size, int chunk, int offset, int length, uint timeoutMs)
    {
        if (error == Vxi11ErrorCode.IOTimeout)
        {
            throw new VisaException(StatusCode.ErrorTimeout,
                $"The instrument did not take the data within {timeoutMs} ms (VXI-11 I/O timeout); {offset + Math.Min(size, (uint)chunk)} of {length} bytes were written. It may be busy with an earlier command.",
                "Write", ResourceName);
        }
        if (error != Vxi11ErrorCode.NoError)
            throw Failure(error, "Write", Vxi11Protocol.DeviceWrite, $"{offset} of {length} bytes had been written.");
        if (size != chunk)
        {
            throw new VisaException(StatusCode.ErrorIO,
                $"The instrument accepted {size} of the {chunk} bytes sent in one device_write (at offset {offset} of {length}); VXI-11 instruments take a whole chunk or fail.",
                "Write", ResourceName);
        }
        return chunk;
    }

    /// <summary>Decides whether a read is over after one <c>device_read</c>; null means read on.</summary>
    private ReadResult? Finish(Vxi11ErrorCode error, Vxi11ReadReason reason, int total, int capacity, ReadOnlySpan<byte> soFar,
        uint timeoutMs, bool termCharEnabled, byte termChar, bool suppressEnd, long started)
    {
        if (error == Vxi11ErrorCode.IOTimeout)
            throw new VisaException(StatusCode.ErrorTimeout, Vxi11Diagnostics.ReadTimeout(timeoutMs, termCharEnabled, termChar, soFar, suppressEnd), "Read", ResourceName);
        if (error != Vxi11ErrorCode.NoError)
            throw Failure(error, "Read", Vxi11Protocol.DeviceRead, total > 0 ? $"{total} bytes had arrived: \"{Vxi11Diagnostics.Preview(soFar)}\"." : null);
        if (termCharEnabled && (reason & Vxi11ReadReason.TermChar) != 0)
            return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
        if (!suppressEnd && (reason & Vxi11ReadReason.End) != 0)
            return new ReadResult(total, StatusCode.Success);
        if (total == capacity)
            return new ReadResult(total, StatusCode.SuccessMaxCountRead);
        if (timeoutMs != VisaTimeout.InfiniteValue && Stopwatch.GetElapsedTime(started).TotalMilliseconds >= timeoutMs && reason == Vxi11ReadReason.None)
            throw new VisaException(StatusCode.ErrorTimeout, Vxi11Diagnostics.ReadTimeout(timeoutMs, termCharEnabled, termChar, soFar, suppressEnd), "Read", ResourceName);
        return null;
    }

    /// <summary>
    /// The caller gave up on a call the instrument is still working on (a read waiting for data): abort it, so the
    /// instrument is free for the next call instead of finishing the abandoned one first. Best effort.
    /// </summary>
    private void AbortAfterCancel()
    {
        try
        {
            Abort(TimeSpan.FromSeconds(1));
        }
        catch (VisaException e)
        {
            Logger.LogDebug("Aborting the cancelled call on {Resource} failed: {Error}", ResourceName, e.Message);
        }
    }

    /// <summary>What is left of a VISA timeout, in the milliseconds the next call may wait.</summary>
    private static uint Remaining(uint timeoutMs, long started)
    {
        if (timeoutMs == VisaTimeout.InfiniteValue || timeoutMs == 0)
            return timeoutMs;
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (uint)Math.Max(0, timeoutMs - elapsed);
    }
}
