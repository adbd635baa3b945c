using System.Diagnostics;

namespace OpenVisa.Managed.Serial;

// Draining the output: waiting until the driver has sent what writes handed it, for Flush(VI_WRITE_BUF / VI_IO_OUT_BUF)
// and before a break (a write with VI_ATTR_ASRL_END_OUT = break, Clear, VI_ATTR_ASRL_BREAK_STATE). System.IO.Ports'
// Flush is tcdrain(3) on Linux, which waits with no timeout: while flow control holds the line (XOFF received, CTS
// unasserted) it never returned. Here the driver's queue (and then the UART's transmitter, where the driver reports it) is
// watched instead, bounded by the session timeout.
internal sealed partial class SerialSession
{
    /// <summary>The first pause between two looks at the queue; doubled each time up to <see cref="LongestDrainPauseMs"/>.</summary>
    /// <remarks>Short at first because a queue of a few bytes drains in a few character times (1 ms a byte at 9600 baud).</remarks>
    private const int FirstDrainPauseMs = 1;

    /// <summary>The longest pause: a queue that empties is noticed within this much.</summary>
    private const int LongestDrainPauseMs = 16;

    /// <summary>
    /// The driver's output queue where the session can see it: the tty's descriptor on Linux. Null elsewhere, where a drain
    /// falls back to System.IO.Ports' own Flush, which is not bounded by the timeout. Tests replace it, since a pty never
    /// holds output in its queue.
    /// </summary>
    internal ISerialOutputQueue? OutputQueue { get; set; }

    /// <summary>
    /// Waits until the driver has sent all it holds, within what is left of <paramref name="timeoutMs"/> counted from
    /// <paramref name="started"/>; throws <see cref="StatusCode.ErrorTimeout"/> naming the bytes still queued.
    /// <paramref name="requested"/> is the length of the write this drain ends, for the message (0 for Flush, Clear and SetAttribute).
    /// With <paramref name="queueOnly"/> it waits for the driver's queue alone, not for the UART's FIFO after it.
    /// </summary>
    private void DrainOutput(string operation, long started, uint timeoutMs, int requested, bool queueOnly = false)
    {
        if (OutputQueue is not { } queue)
        {
            // No view of the queue (not Linux): the port's Flush (FlushFileBuffers on Windows, tcdrain on macOS) waits
            // as long as flow control holds the line. Correct, but not bounded by the timeout there.
            Guard(operation, () => _stream.Flush());
            return;
        }
        var pause = FirstDrainPauseMs;
        while (true)
        {
            if (StillSending(queue, operation, queueOnly) is not { } queued)
                return;
            var wait = pause;
            if (timeoutMs != VisaTimeout.InfiniteValue)
            {
                var remaining = timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (remaining <= 0)
                    throw DrainTimeout(operation, timeoutMs, queued, requested);
                wait = (int)Math.Min(pause, remaining);
            }
            Thread.Sleep(wait);
            pause = Math.Min(pause * 2, LongestDrainPauseMs);
        }
    }

    /// <summary>
    /// <see cref="DrainOutput"/> for the async write: it waits without a thread, until <paramref name="deadline"/> (the
    /// write's timeout, which also carries <paramref name="caller"/>'s cancellation).
    /// </summary>
    private async ValueTask DrainOutputAsync(string operation, CancellationToken deadline, CancellationToken caller, uint timeoutMs, int requested)
    {
        if (OutputQueue is not { } queue)
        {
            Guard(operation, () => _stream.Flush()); // not Linux: unbounded there, as in DrainOutput
            return;
        }
        var pause = FirstDrainPauseMs;
        while (true)
        {
            if (StillSending(queue, operation, queueOnly: false) is not { } queued)
                return;
            try
            {
                await Task.Delay(pause, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (caller.IsCancellationRequested)
            {
                throw new OperationCanceledException(
                    $"{operation} on {ResourceName} was cancelled while it waited for the port to send its output ({queued} bytes still queued in the driver); what was queued stays queued.", e, caller);
            }
            catch (OperationCanceledException)
            {
                throw DrainTimeout(operation, timeoutMs, queued, requested);
            }
            pause = Math.Min(pause * 2, LongestDrainPauseMs);
        }
    }

    /// <summary>
    /// Null once everything has left: the queue is empty and the UART's transmitter too (where the driver tells).
    /// Otherwise the bytes still in the queue, 0 when only the UART's FIFO still holds some.
    /// </summary>
    private int? StillSending(ISerialOutputQueue queue, string operation, bool queueOnly)
    {
        try
        {
            var queued = queue.QueuedBytes();
            if (queued > 0)
                return queued;
            if (queueOnly)
                return null;
            // The queue is empty; a 16550's FIFO may still hold 16 bytes, which tcdrain waited for too.
            return queue.TransmitterEmpty() == false ? 0 : null;
        }
        catch (IOException e)
        {
            throw PortFailure(operation, e, 0);
        }
    }

    /// <summary>The drain ran out of time: says how much is still queued, what holds it, and what to do.</summary>
    private VisaException DrainTimeout(string operation, uint timeoutMs, int queued, int requested)
    {
        var held = queued > 0
            ? $"{queued} bytes are still queued in the driver"
            : "the driver's queue is empty, but the UART still holds bytes in its FIFO that it has not sent";
        var what = operation switch
        {
            "Write" => $"Writing {requested} bytes to the serial port {Device} did not finish within {timeoutMs} ms: the driver took them, but {held}, " +
                "so the break that ends the write (VI_ATTR_ASRL_END_OUT = break) was not sent.",
            "Flush" => $"Flush waited {timeoutMs} ms for the serial port {Device} to send its output: {held}.",
            _ => $"{operation} waited {timeoutMs} ms for the serial port {Device} to send its output before a break: {held}, so the break was not sent.",
        };
        return new VisaException(StatusCode.ErrorTimeout,
            $"{what} {DrainHoldReason()} The queued bytes go out when the line is released; to go on without them, discard them " +
            "with Flush(VI_IO_OUT_BUF_DISCARD) or Clear, or raise the timeout.",
            operation, ResourceName);
    }

    /// <summary>Why the output does not drain, by the flow control in force.</summary>
    private string DrainHoldReason()
    {
        var flow = Attributes.Get<ushort>(VisaAttribute.AsrlFlowControl);
        var xon = (flow & SerialFraming.FlowXonXoff) != 0;
        var cts = (flow & SerialFraming.FlowRtsCts) != 0;
        if (xon && cts)
            return "Flow control is holding the line: the instrument sent XOFF (and no XON since), or holds CTS unasserted. Is it ready, or is its input full?";
        if (xon)
            return "Flow control (XON/XOFF) is holding the line: the instrument sent XOFF and no XON since. Is it ready, or is its input full?";
        if (cts)
            return "Flow control (RTS/CTS) is holding the line: the instrument holds CTS unasserted. Is it ready and powered, and is the cable wired for RTS/CTS?";
        return $"No flow control is on, so the line should drain at {Attributes.Get<uint>(VisaAttribute.AsrlBaudRate)} baud: is the timeout too short " +
            "for this much data at this rate, or is the adapter stalled?";
    }
}
