using System.Diagnostics;
using System.IO.Ports;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Sessions;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// An <c>ASRLn::INSTR</c> session: a serial port on System.IO.Ports with VISA's read and write semantics on top.
/// </summary>
/// <remarks>
/// <para>A read ends on the termination character when <c>VI_ATTR_ASRL_END_IN</c> is termchar (the default, unless
/// <c>VI_ATTR_SUPPRESS_END_EN</c> is on) or <c>VI_ATTR_TERMCHAR_EN</c> is on
/// (<see cref="StatusCode.SuccessTerminationCharacterRead"/>); on a byte with the top data bit set when END_IN is last_bit
/// (END, <see cref="StatusCode.Success"/>); or when the buffer is full. What arrived after the end
/// waits in a pending buffer for the next read. A write marks its end as <c>VI_ATTR_ASRL_END_OUT</c> says when
/// <c>VI_ATTR_SEND_END_EN</c> is on: nothing, the top bit of the last byte, an appended termination character or a break.</para>
/// <para>Every blocking call is bounded by the session timeout: sync calls by <c>poll</c> on the tty's own descriptor on
/// Linux (<see cref="UnixTty"/>) or by the port's read and write timeouts elsewhere, async calls by a deadline token that
/// also carries the caller's cancellation. Waiting for the output to drain (a flush of the write buffer, or before a
/// break) is bounded the same way on Linux (<see cref="DrainOutput"/>); elsewhere it is the port's own unbounded Flush.
/// A port that goes away (a USB adapter unplugged, the other end of a pty closed) fails the call in progress and every later one with
/// <see cref="StatusCode.ErrorConnectionLost"/> naming the device.</para>
/// <para><c>Clear</c> discards both buffers; with <c>VI_ATTR_ASRL_END_OUT</c> = break it also sends a break, and with
/// <c>VI_ATTR_IO_PROT</c> = 4 (IEEE 488.2 strings) it sends <c>*CLS\n</c>, as NI-VISA does. With 488.2 strings
/// <c>AssertTrigger</c> sends <c>*TRG\n</c> and <c>ReadStb</c> queries <c>*STB?\n</c>.</para>
/// </remarks>
internal sealed partial class SerialSession : ManagedSession
{
    private const ushort Protocol4882Strings = 4;

    private readonly SerialPort _port;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly OperationDeadline _readDeadline = new();
    private readonly OperationDeadline _writeDeadline = new();
    private readonly ManualResetEventSlim _transmitAllowed = new(true);
    private string? _lostReason;

    private SerialSession(SessionOpening opening, string device, SerialPort port)
        : base(opening)
    {
        Device = device;
        _port = port;
        _stream = port.BaseStream;
        _tty = UnixTty.TryOpen(device);
        OutputQueue = _tty;
    }

    /// <summary>The direct path for sync reads and writes on Linux; null elsewhere, where the port's stream does them.</summary>
    private readonly UnixTty? _tty;

    /// <inheritdoc/>
    public override string InterfaceDescription => "ASRL INSTR";

    /// <summary>The device path or port name, e.g. <c>/dev/ttyUSB0</c> or <c>COM3</c>.</summary>
    public string Device { get; }

    private ILogger Logger => Opening.Library.Logger;

    /// <summary>Opens the port the name gives at VISA's defaults (9600 baud, 8N1, no flow control).</summary>
    public static SerialSession Open(SessionOpening opening)
    {
        var device = SerialDevicePath.For(opening.Name);
        var port = SerialPortOpener.Open(device, opening.ResourceName);
        try
        {
            return new SerialSession(opening, device, port);
        }
        catch
        {
            port.Dispose();
            SerialPortOpener.Release(device);
            throw;
        }
    }

    // ---- clear, flush, trigger, status byte ------------------------------------------------------------

    /// <inheritdoc/>
    public override void Clear()
    {
        ThrowIfLost("Clear");
        DiscardInput("Clear");
        Guard("Clear", () => _port.DiscardOutBuffer());
        if (Attributes.AsrlEndOut == EndOutBreak)
        {
            // Nothing is queued after the discard unless a write on another thread added some since; the kernel's break
            // would wait for that with no bound (TCSBRK drains first), so it is drained here within the timeout. Not the
            // UART's FIFO: a clear should not fail on the few bytes the discard left there, which the kernel's break
            // waits for itself, within twice the FIFO's time on a UART.
            DrainOutput("Clear", Stopwatch.GetTimestamp(), TimeoutMilliseconds, 0, queueOnly: true);
            SendBreak("Clear");
        }
        if (Uses4882Strings)
            Write("*CLS\n"u8);
    }

