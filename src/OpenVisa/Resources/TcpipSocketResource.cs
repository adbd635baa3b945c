namespace OpenVisa;

/// <summary>A raw TCP socket instrument (`TCPIP::host::port::SOCKET`).</summary>
public class TcpipSocketResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal TcpipSocketResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
