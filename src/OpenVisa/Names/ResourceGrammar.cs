namespace OpenVisa;

/// <summary>
/// The table of every interface type and class OpenVisa names understand, with the syntax of each as the VISA
/// specification (VPP-4.3 §4.3.1) writes it. Parsing, messages and <see cref="ResourceName.SyntaxOf"/> all read it.
/// </summary>
internal static class ResourceGrammar
{
    /// <summary>Every resource class VISA defines, to tell "wrong class for this interface" from "not a class at all".</summary>
    public static readonly IReadOnlySet<string> KnownClasses =
        new HashSet<string>(["INSTR", "INTFC", "SOCKET", "RAW", "MEMACC", "BACKPLANE", "SERVANT"], StringComparer.OrdinalIgnoreCase);

    private static readonly SequentialLayout NoFields = new();

    private static readonly FieldSpec LogicalAddress =
        FieldSpec.Mandatory("the VXI logical address", FieldParsers.Decimal(ResourceFieldNames.VxiLogicalAddress, "the VXI logical address", 0, 255));

    private static readonly FieldSpec OptionalLogicalAddress =
        FieldSpec.Optional("the VXI logical address", FieldParsers.Decimal(ResourceFieldNames.VxiLogicalAddress, "the VXI logical address", 0, 255), "0");

    private static readonly FieldSpec[] UsbFields =
    [
        FieldSpec.Mandatory("the manufacturer ID", FieldParsers.Hex16(ResourceFieldNames.ManufacturerId, "the manufacturer ID")),
        FieldSpec.Mandatory("the model code", FieldParsers.Hex16(ResourceFieldNames.ModelCode, "the model code")),
        FieldSpec.Mandatory("the serial number", FieldParsers.Text(ResourceFieldNames.SerialNumber, "the serial number")),
        FieldSpec.Optional("the USB interface number", FieldParsers.Decimal(ResourceFieldNames.UsbInterfaceNumber, "the USB interface number", 0, 255), "0"),
    ];

    private static readonly FieldSpec TcpipHost = FieldSpec.Mandatory("the host address", HostParser.Host(ResourceFieldNames.HostAddress, null));

    private static FieldSpec PortlessHost(string why) => FieldSpec.Mandatory("the host address", HostParser.Host(ResourceFieldNames.HostAddress, why));

    private static FieldSpec Port(bool required, string? defaultPort = null)
    {
        var parse = FieldParsers.Decimal(ResourceFieldNames.Port, "the port", 1, 65535);
        return required ? FieldSpec.Mandatory("the port", parse) : FieldSpec.Optional("the port", parse, defaultPort);
    }