    /// <inheritdoc/>
    public override void Flush(BufferOperation mask)
    {
        const BufferOperation Known = BufferOperation.ReadBuffer | BufferOperation.WriteBuffer | BufferOperation.DiscardReadBuffer |
            BufferOperation.DiscardWriteBuffer | BufferOperation.IOInputBuffer | BufferOperation.IOOutputBuffer |
            BufferOperation.DiscardIOInputBuffer | BufferOperation.DiscardIOOutputBuffer;
        if (mask == 0 || (mask & ~Known) != 0)
            throw new VisaException(StatusCode.ErrorInvalidMask, $"{mask} is not a flush mask (VI_READ_BUF, VI_IO_IN_BUF_DISCARD …).", "Flush", ResourceName);
        ThrowIfLost("Flush");
        if ((mask & (BufferOperation.ReadBuffer | BufferOperation.DiscardReadBuffer | BufferOperation.IOInputBuffer | BufferOperation.DiscardIOInputBuffer)) != 0)
            DiscardInput("Flush");
        if ((mask & (BufferOperation.DiscardWriteBuffer | BufferOperation.DiscardIOOutputBuffer)) != 0)
            Guard("Flush", () => _port.DiscardOutBuffer());
        else if ((mask & (BufferOperation.WriteBuffer | BufferOperation.IOOutputBuffer)) != 0)
            DrainOutput("Flush", Stopwatch.GetTimestamp(), TimeoutMilliseconds, 0);
    }

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"Serial sessions trigger only with TriggerProtocol.Default, not {protocol}.", "AssertTrigger", ResourceName);
        Require4882Strings("AssertTrigger", "*TRG");
        Write("*TRG\n"u8);
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        Require4882Strings("ReadStb", "*STB?");
        Write("*STB?\n"u8);
        Span<byte> reply = stackalloc byte[64];
        _readGate.Wait();
        ReadResult result;
        try
        {
            result = ReadLocked(reply, "ReadStb", termOverride: (byte)'\n');
        }
        finally
        {
            _readGate.Release();
        }
        var text = System.Text.Encoding.ASCII.GetString(reply[..result.Count]).Trim();
        return byte.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VisaException(StatusCode.ErrorIO, $"The reply to *STB? was \"{ReadDiagnostics.Preview(reply[..result.Count])}\", not a status byte (0 to 255).", "ReadStb", ResourceName);
    }

    private bool Uses4882Strings => Attributes.Get<ushort>(VisaAttribute.IOProtocol) == Protocol4882Strings;

    private void Require4882Strings(string operation, string command)
    {
        if (!Uses4882Strings)
        {
            throw Unsupported(operation,
                $"A serial line has no {(operation == "ReadStb" ? "status byte" : "trigger")} of its own. If the instrument understands IEEE 488.2 commands, " +
                $"set VI_ATTR_IO_PROT to 4 (VI_PROT_4882_STRS) and {operation} sends \"{command}\\n\"; or write \"{command}\" yourself.");
        }
    }

    /// <summary>Drops the pending bytes and what the driver holds, under the read gate so no read sees half of it.</summary>
    private void DiscardInput(string operation)
    {
        _readGate.Wait();
        try
        {
            DiscardPending();
            Guard(operation, () => _port.DiscardInBuffer());
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>Holds the transmit line in break for <c>VI_ATTR_ASRL_BREAK_LEN</c> milliseconds.</summary>
    private void SendBreak(string operation)
    {
        var length = Attributes.Get<short>(VisaAttribute.AsrlBreakLength);
        SetBreakLine(true, operation);
        try
        {
            Thread.Sleep(length);
        }
        finally
        {
            SetBreakLine(false, operation);
        }
    }

    /// <summary>
    /// Puts the line in break or takes it out: through the tty's descriptor on Linux, so the break lasts as long as it is
    /// held (System.IO.Ports' BreakState sends a fixed 250 ms pulse on Unix); through the port elsewhere (on Windows
    /// SetCommBreak / ClearCommBreak, held as here).
    /// </summary>
    private void SetBreakLine(bool on, string operation)
    {
        if (_tty is null)
        {
            Guard(operation, () => _port.BreakState = on);
            return;
        }
        try
        {
            _tty.SetBreak(on);
        }
        catch (IOException e)
        {
            throw PortFailure(operation, e, 0);
        }
    }

    // ---- lifetime and errors ----------------------------------------------------------------------------

    /// <inheritdoc/>
    protected override void Close()
    {
        _tty?.Dispose();
        try
        {
            _port.Dispose();
        }
        catch (IOException)
        {
            // A port that already went away cannot be closed cleanly; its handle is released all the same.
        }
        SerialPortOpener.Release(Device);
        _readDeadline.Dispose();
        _writeDeadline.Dispose();
        _transmitAllowed.Set();
    }

    /// <summary>Runs a port operation, turning the port's exceptions into VISA errors.</summary>
    private void Guard(string operation, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw PortFailure(operation, e, 0);
        }
    }

    private void ThrowIfLost(string operation)
    {
        if (IsDisposed)
            throw ClosedMeanwhile(operation);
        if (_lostReason is { } reason)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"The serial port {Device} was lost earlier ({reason}); close the resource and open it again.", operation, ResourceName);
        }
    }

    private VisaException ClosedMeanwhile(string operation) =>
        new(StatusCode.ErrorInvalidObject, $"The session to {Device} was closed while {operation} was using it.", operation, ResourceName);

    /// <summary>
    /// A failure of the port during an operation. System.IO.Ports closes the port itself when the device reports an
    /// error (a pty whose other end closed, an unplugged adapter) and later calls see it closed: that is a lost connection.
    /// </summary>
    private VisaException PortFailure(string operation, Exception e, int transferred)
    {
        if (IsDisposed)
            return ClosedMeanwhile(operation);
        var done = transferred == 0 ? "" : operation == "Write" ? $"; {transferred} bytes had been sent" : $"; {transferred} bytes had arrived";
        if (e is ObjectDisposedException or InvalidOperationException or TtyHangupException || !_port.IsOpen)
        {
            _lostReason = "the device went away: unplugged, or the other end of a pty closed";
            Logger.LogWarning("Serial port {Device} went away during {Operation}", Device, operation);
            return new VisaException(StatusCode.ErrorConnectionLost,
                $"The serial port {Device} went away during {operation} (unplugged, or the program at the other end of a pty stopped){done}. Close the resource and open it again once the device is back.",
                operation, ResourceName, e);
        }
        return new VisaException(StatusCode.ErrorIO, $"{operation} on the serial port {Device} failed: {e.Message}{done}.", operation, ResourceName, e);
    }
}
