using System.Diagnostics;
using System.IO.Ports;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Serial;

internal sealed partial class SerialSession
{
    private int _appliedWriteTimeout = int.MinValue;

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        _writeGate.Wait();
        try
        {
            return WriteLocked(data);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private int WriteLocked(ReadOnlySpan<byte> data)
    {
        ThrowIfLost("Write");
        var timeoutMs = TimeoutMilliseconds;
        var started = Stopwatch.GetTimestamp();
        WaitUntilTransmitAllowed(timeoutMs, data.Length);
        var (body, last) = SplitForEnd(data, out var suffix);
        Send(data[..body], started, timeoutMs, data.Length, 0);
        if (last is { } marked)
            Send([marked], started, timeoutMs, data.Length, body);
        if (suffix is { } term)
            Send([term], started, timeoutMs, data.Length, data.Length);
        if (SendEndEnabled && Attributes.AsrlEndOut == EndOutBreak)
        {
            // The break must follow the data on the line, not cut it off: wait, within the timeout, until it has gone.
            DrainOutput("Write", started, timeoutMs, data.Length);
            SendBreak("Write");
        }
        TraceWrite(data);
        return data.Length;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost("Write");
            var timeoutMs = TimeoutMilliseconds;
            if (timeoutMs == VisaTimeout.ImmediateValue)
                return WriteLocked(data.Span); // never waits, so never blocks
            var endsWithBreak = SendEndEnabled && Attributes.AsrlEndOut == EndOutBreak;
            var token = _writeDeadline.Start(timeoutMs, cancellationToken);
            try
            {
                if (!_transmitAllowed.IsSet)
                    await WaitTransmitAllowedAsync(token, timeoutMs, data.Length, cancellationToken).ConfigureAwait(false);
                var (body, last) = SplitForEnd(data.Span, out var suffix);
                var tail = last ?? suffix;
                try
                {
                    await _stream.WriteAsync(data[..body], token).ConfigureAwait(false);
                    if (tail is { } extra)
                        await _stream.WriteAsync(new[] { extra }, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"Write on {ResourceName} was cancelled; part of the {data.Length} bytes may have been sent.", e, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw WriteTimeout(timeoutMs, data.Length);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
                {
                    throw PortFailure("Write", e, 0);
                }
                if (endsWithBreak)
                    await DrainOutputAsync("Write", token, cancellationToken, timeoutMs, data.Length).ConfigureAwait(false);
            }
            finally
            {
                _writeDeadline.Stop();
            }
            if (endsWithBreak)
                await SendBreakAsync(cancellationToken).ConfigureAwait(false);
            TraceWrite(data.Span);
            return data.Length;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// How END goes out (<c>VI_ATTR_ASRL_END_OUT</c>, only when <c>VI_ATTR_SEND_END_EN</c> is on): the body to send as
    /// is, then the last byte with its top data bit set (last_bit) or the termination character appended (termchar).
    /// </summary>
    private (int BodyLength, byte? MarkedLast) SplitForEnd(ReadOnlySpan<byte> data, out byte? suffix)
    {
        suffix = null;
        if (!SendEndEnabled)
            return (data.Length, null);
        switch (Attributes.AsrlEndOut)
        {
            case EndLastBit when !data.IsEmpty:
                return (data.Length - 1, (byte)(data[^1] | (1 << (Volatile.Read(ref _dataBits) - 1))));
            case EndTermChar:
                suffix = TerminationCharacter;
                return (data.Length, null);
            default:
                return (data.Length, null);
        }
    }

    private void Send(ReadOnlySpan<byte> data, long started, uint timeoutMs, int requested, int sentBefore)
    {
        if (data.IsEmpty)
            return;
        if (_tty is not null)
        {
            SendDirect(data, started, timeoutMs, requested, sentBefore);
            return;
        }
        int wait;
        if (timeoutMs == VisaTimeout.InfiniteValue)
        {
            wait = SerialPort.InfiniteTimeout;
        }
        else
        {
            var remaining = timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (remaining <= 0 && timeoutMs != VisaTimeout.ImmediateValue)
                throw WriteTimeout(timeoutMs, requested);
            // A zero write timeout would fail even a write the driver takes at once; give it a moment.
            wait = (int)Math.Clamp(remaining, 1, int.MaxValue);
        }
        try
        {
            if (_appliedWriteTimeout != wait)
            {
                _port.WriteTimeout = wait;
                _appliedWriteTimeout = wait;
            }
            _stream.Write(data);
        }
        catch (TimeoutException)
        {
            throw WriteTimeout(timeoutMs, requested);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            throw PortFailure("Write", e, sentBefore);
        }
    }

    /// <summary>
    /// Writes through the tty's own descriptor (see <see cref="UnixTty"/>) until the driver has taken all of
    /// <paramref name="data"/>, bounded by what is left of the write's timeout.
    /// </summary>
    private void SendDirect(ReadOnlySpan<byte> data, long started, uint timeoutMs, int requested, int sentBefore)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            int wait;
            if (timeoutMs == VisaTimeout.InfiniteValue)
            {
                wait = -1;
            }
            else
            {
                // Each pass first offers the data without waiting, so even an immediate (0 ms) timeout sends what the
                // driver takes at once; it fails only when the driver took nothing and the time is up.
                var remaining = timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                wait = (int)Math.Clamp(remaining, 0, int.MaxValue);
            }
            int count;
            try
            {
                count = _tty!.Write(data[sent..], wait);
            }
            catch (IOException e)
            {
                throw PortFailure("Write", e, sentBefore + sent);
            }
            if (count == 0 && wait != -1 && Stopwatch.GetElapsedTime(started).TotalMilliseconds >= timeoutMs)
                throw WriteTimeout(timeoutMs, requested);
            sent += count;
        }
    }

    private VisaException WriteTimeout(uint timeoutMs, int requested)
    {
        var flow = Attributes.Get<ushort>(VisaAttribute.AsrlFlowControl);
        var hint = flow == 0
            ? "the driver could not take the data: is the baud rate far too low for this much data?"
            : "flow control is on and the instrument is holding the line (XOFF sent, or CTS/DSR not asserted): is it ready, and wired for this flow control?";
        return new VisaException(StatusCode.ErrorTimeout,
            $"Writing {requested} bytes to the serial port {Device} did not finish within {timeoutMs} ms: {hint}", "Write", ResourceName);
    }

    /// <summary>Waits while <c>VI_ATTR_ASRL_ALLOW_TRANSMIT</c> is off, as a write held by XOFF would.</summary>
    private void WaitUntilTransmitAllowed(uint timeoutMs, int requested)
    {
        if (_transmitAllowed.IsSet)
            return;
        var wait = timeoutMs == VisaTimeout.InfiniteValue ? Timeout.Infinite : (int)Math.Min(timeoutMs, int.MaxValue);
        if (!_transmitAllowed.Wait(wait))
            throw TransmitHeld(timeoutMs, requested);
        ThrowIfLost("Write");
    }

    private async ValueTask WaitTransmitAllowedAsync(CancellationToken deadline, uint timeoutMs, int requested, CancellationToken caller)
    {
        var allowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ThreadPool.RegisterWaitForSingleObject(_transmitAllowed.WaitHandle,
            static (state, _) => ((TaskCompletionSource)state!).TrySetResult(), allowed, Timeout.Infinite, executeOnlyOnce: true);
        try
        {
            await allowed.Task.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw TransmitHeld(timeoutMs, requested);
        }
        finally
        {
            registration.Unregister(null);
        }
        ThrowIfLost("Write");
    }

    private VisaException TransmitHeld(uint timeoutMs, int requested) =>
        new(StatusCode.ErrorTimeout,
            $"Writing {requested} bytes to the serial port {Device} waited {timeoutMs} ms for transmission to be allowed: VI_ATTR_ASRL_ALLOW_TRANSMIT is off; set it on to send.",
            "Write", ResourceName);

    private async ValueTask SendBreakAsync(CancellationToken cancellationToken)
    {
        var length = Attributes.Get<short>(VisaAttribute.AsrlBreakLength);
        SetBreakLine(true, "Write");
        try
        {
            await Task.Delay(length, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SetBreakLine(false, "Write");
        }
    }

    private void TraceWrite(ReadOnlySpan<byte> data)
    {
        if (Logger.IsEnabled(LogLevel.Trace))
            Logger.LogTrace("{Resource} wrote {Count} bytes: {Data}", ResourceName, data.Length, ReadDiagnostics.Preview(data));
    }
}