    /// <summary>The interface types, longest prefix first so that <c>GPIB-VXI</c> is tried before <c>GPIB</c>.</summary>
    public static readonly IReadOnlyList<InterfaceGrammar> Interfaces = new InterfaceGrammar[]
    {
        new("GPIB", InterfaceType.Gpib, BoardKind.Number, "INSTR",
        [
            new("INSTR", "GPIB[board]::primary address[::secondary address][::INSTR]", new SequentialLayout(
                FieldSpec.Mandatory("the primary address", FieldParsers.Decimal(ResourceFieldNames.PrimaryAddress, "the primary address", 0, 30)),
                FieldSpec.Optional("the secondary address", FieldParsers.SecondaryAddress()))),
            new("INTFC", "GPIB[board]::INTFC", NoFields),
            new("SERVANT", "GPIB[board]::SERVANT", NoFields),
        ]),
        new("GPIB-VXI", InterfaceType.GpibVxi, BoardKind.Number, "INSTR",
        [
            new("INSTR", "GPIB-VXI[board]::VXI logical address[::INSTR]", new SequentialLayout(LogicalAddress)),
            new("MEMACC", "GPIB-VXI[board]::MEMACC", NoFields),
            new("BACKPLANE", "GPIB-VXI[board][::VXI logical address]::BACKPLANE", new SequentialLayout(OptionalLogicalAddress)),
        ]),
        new("VXI", InterfaceType.Vxi, BoardKind.Number, "INSTR",
        [
            new("INSTR", "VXI[board]::VXI logical address[::INSTR]", new SequentialLayout(LogicalAddress)),
            new("MEMACC", "VXI[board]::MEMACC", NoFields),
            new("BACKPLANE", "VXI[board][::VXI logical address]::BACKPLANE", new SequentialLayout(OptionalLogicalAddress)),
            new("SERVANT", "VXI[board]::SERVANT", NoFields),
        ]),
        new("PXI", InterfaceType.Pxi, BoardKind.Number, "INSTR",
        [
            new("INSTR", "PXI[bus]::device[::function][::INSTR] or PXI[interface]::bus-device[.function][::INSTR] or PXI[interface]::CHASSISn::SLOTm[::FUNCx][::INSTR]", new PxiInstrLayout()),
            new("MEMACC", "PXI[interface]::MEMACC", NoFields),
            new("BACKPLANE", "PXI[interface]::chassis number::BACKPLANE", new SequentialLayout(
                FieldSpec.Mandatory("the chassis number", FieldParsers.Decimal(ResourceFieldNames.Chassis, "the chassis number", 0, 65535)))),
        ]),
        new("TCPIP", InterfaceType.Tcpip, BoardKind.Number, "INSTR",
        [
            new("INSTR", "TCPIP[board]::host address[::LAN device name][::INSTR]", new SequentialLayout(
                TcpipHost,
                FieldSpec.Optional("the LAN device name", FieldParsers.LanDeviceName, "inst0"))),
            new("SOCKET", "TCPIP[board]::host address::port::SOCKET", new SequentialLayout(
                PortlessHost("a SOCKET name gives the port as its own part"),
                Port(required: true))),
        ]),
        new("USB", InterfaceType.Usb, BoardKind.Number, "INSTR",
        [
            new("INSTR", "USB[board]::manufacturer ID::model code::serial number[::USB interface number][::INSTR]", new SequentialLayout(UsbFields)),
            new("RAW", "USB[board]::manufacturer ID::model code::serial number[::USB interface number]::RAW", new SequentialLayout(UsbFields)),
        ]),
        new("ASRL", InterfaceType.Asrl, BoardKind.SerialPort, "INSTR",
        [
            new("INSTR", "ASRL[board][::INSTR] (board: a number, or a device such as /dev/ttyUSB0 or COM3)", NoFields),
        ]),
        new("VICP", InterfaceType.Vicp, BoardKind.OptionalNumber, "INSTR",
        [
            new("INSTR", "VICP[board]::host address[::INSTR]", new SequentialLayout(
                PortlessHost("VICP always uses port 1861"))),
        ]),
        new("PRLGX-TCPIP", InterfaceType.PrologixTcpip, BoardKind.Number, null,
        [
            new("INTFC", "PRLGX-TCPIP[board]::host address[::port]::INTFC", new SequentialLayout(
                PortlessHost("a PRLGX-TCPIP name gives the port as its own part"),
                Port(required: false, defaultPort: "1234"))),
        ]),
        new("PRLGX-ASRL", InterfaceType.PrologixAsrl, BoardKind.Number, null,
        [
            new("INTFC", "PRLGX-ASRL[board]::serial device::INTFC", new SequentialLayout(
                FieldSpec.Mandatory("the serial device", FieldParsers.Text(ResourceFieldNames.SerialDevice, "the serial device")))),
        ]),
        new("RSNRP", InterfaceType.Rsnrp, BoardKind.OptionalNumber, "INSTR",
        [
            new("INSTR", "RSNRP[board]::product ID::serial number[::INSTR]", new SequentialLayout(
                FieldSpec.Mandatory("the product ID", FieldParsers.Hex16(ResourceFieldNames.ModelCode, "the product ID")),
                FieldSpec.Mandatory("the serial number", FieldParsers.Text(ResourceFieldNames.SerialNumber, "the serial number")))),
        ]),
    }.OrderByDescending(g => g.Prefix.Length).ToArray();

    /// <summary>The interface types for messages, in the order users know them.</summary>
    public const string InterfaceList = "GPIB, GPIB-VXI, VXI, PXI, TCPIP, USB, ASRL, VICP, PRLGX-TCPIP, PRLGX-ASRL, RSNRP";

    /// <summary>The grammar whose prefix starts <paramref name="text"/> (any case), or null.</summary>
    public static InterfaceGrammar? FindByPrefix(string text) =>
        Interfaces.FirstOrDefault(g => text.StartsWith(g.Prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The grammar of <paramref name="type"/>, or null.</summary>
    public static InterfaceGrammar? Find(InterfaceType type) => Interfaces.FirstOrDefault(g => g.Type == type);
}
