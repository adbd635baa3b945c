namespace OpenVisa;

/// <summary>The VISA spelling of interface types in messages (GPIB, TCPIP, ASRL …).</summary>
internal static class InterfaceNames
{
    public static string Display(InterfaceType type) => type switch
    {
        InterfaceType.Gpib => "GPIB",
        InterfaceType.Vxi => "VXI",
        InterfaceType.GpibVxi => "GPIB-VXI",
        InterfaceType.Asrl => "ASRL",
        InterfaceType.Pxi => "PXI",
        InterfaceType.Tcpip => "TCPIP",
        InterfaceType.Usb => "USB",
        InterfaceType.Rsnrp => "RSNRP",
        InterfaceType.Vicp => "VICP",
        InterfaceType.PrologixAsrl => "PRLGX-ASRL",
        InterfaceType.PrologixTcpip => "PRLGX-TCPIP",
        _ => type.ToString().ToUpperInvariant(),
    };
}
