namespace OpenVisa;

/// <summary>A raw TCP socket instrument (<c>TCPIP::host::port::SOCKET</c>).</summary>
public class TcpipSocketResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal TcpipSocketResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>The peer's address (<c>VI_ATTR_TCPIP_ADDR</c>).</summary>
    public string Address => GetAttribute<string>(VisaAttribute.TcpipAddress);

    /// <summary>The host name as given (<c>VI_ATTR_TCPIP_HOSTNAME</c>).</summary>
    public string HostName => GetAttribute<string>(VisaAttribute.TcpipHostname);

    /// <summary>The port (<c>VI_ATTR_TCPIP_PORT</c>).</summary>
    public int Port => GetAttribute<int>(VisaAttribute.TcpipPort);

    /// <summary>Nagle's algorithm off (<c>VI_ATTR_TCPIP_NODELAY</c>); on by default for low latency.</summary>
    public bool NoDelay
    {
        get => GetAttribute<bool>(VisaAttribute.TcpipNoDelay);
        set => SetAttribute(VisaAttribute.TcpipNoDelay, value);
    }

    /// <summary>TCP keep-alive probes (<c>VI_ATTR_TCPIP_KEEPALIVE</c>).</summary>
    public bool KeepAlive
    {
        get => GetAttribute<bool>(VisaAttribute.TcpipKeepAlive);
        set => SetAttribute(VisaAttribute.TcpipKeepAlive, value);
    }
}
