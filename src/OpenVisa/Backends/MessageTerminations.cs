namespace OpenVisa;

/// <summary>The read and write terminations a message-based resource starts with.</summary>
/// <param name="Read">Ends each reply; null when the transport marks message ends itself (END, EOI, EOM).</param>
/// <param name="Write">Appended to each written message.</param>
public sealed record MessageTerminations(string? Read, string Write)
{
    /// <summary>
    /// The defaults when a backend says nothing: SOCKET and serial streams have no END, so replies end at
    /// <c>\n</c> (PyVISA leaves this unset, and a read then waits for its timeout: its most reported problem);
    /// VXI-11, HiSLIP, USBTMC and GPIB mark the end of each message, so no read termination is needed.
    /// </summary>
    public static MessageTerminations DefaultFor(InterfaceType interfaceType, string resourceClass) =>
        (interfaceType, resourceClass.ToUpperInvariant()) switch
        {
            (InterfaceType.Tcpip, "SOCKET") or (InterfaceType.Asrl, _) or (InterfaceType.PrologixAsrl or InterfaceType.PrologixTcpip, _) => new("\n", "\n"),
            _ => new(null, "\n"),
        };
}
