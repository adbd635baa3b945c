namespace OpenVisa;

/// <summary>
/// Where attributes apply: the (interface type, resource class) groups the attribute table refers to, and the
/// event groups for event attributes. Follows the VISA specification's resource tables (as PyVISA records them),
/// with GPIB-VXI beside VXI and R&amp;S NRP beside the other message-based instruments.
/// </summary>
/// <remarks>Every field is initialised here, in textual order, from earlier fields only.</remarks>
internal static class AttributeResources
{
    private const string Instr = "INSTR";
    private const string Intfc = "INTFC";
    private const string Socket = "SOCKET";
    private const string Raw = "RAW";
    private const string Memacc = "MEMACC";
    private const string Backplane = "BACKPLANE";
    private const string Servant = "SERVANT";

    /// <summary>Sessions that read and write messages, and whose reads can end on END.</summary>
    public static readonly (InterfaceType, string)[] MessageReads =
    [
        (InterfaceType.Gpib, Instr), (InterfaceType.Asrl, Instr), (InterfaceType.Tcpip, Instr), (InterfaceType.Tcpip, Socket),
        (InterfaceType.Usb, Instr), (InterfaceType.Usb, Raw), (InterfaceType.Vxi, Instr), (InterfaceType.GpibVxi, Instr),
        (InterfaceType.Vicp, Instr), (InterfaceType.Rsnrp, Instr),
        (InterfaceType.PrologixAsrl, Intfc), (InterfaceType.PrologixTcpip, Intfc),
    ];

    /// <summary>Every message-based session, including GPIB interfaces and VXI servants.</summary>
    public static readonly (InterfaceType, string)[] MessageBased =
        [.. MessageReads, (InterfaceType.Gpib, Intfc), (InterfaceType.Vxi, Servant)];

    /// <summary>Sessions that may use DMA.</summary>
    public static readonly (InterfaceType, string)[] Dma =
        [.. MessageBased, (InterfaceType.Pxi, Instr), (InterfaceType.Vxi, Memacc), (InterfaceType.GpibVxi, Memacc)];

    /// <summary>Sessions whose <c>viAssertTrigger</c> has a trigger line to choose.</summary>
    public static readonly (InterfaceType, string)[] Triggers =
    [
        (InterfaceType.Gpib, Instr), (InterfaceType.Gpib, Intfc), (InterfaceType.Asrl, Instr), (InterfaceType.Tcpip, Instr),
        (InterfaceType.Pxi, Instr), (InterfaceType.Pxi, Backplane), (InterfaceType.Vxi, Instr), (InterfaceType.Vxi, Backplane),
        (InterfaceType.Vxi, Servant), (InterfaceType.GpibVxi, Instr), (InterfaceType.GpibVxi, Backplane),
    ];

    /// <summary>Sessions with a 488-style status byte of their own (a controller or servant).</summary>
    public static readonly (InterfaceType, string)[] LocalStatusByte = [(InterfaceType.Gpib, Intfc), (InterfaceType.Vxi, Servant)];

    /// <summary>Network sessions with an IP address, host name and TCP options.</summary>
    public static readonly (InterfaceType, string)[] Network =
        [(InterfaceType.Tcpip, Instr), (InterfaceType.Tcpip, Socket), (InterfaceType.Vicp, Instr), (InterfaceType.PrologixTcpip, Intfc)];

    /// <summary>TCPIP INSTR (VXI-11 and HiSLIP).</summary>
    public static readonly (InterfaceType, string)[] TcpipInstr = [(InterfaceType.Tcpip, Instr)];

    /// <summary>TCPIP sessions that can run over TLS (VISA 7 secure connections).</summary>
    public static readonly (InterfaceType, string)[] TcpipSecure = [(InterfaceType.Tcpip, Instr), (InterfaceType.Tcpip, Socket)];

    /// <summary>GPIB devices and interfaces.</summary>
    public static readonly (InterfaceType, string)[] Gpib = [(InterfaceType.Gpib, Instr), (InterfaceType.Gpib, Intfc)];

    /// <summary>GPIB INSTR only.</summary>
    public static readonly (InterfaceType, string)[] GpibInstr = [(InterfaceType.Gpib, Instr)];

    /// <summary>GPIB INTFC only.</summary>
    public static readonly (InterfaceType, string)[] GpibInterface = [(InterfaceType.Gpib, Intfc)];

    /// <summary>Sessions with a GPIB address: GPIB, and the GPIB-VXI controller behind GPIB-VXI sessions.</summary>
    public static readonly (InterfaceType, string)[] GpibAddressed =
        [.. Gpib, (InterfaceType.GpibVxi, Instr), (InterfaceType.GpibVxi, Memacc), (InterfaceType.GpibVxi, Backplane)];

    /// <summary>Where the GPIB address can only be read: everywhere but the GPIB interface itself.</summary>
    public static readonly (InterfaceType, string)[] GpibAddressReadOnly =
        [(InterfaceType.Gpib, Instr), (InterfaceType.GpibVxi, Instr), (InterfaceType.GpibVxi, Memacc), (InterfaceType.GpibVxi, Backplane)];

    /// <summary>Serial ports, and Prologix adapters behind one.</summary>
    public static readonly (InterfaceType, string)[] Serial = [(InterfaceType.Asrl, Instr), (InterfaceType.PrologixAsrl, Intfc)];

