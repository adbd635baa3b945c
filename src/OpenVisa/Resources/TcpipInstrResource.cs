namespace OpenVisa;

/// <summary>A LAN instrument over VXI-11 or HiSLIP (<c>TCPIP::host[::device]::INSTR</c>).</summary>
public class TcpipInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal TcpipInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>The peer's address (<c>VI_ATTR_TCPIP_ADDR</c>).</summary>
    public string Address => GetAttribute<string>(VisaAttribute.TcpipAddress);

    /// <summary>The host name as given (<c>VI_ATTR_TCPIP_HOSTNAME</c>).</summary>
    public string HostName => GetAttribute<string>(VisaAttribute.TcpipHostname);

    /// <summary>The LAN device name: <c>inst0</c>, <c>gpib0,5</c>, <c>hislip0</c> (<c>VI_ATTR_TCPIP_DEVICE_NAME</c>).</summary>
    public string DeviceName => GetAttribute<string>(VisaAttribute.TcpipDeviceName);

    /// <summary>True for HiSLIP, false for VXI-11 (<c>VI_ATTR_TCPIP_IS_HISLIP</c>).</summary>
    public bool IsHislip => GetAttribute<bool>(VisaAttribute.TcpipIsHislip);

    /// <summary>HiSLIP overlapped mode (<c>VI_ATTR_TCPIP_HISLIP_OVERLAP_EN</c>).</summary>
    public bool HislipOverlapEnabled
    {
        get => GetAttribute<bool>(VisaAttribute.TcpipHislipOverlapEnabled);
        set => SetAttribute(VisaAttribute.TcpipHislipOverlapEnabled, value);
    }

    /// <summary>Sends remote/local commands (VXI-11 device_remote/local, HiSLIP RemoteLocalControl).</summary>
    public void ControlRen(RenMode mode) => Run(nameof(ControlRen), () => Library.GpibControlRen(Session, mode));
}
