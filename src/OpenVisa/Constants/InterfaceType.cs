namespace OpenVisa;

/// <summary>The hardware interface of a resource (<c>VI_ATTR_INTF_TYPE</c>), with VISA's numeric values.</summary>
public enum InterfaceType
{
    /// <summary>Not known (a name that did not parse).</summary>
    Unknown = -1,
    /// <summary>GPIB (IEEE 488).</summary>
    Gpib = 1,
    /// <summary>VXI, through an embedded or MXIbus controller.</summary>
    Vxi = 2,
    /// <summary>VXI through a GPIB-VXI controller.</summary>
    GpibVxi = 3,
    /// <summary>Serial (ASRL).</summary>
    Asrl = 4,
    /// <summary>PXI.</summary>
    Pxi = 5,
    /// <summary>TCP/IP: VXI-11, HiSLIP and raw sockets.</summary>
    Tcpip = 6,
    /// <summary>USB (USBTMC and raw).</summary>
    Usb = 7,
    /// <summary>Rohde &amp; Schwarz NRP power sensors.</summary>
    Rsnrp = 33024,
    /// <summary>Teledyne LeCroy VICP.</summary>
    Vicp = 36000,
    /// <summary>Prologix GPIB adapter over serial.</summary>
    PrologixAsrl = 34567,
    /// <summary>Prologix GPIB adapter over TCP/IP.</summary>
    PrologixTcpip = 76543,
}
