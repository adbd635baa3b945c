using OpenVisa.Managed.Serial;
using OpenVisa.TestSupport.Serial;
using System.Diagnostics;
using System.Text;

namespace OpenVisa.Managed.Tests.Serial;

/// <summary>
/// Draining the output (Flush of the write buffer, a write that ends with a break, a break asserted by attribute) is
/// bounded by the session timeout while flow control holds the line. A pty cannot hold output in its driver queue the
/// way a UART does (under XOFF it refuses the bytes instead), so the held queue is a <see cref="HeldOutputQueue"/> in
/// front of the pty's real one; the XOFF tests at the end use the kernel's own flow control on the pty.
/// </summary>
public sealed class SerialDrainTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [PtyFact]
    public void A_flush_while_xoff_holds_queued_output_times_out_naming_the_bytes_and_xoff_and_flushes_once_released()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.FlowControl = SerialFlowControl.XonXoff;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(37);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Library.Flush(port.Session, BufferOperation.WriteBuffer));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Flush", e.Operation);
        Assert.Equal(pair.ResourceName, e.ResourceName);
        Assert.Contains(pair.A, e.Message);
        Assert.Contains("37 bytes are still queued", e.Message);
        Assert.Contains("XOFF", e.Message);
        Assert.Contains("VI_IO_OUT_BUF_DISCARD", e.Message);

        queue.Release();
        port.Timeout = TimeSpan.FromSeconds(20);
        port.Library.Flush(port.Session, BufferOperation.IOOutputBuffer);
        port.Write("ECHO after release");
        Assert.Equal("ECHO after release\n", ReadLine(instrument));
        port.Library.Flush(port.Session, BufferOperation.WriteBuffer);
    }

    [PtyFact]
    public void A_flush_held_under_rts_cts_says_the_instrument_holds_cts_unasserted()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.FlowControl = SerialFlowControl.RtsCts;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(8);
        port.Timeout = TimeSpan.FromMilliseconds(300);

        var e = Assert.Throws<VisaException>(() => port.Library.Flush(port.Session, BufferOperation.IOOutputBuffer));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("8 bytes are still queued", e.Message);
        Assert.Contains("RTS/CTS", e.Message);
        Assert.Contains("CTS unasserted", e.Message);
        Assert.DoesNotContain("XOFF", e.Message);
    }

    [PtyFact]
    public void A_flush_waits_for_the_uart_fifo_once_the_queue_is_empty_and_names_it_when_time_runs_out()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.FlowControl = SerialFlowControl.RtsCts;
        var queue = HeldOutputQueue.On(port);
        queue.HoldInFifo();
        port.Timeout = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Library.Flush(port.Session, BufferOperation.WriteBuffer));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(300) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("the driver's queue is empty, but the UART still holds bytes in its FIFO", e.Message);
        Assert.Contains("CTS unasserted", e.Message);
        queue.Release();
        port.Library.Flush(port.Session, BufferOperation.WriteBuffer);
    }

    [PtyFact]
    public void A_pty_reports_no_queued_output_and_no_transmitter_state()
    {
        if (!OperatingSystem.IsLinux())
            return; // the queue is read through Linux's ioctls only
        using var pair = PtyPair.Start();
        using var tty = UnixTty.TryOpen(pair.A);
        Assert.NotNull(tty);
        using var port = new FileStream(pair.A, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
        port.Write("sent\n"u8);

        // The fact the held-queue tests rest on: a pty passes bytes on or refuses them, it never queues them.
        Assert.Equal(0, tty.QueuedBytes());
        Assert.Null(tty.TransmitterEmpty());
    }

    [PtyFact]
    public void A_flush_with_nothing_queued_returns_at_once_after_one_look_at_the_queue()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(30);
        var queue = HeldOutputQueue.On(port);
        var watch = Stopwatch.StartNew();

        port.Library.Flush(port.Session, BufferOperation.WriteBuffer | BufferOperation.IOOutputBuffer);

        Assert.Equal(1, queue.Looks);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"an empty queue took {watch.Elapsed} to flush");
    }

    [PtyFact]
    public void A_flush_waits_while_the_queue_drains_and_returns_once_it_is_empty()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(30);
        var queue = HeldOutputQueue.On(port);
        queue.Hold(12);
        var watch = Stopwatch.StartNew();
        using var release = new Timer(_ => queue.Release(), null, 300, Timeout.Infinite);

        port.Library.Flush(port.Session, BufferOperation.WriteBuffer);

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));
        Assert.True(queue.Looks > 1, "the flush returned without waiting for the queue");
    }

    [PtyFact]
    public void A_write_ending_in_a_break_times_out_while_its_bytes_stay_queued_saying_no_break_was_sent()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.StaleReplies = StaleReplyPolicy.DiscardArrived; // nothing at the other end answers a resynchronizing *OPC?
        port.FlowControl = SerialFlowControl.XonXoff;
        port.EndOutput = SerialTermination.Break;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(9);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Write("ECHO one"));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Write", e.Operation);
        Assert.Contains(pair.A, e.Message);
        Assert.Contains("9 bytes", e.Message);
        Assert.Contains("break", e.Message);
        Assert.Contains("was not sent", e.Message);
        Assert.Contains("XOFF", e.Message);
        Assert.Equal("ECHO one\n", ReadLine(instrument)); // the driver had taken them: on a pty they went straight on

        queue.Release();
        port.Timeout = TimeSpan.FromSeconds(20);
        port.Write("ECHO two");
        Assert.Equal("ECHO two\n", ReadLine(instrument));
    }

    [PtyFact]
    public async Task An_async_write_ending_in_a_break_times_out_while_its_bytes_stay_queued_and_works_once_released()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.StaleReplies = StaleReplyPolicy.DiscardArrived;
        port.EndOutput = SerialTermination.Break;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(5);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<VisaException>(async () => await port.WriteAsync("ECHO one"));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Write", e.Operation);
        Assert.Contains(pair.A, e.Message);
        Assert.Contains("5 bytes", e.Message);
        Assert.Contains("was not sent", e.Message);
        Assert.Contains("No flow control is on", e.Message); // none set: the hint is the baud rate, not XOFF
        Assert.Contains("9600 baud", e.Message);
        Assert.Equal("ECHO one\n", ReadLine(instrument));

        queue.Release();
        port.Timeout = TimeSpan.FromSeconds(20);
        await port.WriteAsync("ECHO two");
        Assert.Equal("ECHO two\n", ReadLine(instrument));
    }

    [PtyFact]
    public async Task An_async_write_waiting_for_its_queue_is_cancelled_by_its_token_not_timed_out()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.StaleReplies = StaleReplyPolicy.DiscardArrived;
        port.EndOutput = SerialTermination.Break;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(5);
        port.Timeout = TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await port.WriteAsync("ECHO one", cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {watch.Elapsed}");
        Assert.Contains("still queued", e.Message);
        queue.Release();
        await port.WriteAsync("ECHO two");
        Assert.Equal("ECHO one\n", ReadLine(instrument));
        Assert.Equal("ECHO two\n", ReadLine(instrument));
    }

    [PtyFact]
    public void Asserting_a_break_by_attribute_while_output_stays_queued_times_out_instead_of_hanging()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.FlowControl = SerialFlowControl.XonXoff;
        var queue = HeldOutputQueue.On(port);
        queue.Hold(3);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.SetAttributeValue(VisaAttribute.AsrlBreakState, (short)1));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("SetAttribute", e.Operation);
        Assert.Contains("3 bytes are still queued", e.Message);
        Assert.Contains("the break was not sent", e.Message);
        Assert.Equal((short)0, Convert.ToInt16(port.GetAttribute(VisaAttribute.AsrlBreakState))); // not stored
    }

    [PtyFact]
    public void A_clear_sending_a_break_waits_for_queued_bytes_within_its_timeout_but_not_for_the_uart_fifo()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.FlowControl = SerialFlowControl.XonXoff;
        port.EndOutput = SerialTermination.Break;
        var queue = HeldOutputQueue.On(port);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        // Bytes a write on another thread queued after the discard: the break would wait for them, so the clear does, boundedly.
        queue.Hold(6);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Clear());

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Clear", e.Operation);
        Assert.Contains("6 bytes are still queued", e.Message);
        Assert.Contains("the break was not sent", e.Message);

        queue.Release();
        queue.HoldInFifo(); // what the discard left in the UART's FIFO: the kernel's break waits for that itself
        port.Timeout = TimeSpan.FromSeconds(30);
        var clearWatch = Stopwatch.StartNew();
        port.Clear();
        Assert.True(clearWatch.Elapsed < TimeSpan.FromSeconds(10), $"the clear waited {clearWatch.Elapsed} for the FIFO");
    }

    [PtyFact]
    public void The_port_vanishing_while_a_flush_waits_fails_the_flush_as_a_lost_connection_long_before_its_timeout()
    {
        if (!OperatingSystem.IsLinux())
            return; // the real queue is watched only on Linux; elsewhere there is none under the held one to fail
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        var queue = HeldOutputQueue.On(port);
        queue.Hold(100);
        port.Timeout = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        using var vanish = new Timer(_ => pair.Vanish(), null, 500, Timeout.Infinite);

        var e = Assert.Throws<VisaException>(() => port.Library.Flush(port.Session, BufferOperation.WriteBuffer));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Equal("Flush", e.Operation);
        Assert.Contains(pair.A, e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"the flush noticed only after {watch.Elapsed}");
    }

    [PtyFact]
    public void Under_a_real_xoff_a_flush_and_a_clear_return_at_once_and_a_write_ending_in_a_break_times_out_then_xon_lets_it_through()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.StaleReplies = StaleReplyPolicy.DiscardArrived;
        port.FlowControl = SerialFlowControl.XonXoff;
        port.EndOutput = SerialTermination.Break;
        // XOFF, then a line: once the line has been read, the driver has seen the XOFF before it.
        instrument.Write("\u0013held\n"u8);
        Assert.Equal("held", port.Read());

        // The kernel refuses a pty's writes under XOFF rather than queueing them: nothing is queued, so no wait.
        var flushWatch = Stopwatch.StartNew();
        port.Library.Flush(port.Session, BufferOperation.WriteBuffer);
        Assert.True(flushWatch.Elapsed < TimeSpan.FromSeconds(10), $"a flush with nothing queued took {flushWatch.Elapsed}");
        var clearWatch = Stopwatch.StartNew();
        port.Clear(); // discards, then sends its break (END_OUT = break) after a drain of the now empty queue
        Assert.True(clearWatch.Elapsed < TimeSpan.FromSeconds(10), $"a clear under XOFF took {clearWatch.Elapsed}");

        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => port.Write("ECHO held"));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Slack);
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("flow control", e.Message);

        instrument.Write("\u0011"u8); // XON
        port.Timeout = TimeSpan.FromSeconds(20);
        port.Write("ECHO after xon");
        Assert.Equal("ECHO after xon\n", ReadLine(instrument));
    }

    [PtyFact]
    public async Task A_break_lasts_its_break_length_after_the_data_sync_and_async()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = OpenInstrumentEnd(pair);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.EndOutput = SerialTermination.Break;
        port.SetAttributeValue(VisaAttribute.AsrlBreakLength, (short)300);

        var watch = Stopwatch.StartNew();
        port.Write("ECHO sync");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"the break ended after {watch.Elapsed}, not its 300 ms");
        watch.Restart();
        await port.WriteAsync("ECHO async");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"the break ended after {watch.Elapsed}, not its 300 ms");

        Assert.Equal("ECHO sync\n", ReadLine(instrument));
        Assert.Equal("ECHO async\n", ReadLine(instrument));
    }

    [PtyFact]
    public void A_break_asserted_by_attribute_stays_until_released_and_fails_as_lost_once_the_port_vanished()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);

        port.SetAttributeValue(VisaAttribute.AsrlBreakState, (short)1);
        Assert.Equal((short)1, Convert.ToInt16(port.GetAttribute(VisaAttribute.AsrlBreakState)));
        port.SetAttributeValue(VisaAttribute.AsrlBreakState, (short)0);
        Assert.Equal((short)0, Convert.ToInt16(port.GetAttribute(VisaAttribute.AsrlBreakState)));
        if (!OperatingSystem.IsLinux())
            return; // System.IO.Ports ignores a failed break on other Unixes; the descriptor's own ioctl is Linux's
        pair.Vanish();

        var off = Assert.Throws<VisaException>(() => port.SetAttributeValue(VisaAttribute.AsrlBreakState, (short)0));

        Assert.Equal(StatusCode.ErrorConnectionLost, off.Status);
        Assert.Equal("SetAttribute", off.Operation);
        Assert.Contains(pair.A, off.Message);
        var on = Assert.Throws<VisaException>(() => port.SetAttributeValue(VisaAttribute.AsrlBreakState, (short)1));
        Assert.Equal(StatusCode.ErrorConnectionLost, on.Status);
    }

    /// <summary>The instrument's end of the pair as a plain file: no program answers, the test reads what arrived.</summary>
    private static FileStream OpenInstrumentEnd(PtyPair pair) =>
        new(pair.B, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);

    /// <summary>
    /// Reads one LF-terminated line from the instrument's end, failing after 20 s rather than hanging (a pty read blocks
    /// and cannot be cancelled; the reader ends when the pair is disposed).
    /// </summary>
    private static string ReadLine(FileStream instrument)
    {
        var read = Task.Run(() =>
        {
            var received = new List<byte>();
            var one = new byte[1];
            while (!received.Contains((byte)'\n') && instrument.Read(one) == 1)
                received.Add(one[0]);
            return Encoding.ASCII.GetString(received.ToArray());
        });
        Assert.True(read.Wait(TimeSpan.FromSeconds(20)), "the instrument's end received no whole line within 20 s");
        return read.Result;
    }
}
