using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// The data path of a serial port on Linux: a second, non-blocking descriptor on the device that sync reads and writes
/// use directly (<c>read</c>/<c>write</c>, and <c>poll</c> only when the device has nothing to give or no room to take).
/// </summary>
/// <remarks>
/// System.IO.Ports does every read and write, sync ones included, through a background I/O loop thread: the caller
/// queues the request and waits for that thread to pick it up. While the loop runs it wakes every millisecond (a
/// timed wait and a <c>FIONREAD</c>), and it keeps running for two seconds after the last request; on a loaded machine
/// that cost a tenth of a 1 MiB block's rate, and each write waited for the loop's next wake-up. The port itself
/// (termios, modem lines, discarding) stays with <see cref="System.IO.Ports.SerialPort"/>, which shares the tty, so flow
/// control set there still holds back these writes in the kernel. Draining the output is watched here too
/// (<see cref="QueuedBytes"/>, <see cref="TransmitterEmpty"/>): the port's own Flush is tcdrain, which has no timeout;
/// and breaks are set here (<see cref="SetBreak"/>), since the port's are a fixed 250 ms.
/// </remarks>
internal sealed partial class UnixTty : ISerialOutputQueue, IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNoControllingTty = 0x100;
    private const int OpenNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const short PollIn = 0x1;
    private const short PollOut = 0x4;
    private const short PollError = 0x8;
    private const short PollHangup = 0x10;
    private const int Interrupted = 4;
    private const int WouldBlock = 11;
    private const int NoSuchDevice = 19;
    private const int InputOutputError = 5;

    /// <summary><c>TIOCOUTQ</c>: the bytes in the driver's output queue. The asm-generic number, right for x64 and Arm64 (the only architectures this type opens on).</summary>
    private const nuint OutputQueueRequest = 0x5411;

    /// <summary><c>TIOCSERGETLSR</c>: the UART's line status; <c>TIOCSER_TEMT</c> (bit 0) set once the transmitter is empty.</summary>
    private const nuint LineStatusRequest = 0x5459;
    private const int TransmitterEmptyBit = 0x1;
    private const int NotATypewriter = 25;

    /// <summary><c>TIOCSBRK</c> and <c>TIOCCBRK</c>: the break on and off, for as long as the caller holds it.</summary>
    private const nuint BreakOnRequest = 0x5427;
    private const nuint BreakOffRequest = 0x5428;
    private const int InvalidArgument = 22;

    private int _fd;

    private UnixTty(int fd) => _fd = fd;

    /// <summary>Opens <paramref name="path"/> beside the port, or null where this does not apply (not Linux) or fails.</summary>
    public static UnixTty? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return null;
        var fd = Open(path, OpenReadWrite | OpenNoControllingTty | OpenNonBlocking | OpenCloseOnExec);
        return fd < 0 ? null : new UnixTty(fd);
    }

    /// <summary>
    /// Reads what has arrived, waiting at most <paramref name="timeoutMs"/> (-1 forever); 0 when nothing came in time.
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away (hung up, or reads fail with EIO).</exception>
    public unsafe int Read(Span<byte> buffer, int timeoutMs)
    {
        // The descriptor does not block, so a read is tried first: while data streams in (a block's payload) it is there
        // already, and the poll that would only say so is a system call per chunk saved. Poll only when nothing is.
        nint count;
        fixed (byte* p = buffer)
            count = ReadBytes(_fd, p, buffer.Length);
        if (count > 0)
            return (int)count;
        if (count == 0)
            throw new TtyHangupException("the device reported end of file");
        var first = Marshal.GetLastPInvokeError();
        if (first is not (WouldBlock or Interrupted))
            throw new TtyHangupException($"read failed: {Marshal.GetPInvokeErrorMessage(first)}");
        if (!WaitFor(PollIn, timeoutMs))
            return 0;
        fixed (byte* p = buffer)
            count = ReadBytes(_fd, p, buffer.Length);
        if (count > 0)
            return (int)count;
        if (count == 0)
            throw new TtyHangupException("the device reported end of file");
        var errno = Marshal.GetLastPInvokeError();
        if (errno is WouldBlock or Interrupted)
            return 0;
        throw new TtyHangupException($"read failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>
    /// Hands the driver as much of <paramref name="data"/> as it takes, waiting at most <paramref name="timeoutMs"/>
    /// (-1 forever) for room; 0 when it took nothing in time (a full output queue, or flow control holding the line).
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away (hung up, or writes fail with EIO).</exception>
    public unsafe int Write(ReadOnlySpan<byte> data, int timeoutMs)
    {
        if (data.IsEmpty)
            return 0;
        // Tried first for the same reason as reads: a command fits the driver's queue at once, so no poll is needed.
        var written = TryWrite(data);
        if (written != 0 || !WaitFor(PollOut, timeoutMs))
            return written;
        return TryWrite(data);
    }

    /// <summary>One <c>write</c>; 0 when the driver has no room (or a signal interrupted it).</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> data)
    {
        nint count;
        fixed (byte* p = data)
            count = WriteBytes(_fd, p, data.Length);
        if (count >= 0)
            return (int)count;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is WouldBlock or Interrupted)
            return 0;
        throw new TtyHangupException($"write failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>
    /// The bytes the driver still holds for sending (<c>TIOCOUTQ</c>): those a UART's flow control keeps back, not yet
    /// those in the chip's own FIFO. A pty always says 0: it passes each byte to its other end at once, or refuses it.
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away (the ioctl fails with EIO or ENODEV).</exception>
    public unsafe int QueuedBytes()
    {
        int queued;
        if (Ioctl(_fd, OutputQueueRequest, &queued) == 0)
            return queued;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is InputOutputError or NoSuchDevice)
            throw new TtyHangupException($"TIOCOUTQ failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        throw new IOException($"asking the driver how many bytes wait to be sent (TIOCOUTQ) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>
    /// Whether the UART has sent its last bit (<c>TIOCSERGETLSR</c>): after the queue empties, up to a FIFO's worth
    /// (16 bytes on a 16550) is still on its way. Null where the driver does not say (ENOTTY: a pty, most USB adapters).
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away.</exception>
    public unsafe bool? TransmitterEmpty()
    {
        int status;
        if (Ioctl(_fd, LineStatusRequest, &status) == 0)
            return (status & TransmitterEmptyBit) != 0;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is NotATypewriter or InvalidArgument)
            return null;
        if (errno is InputOutputError or NoSuchDevice)
            throw new TtyHangupException($"TIOCSERGETLSR failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        throw new IOException($"asking the UART whether it has sent its last byte (TIOCSERGETLSR) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>
    /// Puts the transmit line in break (<c>TIOCSBRK</c>) or takes it out (<c>TIOCCBRK</c>). System.IO.Ports' BreakState
    /// is <c>tcsendbreak(fd, 0)</c> on Unix, a fixed 250 ms pulse, so VI_ATTR_ASRL_BREAK_LEN could not set the length.
    /// The kernel waits for the output to drain before a break starts; callers drain first, within their timeout.
    /// A pty has no break and takes both as no-ops.
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away.</exception>
    public unsafe void SetBreak(bool on)
    {
        if (Ioctl(_fd, on ? BreakOnRequest : BreakOffRequest, null) == 0)
            return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is InputOutputError or NoSuchDevice)
            throw new TtyHangupException($"{(on ? "TIOCSBRK" : "TIOCCBRK")} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        throw new IOException($"turning the break {(on ? "on" : "off")} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Waits until the device can be read or written (<paramref name="events"/>); false when the time ran out first.</summary>
    private bool WaitFor(short events, int timeoutMs)
    {
        var poll = new PollDescriptor { Fd = _fd, Events = events };
        var ready = Poll(ref poll, 1, timeoutMs);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == Interrupted ? false : throw new IOException($"poll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        if (ready == 0)
            return false;
        if ((poll.Revents & events) == 0 && (poll.Revents & (PollHangup | PollError)) != 0)
            throw new TtyHangupException("the device hung up");
        return true;
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            Close(fd);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadBytes(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteBytes(int fd, byte* buffer, nint count);

    // ioctl is variadic; on x64 and Arm64 Linux a pointer after the fixed arguments is passed as a plain one would be.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int Ioctl(int fd, nuint request, int* value);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

/// <summary>The tty went away under a read or write: the other end of a pty closed, or the adapter was unplugged.</summary>
internal sealed class TtyHangupException(string message) : IOException(message);
