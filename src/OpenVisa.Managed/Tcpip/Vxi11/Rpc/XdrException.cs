namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// An XDR message (RFC 4506) could not be decoded: it ended early, a length was out of range, or a value was not one
/// the type allows. The message names the field and the offset, so a log line is enough to find the faulty peer.
/// </summary>
internal sealed class XdrException : Exception
{
    public XdrException(string message)
        : base(message)
    {
    }

    public XdrException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public XdrException()
        : base("The XDR data could not be decoded.")
    {
    }
}
