namespace OpenVisa;

/// <summary>A LAN instrument over VXI-11 or HiSLIP (`TCPIP::host[::device]::INSTR`).</summary>
public class TcpipInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal TcpipInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
