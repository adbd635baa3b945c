using OpenVisa.Managed.Serial;

namespace OpenVisa.Managed.Tests.Serial;

/// <summary>
/// A driver output queue that holds bytes back as a UART's does while flow control stops the line, for a session on a
/// pty: a pty never queues output (it hands each byte to its other end, or refuses it under XOFF), so its own count is
/// always 0. The real count is still asked on every look, so a pty that goes away is noticed as it would be on a UART.
/// </summary>
internal sealed class HeldOutputQueue(ISerialOutputQueue? real) : ISerialOutputQueue
{
    private int _held;
    private int _looks;
    private volatile bool _fifoHeld;

    /// <summary>How many times the session looked at the queue.</summary>
    public int Looks => Volatile.Read(ref _looks);

    /// <summary>Holds <paramref name="bytes"/> in the queue, as XOFF or an unasserted CTS would.</summary>
    public void Hold(int bytes) => Volatile.Write(ref _held, bytes);

    /// <summary>The driver's queue is empty but the UART's FIFO still holds bytes, as CTS dropping mid-FIFO leaves it.</summary>
    public void HoldInFifo() => _fifoHeld = true;

    /// <summary>The line is released and the held bytes go out.</summary>
    public void Release()
    {
        Volatile.Write(ref _held, 0);
        _fifoHeld = false;
    }

    public int QueuedBytes()
    {
        Interlocked.Increment(ref _looks);
        return (real?.QueuedBytes() ?? 0) + Volatile.Read(ref _held);
    }

    public bool? TransmitterEmpty() => _fifoHeld ? false : real?.TransmitterEmpty();

    /// <summary>Puts a held queue in front of the session behind <paramref name="port"/>.</summary>
    public static HeldOutputQueue On(SerialResource port)
    {
        var session = (SerialSession)((ManagedLibrary)port.Library).GetSession(port.Session);
        var queue = new HeldOutputQueue(session.OutputQueue);
        session.OutputQueue = queue;
        return queue;
    }
}
