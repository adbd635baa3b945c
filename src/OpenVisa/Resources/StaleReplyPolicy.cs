namespace OpenVisa;

/// <summary>
/// What a <see cref="MessageBasedResource"/> does before the next write after a read or write timed out or was
/// cancelled, when its transport cannot tell a late reply from the answer to the next query (SOCKET, serial, GPIB,
/// VXI-11 servers that keep unread replies). HiSLIP in synchronized mode matches replies by message id and needs none.
/// </summary>
public enum StaleReplyPolicy
{
    /// <summary>
    /// The default: send <c>*OPC?</c> and discard every reply up to its <c>1</c>, so a late reply to the timed-out query
    /// is dropped whether it arrived already or comes later. When the first reply is already a <c>1</c> (it could be the
    /// late reply itself), an <c>*IDN?</c> settles which it was. Needs an instrument that understands IEEE 488.2 common
    /// commands; if it does not answer, the write fails with a message that says so and nothing is sent.
    /// </summary>
    Resynchronize,

    /// <summary>
    /// Discard whatever has arrived by the time of the next write (<c>viFlush</c> of the read buffer), without sending
    /// anything. For instruments that do not speak IEEE 488.2; a reply that arrives after that write is still read as the
    /// next query's answer.
    /// </summary>
    DiscardArrived,

    /// <summary>Do nothing, as PyVISA does: a late reply becomes the answer to the next query.</summary>
    Ignore,
}
