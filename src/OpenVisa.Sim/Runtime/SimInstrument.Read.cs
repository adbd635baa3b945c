using System.Diagnostics;

namespace OpenVisa.Sim.Runtime;

/// <summary>The read path: replies handed out up to END, the termination character or the buffer's end, within the timeout.</summary>
internal sealed partial class SimInstrument
{
    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes of the queued replies; waits up to the timeout for one.</summary>
    /// <exception cref="VisaException">VI_ERROR_TMO when no reply is ready within the timeout.</exception>
    public ReadResult Read(Span<byte> buffer, ReadOptions options)
    {
        long? deadline = null;
        ReadResult result = default;
        VisaException? failure = null;
        bool request;
        lock (_gate)
        {
            try
            {
                var total = 0;
                while (true)
                {
                    if (TryReadReady(buffer, options, ref total, out result))
                        break;
                    var now = Stopwatch.GetTimestamp();
                    deadline ??= Deadline(options.Timeout);
                    if (now >= deadline)
                        throw Timeout(options.Timeout, now, total);
                    var until = Math.Min(deadline.Value, _output.NextReadyAt ?? long.MaxValue);
                    _syncWaiters++;
                    try
                    {
                        Monitor.Wait(_gate, Remaining(until, now));
                    }
                    finally
                    {
                        _syncWaiters--;
                    }
                }
            }
            catch (VisaException e)
            {
                failure = e;
            }
            request = UpdateStatus();
        }
        RaiseIfRequested(request);
        if (failure is not null)
            throw failure;
        return result;
    }

    // Copies what is ready; true with the result when the read is over, false when it must wait for more.
    private bool TryReadReady(Span<byte> buffer, ReadOptions options, ref int total, out ReadResult result)
    {
        while (MessageAvailable())
        {
            var (count, status) = CopyOut(buffer[total..], options);
            total += count;
            if (status is { } done)
            {
                result = new ReadResult(total, done);
                return true;
            }
        }
        result = default;
        return false;
    }

    // Copies from the oldest reply; returns the count and, when the read is over, its status.
    private (int Count, StatusCode? Status) CopyOut(Span<byte> buffer, ReadOptions options)
    {
        _output.TryPeek(out var bytes, out _, out _);
        var take = Math.Min(bytes.Length, buffer.Length);
        var serialEnd = false;
        if (options.SerialEndIn is { } endIn)
        {
            // Serial has no END line: the termination character or the last bit marks the end, byte by byte.
            for (var k = 0; k < take; k++)
            {
                var b = bytes[k];
                var end = endIn switch
                {
                    SerialTermination.TerminationCharacter => b == options.TerminationCharacter,
                    SerialTermination.LastBit => (b & options.LastBitMask) != 0,
                    _ => false,
                };
                if (end || (options.TerminationCharacterEnabled && b == options.TerminationCharacter))
                {
                    take = k + 1;
                    serialEnd = end;
                    break;
                }
            }
        }
        else if (options.TerminationCharacterEnabled)
        {
            var at = bytes[..take].IndexOf(options.TerminationCharacter);
            if (at >= 0)
                take = at + 1;
        }
        bytes[..take].CopyTo(buffer);
        var endOfReply = _output.Consume(take);
        var hitCharacter = options.TerminationCharacterEnabled && take > 0 && buffer[take - 1] == options.TerminationCharacter;
        if (options.SerialEndIn is null ? endOfReply && !options.SuppressEnd : serialEnd && !options.SuppressEnd)
            return (take, StatusCode.Success);
        if (hitCharacter)
            return (take, StatusCode.SuccessTerminationCharacterRead);
        if (take == buffer.Length)
            return (take, StatusCode.SuccessMaxCountRead);
        return (take, null);
    }

    private VisaException Timeout(TimeSpan timeout, long now, int partial)
    {
        var ms = VisaTimeout.IsInfinite(timeout) ? "infinite" : $"{(long)timeout.TotalMilliseconds} ms";
        string detail;
        if (_output.TryPeek(out _, out var readyAt, out var command))
        {
            var due = (readyAt - now) * 1000 / Stopwatch.Frequency;
            detail = $"The reply to '{command}' is due in {due} ms, after the {ms} timeout; raise the timeout or wait.";
        }
        else if (partial > 0)
        {
            detail = $"{partial} bytes were read but the reply did not end within the {ms} timeout (END is suppressed or the termination character never came).";
        }
        else
        {
            _handler.OnQueryError(_context);
            _context.Status.PushError(-420, "Query UNTERMINATED");
            detail = !_anyCommand
                ? $"No reply is pending: nothing has been written to {ResourceName} yet."
                : _lastUnknown
                    ? _handler.AnswersCommonCommands
                        ? $"No reply is pending: the last command '{LastCommand}' was not understood by the {_handler.Description} (the error queue holds -113,\"Undefined header\"); check its spelling and the write termination."
                        : _lastOutcome == UnitOutcome.Reply
                            ? $"No reply is pending: the last command '{LastCommand}' was not understood by the {_handler.Description}, and its error response was already read (as in pyvisa-sim, the common commands it does not define are unknown too); check its spelling and the write termination."
                            : $"No reply is pending: the last command '{LastCommand}' was not understood by the {_handler.Description}, which has no error response to send (as in pyvisa-sim, the common commands it does not define are unknown too); check its spelling and the write termination."
                    : _lastOutcome == UnitOutcome.NoReply
                        ? $"No reply is pending: the last command '{LastCommand}' is not a query, or its reply was already read."
                        : $"No reply is pending: the reply to '{LastCommand}' was already read.";
            detail += $" Waited {ms}.";
        }
        return new VisaException(StatusCode.ErrorTimeout, detail, "Read", ResourceName);
    }
}
