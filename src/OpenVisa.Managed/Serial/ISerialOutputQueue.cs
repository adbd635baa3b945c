namespace OpenVisa.Managed.Serial;

/// <summary>
/// The bytes a serial driver has taken from writes but not yet sent on the line: what a flush, or a write that ends
/// with a break, waits for. Flow control (XOFF received, CTS unasserted) keeps them there.
/// </summary>
/// <remarks>
/// An interface so the session's bounded drain can be tested on a pty: a pty hands every byte straight to its other
/// end and so never reports one queued, even while XOFF holds its writes back; a test stands in a queue that holds.
/// </remarks>
internal interface ISerialOutputQueue
{
    /// <summary>How many bytes wait in the driver's output queue now.</summary>
    /// <exception cref="TtyHangupException">The device went away.</exception>
    /// <exception cref="IOException">The driver could not tell.</exception>
    int QueuedBytes();

    /// <summary>
    /// Whether the transmitter has sent its last bit once the queue is empty: false while the UART's FIFO or shift register
    /// still holds bytes, null where the driver does not tell (a pty, most USB adapters).
    /// </summary>
    /// <exception cref="TtyHangupException">The device went away.</exception>
    /// <exception cref="IOException">The driver failed to answer.</exception>
    bool? TransmitterEmpty();
}