    /// <summary>ASRL INSTR only (modem lines and NI serial extensions).</summary>
    public static readonly (InterfaceType, string)[] SerialPort = [(InterfaceType.Asrl, Instr)];

    /// <summary>USB INSTR and RAW.</summary>
    public static readonly (InterfaceType, string)[] Usb = [(InterfaceType.Usb, Instr), (InterfaceType.Usb, Raw)];

    /// <summary>USB RAW only.</summary>
    public static readonly (InterfaceType, string)[] UsbRaw = [(InterfaceType.Usb, Raw)];

    /// <summary>Devices that report a manufacturer and model code.</summary>
    public static readonly (InterfaceType, string)[] DeviceIds =
        [(InterfaceType.Pxi, Instr), (InterfaceType.Usb, Instr), (InterfaceType.Usb, Raw), (InterfaceType.Vxi, Instr), (InterfaceType.GpibVxi, Instr)];

    /// <summary>Devices and chassis that report manufacturer and model names.</summary>
    public static readonly (InterfaceType, string)[] DeviceNames = [.. DeviceIds, (InterfaceType.Pxi, Backplane)];

    /// <summary>Devices that can say whether they follow IEEE 488.2.</summary>
    public static readonly (InterfaceType, string)[] Ieee4882 = [(InterfaceType.Usb, Instr), (InterfaceType.Vxi, Instr), (InterfaceType.GpibVxi, Instr)];

    /// <summary>Devices in a numbered slot.</summary>
    public static readonly (InterfaceType, string)[] Slotted = [(InterfaceType.Pxi, Instr), (InterfaceType.Vxi, Instr), (InterfaceType.GpibVxi, Instr)];

    /// <summary>Register-based sessions with a mappable window and block moves.</summary>
    public static readonly (InterfaceType, string)[] Window =
    [
        (InterfaceType.Pxi, Instr), (InterfaceType.Pxi, Memacc), (InterfaceType.Vxi, Instr), (InterfaceType.Vxi, Memacc),
        (InterfaceType.GpibVxi, Instr), (InterfaceType.GpibVxi, Memacc),
    ];

    /// <summary>VXI register access with address modifiers and byte order.</summary>
    public static readonly (InterfaceType, string)[] VxiAccess =
        [(InterfaceType.Vxi, Instr), (InterfaceType.Vxi, Memacc), (InterfaceType.GpibVxi, Instr), (InterfaceType.GpibVxi, Memacc)];

    /// <summary>VXI INSTR only (fast data channels, trigger routing).</summary>
    public static readonly (InterfaceType, string)[] VxiInstrOnly = [(InterfaceType.Vxi, Instr)];

    /// <summary>VXI devices, directly or through a GPIB-VXI controller.</summary>
    public static readonly (InterfaceType, string)[] VxiDevice = [(InterfaceType.Vxi, Instr), (InterfaceType.GpibVxi, Instr)];

    /// <summary>VXI devices and mainframes.</summary>
    public static readonly (InterfaceType, string)[] VxiMainframe =
        [.. VxiDevice, (InterfaceType.Vxi, Backplane), (InterfaceType.GpibVxi, Backplane)];

    /// <summary>Sessions with a VXI logical address.</summary>
    public static readonly (InterfaceType, string)[] VxiAddressed =
        [.. VxiDevice, (InterfaceType.Vxi, Memacc), (InterfaceType.GpibVxi, Memacc), (InterfaceType.Vxi, Servant)];

    /// <summary>VXI devices and servants (commander, shared memory).</summary>
    public static readonly (InterfaceType, string)[] VxiDeviceOrServant = [.. VxiDevice, (InterfaceType.Vxi, Servant)];

    /// <summary>VXI mainframe backplanes.</summary>
    public static readonly (InterfaceType, string)[] VxiBackplane = [(InterfaceType.Vxi, Backplane), (InterfaceType.GpibVxi, Backplane)];

    /// <summary>VXI backplane only (interrupt and trigger line state).</summary>
    public static readonly (InterfaceType, string)[] VxiBackplaneOnly = [(InterfaceType.Vxi, Backplane)];

    /// <summary>PXI INSTR.</summary>
    public static readonly (InterfaceType, string)[] PxiInstr = [(InterfaceType.Pxi, Instr)];

    /// <summary>PXI devices and chassis backplanes.</summary>
    public static readonly (InterfaceType, string)[] PxiChassis = [(InterfaceType.Pxi, Instr), (InterfaceType.Pxi, Backplane)];

    /// <summary>PXI backplanes (trigger mapping).</summary>
    public static readonly (InterfaceType, string)[] PxiBackplane = [(InterfaceType.Pxi, Backplane)];

    /// <summary>Events reporting the end of an operation.</summary>
    public static readonly EventType[] Completions = [EventType.IOCompletion, EventType.Exception];

    /// <summary>Every event type this table knows.</summary>
    public static readonly EventType[] AllEvents =
    [
        EventType.IOCompletion, EventType.Trigger, EventType.ServiceRequest, EventType.Clear, EventType.Exception,
        EventType.GpibControllerInCharge, EventType.GpibTalk, EventType.GpibListen, EventType.VxiVmeSysfail,
        AttributeValueNames.VxiVmeSystemReset, EventType.VxiSignalInterrupt, AttributeValueNames.VxiVmeInterrupt,
        AttributeValueNames.PxiInterrupt, EventType.TcpipConnect, EventType.UsbInterrupt,
    ];
}
