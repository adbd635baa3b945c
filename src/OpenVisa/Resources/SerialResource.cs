namespace OpenVisa;

/// <summary>A serial instrument (<c>ASRL…::INSTR</c>): framing, flow control and line states as typed properties.</summary>
public class SerialResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal SerialResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>Baud rate (<c>VI_ATTR_ASRL_BAUD</c>), default 9600.</summary>
    public int BaudRate
    {
        get => GetAttribute<int>(VisaAttribute.AsrlBaudRate);
        set => SetAttributeValue(VisaAttribute.AsrlBaudRate, value);
    }

    /// <summary>Data bits, 5 to 8 (<c>VI_ATTR_ASRL_DATA_BITS</c>).</summary>
    public int DataBits
    {
        get => GetAttribute<int>(VisaAttribute.AsrlDataBits);
        set => SetAttributeValue(VisaAttribute.AsrlDataBits, value);
    }

    /// <summary>Parity (<c>VI_ATTR_ASRL_PARITY</c>).</summary>
    public SerialParity Parity
    {
        get => GetAttribute<SerialParity>(VisaAttribute.AsrlParity);
        set => SetAttributeValue(VisaAttribute.AsrlParity, (int)value);
    }

    /// <summary>Stop bits (<c>VI_ATTR_ASRL_STOP_BITS</c>).</summary>
    public SerialStopBits StopBits
    {
        get => GetAttribute<SerialStopBits>(VisaAttribute.AsrlStopBits);
        set => SetAttributeValue(VisaAttribute.AsrlStopBits, (int)value);
    }

    /// <summary>Flow control (<c>VI_ATTR_ASRL_FLOW_CNTRL</c>).</summary>
    public SerialFlowControl FlowControl
    {
        get => GetAttribute<SerialFlowControl>(VisaAttribute.AsrlFlowControl);
        set => SetAttributeValue(VisaAttribute.AsrlFlowControl, (int)value);
    }

    /// <summary>How reads end (<c>VI_ATTR_ASRL_END_IN</c>), default at the termination character.</summary>
    public SerialTermination EndInput
    {
        get => GetAttribute<SerialTermination>(VisaAttribute.AsrlEndIn);
        set => SetAttributeValue(VisaAttribute.AsrlEndIn, (int)value);
    }

    /// <summary>How writes end (<c>VI_ATTR_ASRL_END_OUT</c>), default nothing added.</summary>
    public SerialTermination EndOutput
    {
        get => GetAttribute<SerialTermination>(VisaAttribute.AsrlEndOut);
        set => SetAttributeValue(VisaAttribute.AsrlEndOut, (int)value);
    }

    /// <summary>Bytes waiting in the receive buffer (<c>VI_ATTR_ASRL_AVAIL_NUM</c>).</summary>
    public int BytesInBuffer => GetAttribute<int>(VisaAttribute.AsrlAvailableBytes);
}
