namespace OpenVisa;

/// <summary>Chooses the resource type for an (interface type, resource class) pair, as PyVISA's registry does.</summary>
internal static class ResourceTypes
{
    public static Resource Create(ResourceManager manager, int session, ResourceInfo info) =>
        (info.InterfaceType, info.ResourceClass.ToUpperInvariant()) switch
        {
            (InterfaceType.Tcpip, "SOCKET") => new TcpipSocketResource(manager, session, info),
            (InterfaceType.Tcpip, "INSTR") => new TcpipInstrResource(manager, session, info),
            (InterfaceType.Asrl, "INSTR") => new SerialResource(manager, session, info),
            (InterfaceType.Usb, "INSTR") => new UsbInstrResource(manager, session, info),
            (InterfaceType.Usb, "RAW") => new UsbRawResource(manager, session, info),
            (InterfaceType.Gpib, "INSTR") => new GpibInstrResource(manager, session, info),
            (InterfaceType.Gpib, "INTFC") => new GpibInterfaceResource(manager, session, info),
            (InterfaceType.Vicp, "INSTR") => new VicpResource(manager, session, info),
            (InterfaceType.Rsnrp, "INSTR") => new MessageBasedResource(manager, session, info),
            (InterfaceType.PrologixTcpip or InterfaceType.PrologixAsrl, "INTFC") => new MessageBasedResource(manager, session, info),
            (InterfaceType.Vxi or InterfaceType.GpibVxi or InterfaceType.Pxi, "INSTR") => new RegisterBasedResource(manager, session, info),
            (InterfaceType.Vxi or InterfaceType.Pxi, "MEMACC" or "BACKPLANE") => new RegisterBasedResource(manager, session, info),
            _ => new Resource(manager, session, info),
        };
}
