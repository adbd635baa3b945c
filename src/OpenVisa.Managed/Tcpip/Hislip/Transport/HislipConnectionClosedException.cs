namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The peer closed a HiSLIP channel (the TCP stream ended), possibly in the middle of a message.</summary>
internal sealed class HislipConnectionClosedException : IOException
{
    public HislipConnectionClosedException(string message, int missingHeaderBytes = 0)
        : base(message)
    {
        MissingHeaderBytes = missingHeaderBytes;
    }

    /// <summary>How many bytes of a started header never came; 0 when the stream ended between messages.</summary>
    public int MissingHeaderBytes { get; }
}
