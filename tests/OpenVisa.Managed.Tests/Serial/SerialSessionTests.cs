using OpenVisa.TestSupport.Serial;
using System.Diagnostics;
using System.Text;

namespace OpenVisa.Managed.Tests.Serial;

/// <summary>The ASRL INSTR session end to end: our client on one pty of a socat pair, a pyserial instrument on the other.</summary>
public sealed class SerialSessionTests
{
    [PtyFact]
    public async Task A_serial_resource_queries_a_pyserial_instrument_sync_and_async()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);

        Assert.Equal(PyserialInstrument.Identity, port.Query("*IDN?"));
        Assert.Equal("over the line", await port.QueryAsync("ECHO over the line"));
        Assert.Equal(9600, port.BaudRate);
        Assert.Equal(SerialTermination.TerminationCharacter, port.EndInput);
        port.BaudRate = 115200;
        Assert.Equal(115200, port.BaudRate);
        Assert.Equal(PyserialInstrument.Identity, port.Query("*IDN?"));
    }

    [PtyFact]
    public async Task A_one_mebibyte_block_passes_both_ways_byte_exact()
    {
        const int Length = 1 << 20;
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(60);

        Assert.Equal(PyserialInstrument.Payload(Length), port.QueryBinaryValues<byte>($"DATA? {Length}"));
        Assert.Equal(PyserialInstrument.Payload(Length), await port.QueryBinaryValuesAsync<byte>($"DATA? {Length}"));

        var upload = new byte[Length];
        new Random(14).NextBytes(upload);
        port.WriteBinaryValues("DATA ", upload);
        Assert.Equal($"{Length},{upload.Sum(b => (long)b)}", port.Read());
        Assert.Equal(PyserialInstrument.Identity, port.Query("*IDN?")); // nothing of the blocks was left behind
    }

    [PtyFact]
    public void A_silent_instrument_times_out_within_the_timeout_naming_the_port_and_the_termination()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Query("SILENT"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains(pair.A, e.Message);
        Assert.Contains("termination character", e.Message);
        Assert.Contains("baud", e.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(2));
        Assert.Equal(PyserialInstrument.Identity, port.Query("*IDN?"));
    }

    [PtyFact]
    public async Task An_async_read_is_cancelled_by_its_token_and_the_session_goes_on()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await port.QueryAsync("SILENT", cancellationToken: cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {watch.Elapsed}");
        Assert.Equal(PyserialInstrument.Identity, await port.QueryAsync("*IDN?"));
    }

    [PtyFact]
    public void The_port_vanishing_mid_read_fails_the_read_with_the_port_name_and_every_later_call()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        using var vanish = new Timer(_ => pair.Vanish(), null, 500, Timeout.Infinite);

        var e = Assert.Throws<VisaException>(() => port.Query("SILENT"));

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO });
        Assert.Contains(pair.A, e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"the read noticed only after {watch.Elapsed}");
        var later = Assert.Throws<VisaException>(() => port.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, later.Status);
        Assert.Contains("open it again", later.Message);
    }

    [PtyFact]
    public void A_pty_refuses_parity_and_modem_lines_with_errors_naming_the_attribute()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);

        var parity = Assert.Throws<VisaException>(() => port.Parity = SerialParity.Even);
        var dtr = Assert.Throws<VisaException>(() => port.SetAttributeValue(VisaAttribute.AsrlDtrState, 1));
        var flow = Assert.Throws<VisaException>(() => port.FlowControl = SerialFlowControl.DtrDsr);

        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, parity.Status);
        Assert.Contains("VI_ATTR_ASRL_PARITY", parity.Message);
        Assert.Contains("pty", parity.Message);
        Assert.Equal(SerialParity.None, port.Parity); // the refused value was not stored
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, dtr.Status);
        Assert.Contains("VI_ATTR_ASRL_DTR_STATE", dtr.Message);
        Assert.Contains("modem", dtr.Message);
        Assert.Contains("VI_ATTR_ASRL_FLOW_CNTRL", flow.Message);
        Assert.Contains("DTR/DSR", flow.Message);
        Assert.Equal((short)-1, Convert.ToInt16(port.GetAttribute(VisaAttribute.AsrlCtsState))); // a pty cannot tell: unknown
    }

    [PtyFact]
    public void End_out_termchar_and_last_bit_mark_the_end_of_a_write_as_visa_says()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.WriteTermination = "";

        port.EndOutput = SerialTermination.TerminationCharacter;
        port.Write("HEX ab");
        Assert.Equal(Convert.ToHexStringLower("HEX ab\n"u8), port.Read());

        port.EndOutput = SerialTermination.LastBit;
        port.Write("HEX ab\n");
        Assert.Equal(Convert.ToHexStringLower("HEX ab\u008a"u8.ToArray().AsSpan()[..6]) + "8a", port.Read());
    }

    [PtyFact]
    public void Discard_null_drops_nul_bytes_and_available_bytes_counts_what_waits()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.ReadTermination = null;

        port.Write("NUL");
        var raw = port.ReadBytes(4);
        Assert.Equal("a\0b\n"u8.ToArray(), raw);
        port.SetAttributeValue(VisaAttribute.AsrlDiscardNull, true);
        port.Write("NUL");
        Assert.Equal("ab\n", Encoding.ASCII.GetString(port.ReadBytes(3)));

        port.Write("ECHO waiting");
        var watch = Stopwatch.StartNew();
        while (port.BytesInBuffer < 8 && watch.Elapsed < TimeSpan.FromSeconds(20))
            Thread.Sleep(10);
        Assert.Equal(8, port.BytesInBuffer);
        port.Library.Flush(port.Session, BufferOperation.DiscardReadBuffer);
        Assert.Equal(0, port.BytesInBuffer);
    }

    [PtyFact]
    public void Flushing_the_write_buffer_and_a_write_ending_in_a_break_keep_the_reply_that_has_arrived()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);

        port.Write("ECHO first");
        WaitForBytes(port, "first\n".Length);
        port.Library.Flush(port.Session, BufferOperation.WriteBuffer | BufferOperation.IOOutputBuffer);
        Assert.Equal("first", port.Read());

        port.Write("ECHO second");
        WaitForBytes(port, "second\n".Length);
        port.EndOutput = SerialTermination.Break;
        port.Write("ECHO third"); // sent with its termination, then a break (which a pty ignores)
        port.EndOutput = SerialTermination.None;
        Assert.Equal("second", port.Read());
        Assert.Equal("third", port.Read());

        static void WaitForBytes(SerialResource port, int count)
        {
            var watch = Stopwatch.StartNew();
            while (port.BytesInBuffer < count && watch.Elapsed < TimeSpan.FromSeconds(20))
                Thread.Sleep(10);
            Assert.Equal(count, port.BytesInBuffer);
        }
    }

    [PtyFact]
    public void A_large_read_ends_at_the_termination_and_keeps_what_came_after_for_the_next_read()
    {
        using var pair = PtyPair.Start();
        using var instrument = PyserialInstrument.Start(pair.B, pair.Folder);
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.Write("ECHO one\nECHO two\nNUL");
        var watch = Stopwatch.StartNew();
        while (port.BytesInBuffer < 12 && watch.Elapsed < TimeSpan.FromSeconds(20))
            Thread.Sleep(10);
        Assert.Equal(12, port.BytesInBuffer); // "one\n", "two\n" and "a\0b\n" wait together
        port.SetAttributeValue(VisaAttribute.AsrlDiscardNull, true);
        // Buffers this large are received into directly; the bytes past the first message's end must not be lost.
        var buffer = new byte[64 * 1024];

        var first = port.Library.Read(port.Session, buffer);
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, first.Status);
        Assert.Equal("one\n", Encoding.ASCII.GetString(buffer, 0, first.Count));
        var second = port.Library.Read(port.Session, buffer);
        Assert.Equal("two\n", Encoding.ASCII.GetString(buffer, 0, second.Count));
        var third = port.Library.Read(port.Session, buffer);
        Assert.Equal("ab\n", Encoding.ASCII.GetString(buffer, 0, third.Count));
        Assert.Equal(PyserialInstrument.Identity, port.Query("*IDN?"));
    }

    [PtyFact]
    public void Allow_transmit_off_holds_a_write_until_its_timeout_and_says_why()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromMilliseconds(300);
        // No instrument is on the other end to answer the *OPC? that would resynchronize after the timed-out write.
        port.StaleReplies = StaleReplyPolicy.DiscardArrived;
        port.SetAttributeValue(VisaAttribute.AsrlAllowTransmit, false);

        var e = Assert.Throws<VisaException>(() => port.Write("*IDN?"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("VI_ATTR_ASRL_ALLOW_TRANSMIT", e.Message);
        port.SetAttributeValue(VisaAttribute.AsrlAllowTransmit, true);
        port.Write("*IDN?");
    }

    [PtyFact]
    public void An_xoff_from_the_instrument_holds_a_write_until_its_timeout_naming_flow_control_and_xon_lets_it_through()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        using var instrument = new FileStream(pair.B, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
        port.Timeout = TimeSpan.FromSeconds(20);
        port.StaleReplies = StaleReplyPolicy.DiscardArrived; // nothing answers the *OPC? that would follow a timed-out write
        port.FlowControl = SerialFlowControl.XonXoff;
        // XOFF, then a line: once the line has been read, the driver has seen the XOFF before it (and kept it from the reader).
        instrument.Write("\u0013held\n"u8);
        Assert.Equal("held", port.Read());
        port.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Write("*IDN?"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains(pair.A, e.Message);
        Assert.Contains("flow control", e.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(2));
        instrument.Write("\u0011"u8); // XON
        port.Timeout = TimeSpan.FromSeconds(20);
        port.Write("ECHO after xon");
        var received = new List<byte>();
        var buffer = new byte[256];
        while (!received.Contains((byte)'\n'))
            received.AddRange(buffer.AsSpan(0, instrument.Read(buffer)).ToArray());
        Assert.Equal("ECHO after xon\n", Encoding.ASCII.GetString(received.ToArray()));
    }

    [PtyFact]
    public void A_write_after_the_port_vanished_fails_naming_the_port_and_the_session_stays_lost()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(20);
        pair.Vanish();
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => port.Write("*IDN?"));

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO });
        Assert.Contains(pair.A, e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the write noticed only after {watch.Elapsed}");
        var later = Assert.Throws<VisaException>(() => port.Write("*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, later.Status);
        Assert.Contains("open it again", later.Message);
    }

    [PtyFact]
    public void A_port_already_open_in_this_process_is_busy()
    {
        using var pair = PtyPair.Start();
        using var rm = new ResourceManager("@managed");
        using var first = rm.Open<SerialResource>(pair.ResourceName);

        var e = Assert.Throws<VisaException>(() => rm.Open($"ASRL{pair.A}::INSTR"));

        Assert.Equal(StatusCode.ErrorResourceBusy, e.Status);
        Assert.Contains(pair.A, e.Message);
        first.Dispose();
        using var second = rm.Open<SerialResource>(pair.ResourceName); // closing freed it
    }

    [Fact]
    public void A_port_that_does_not_exist_is_not_found_naming_the_path()
    {
        using var rm = new ResourceManager("@managed");
        var path = OperatingSystem.IsWindows() ? "COM250" : "/dev/ttyOVISA-none";

        var e = Assert.Throws<VisaException>(() => rm.Open($"ASRL{path}::INSTR"));

        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains(path, e.Message);
        Assert.Contains("ASRL" + path, e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_terminal_is_not_found_saying_so()
    {
        if (OperatingSystem.IsWindows())
            return;
        var file = Path.GetTempFileName();
        try
        {
            using var rm = new ResourceManager("@managed");
            var e = Assert.Throws<VisaException>(() => rm.Open($"ASRL{file}::INSTR"));
            Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
            Assert.Contains("terminal device", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
