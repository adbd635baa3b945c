using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// The receive side of a serial port on Linux: a second descriptor on the device, read with <c>poll</c> and
/// <c>read</c>. System.IO.Ports reads through a background loop that hands each chunk over between threads; on a
/// loaded machine that capped a 1 MiB block at a tenth of what a plain read gets from the same pty. The port itself
/// (termios, modem lines, flushing) stays with <see cref="System.IO.Ports.SerialPort"/>, which shares the tty.
/// </summary>
internal sealed partial class UnixTtyReader : IDisposable
{
    private const int OpenReadWrite = 0x2;
    private const int OpenNoControllingTty = 0x100;
    private const int OpenNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const short PollIn = 0x1;
    private const short PollError = 0x8;
    private const short PollHangup = 0x10;
    private const int Interrupted = 4;
    private const int WouldBlock = 11;

    private int _fd;

    private UnixTtyReader(int fd) => _fd = fd;

    /// <summary>Opens <paramref name="path"/> for reading beside the port, or null where this does not apply (not Linux) or fails.</summary>
    public static UnixTtyReader? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return null;
        var fd = Open(path, OpenReadWrite | OpenNoControllingTty | OpenNonBlocking | OpenCloseOnExec);
        return fd < 0 ? null : new UnixTtyReader(fd);
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
        return PollThenRead(buffer, timeoutMs);
    }

    /// <summary>Waits for data at most <paramref name="timeoutMs"/>, then reads it; 0 when nothing came in time.</summary>
    private unsafe int PollThenRead(Span<byte> buffer, int timeoutMs)
    {
        var poll = new PollDescriptor { Fd = _fd, Events = PollIn };
        var ready = Poll(ref poll, 1, timeoutMs);
        if (ready < 0)
            return Marshal.GetLastPInvokeError() == Interrupted ? 0 : throw new IOException($"poll failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        if (ready == 0)
            return 0;
        if ((poll.Revents & PollIn) == 0 && (poll.Revents & (PollHangup | PollError)) != 0)
            throw new TtyHangupException("the device hung up");
        nint count;
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

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

/// <summary>The tty went away under a read: the other end of a pty closed, or the adapter was unplugged.</summary>
internal sealed class TtyHangupException(string message) : IOException(message);
