namespace OpenVisa;

/// <summary>The type of a value in an attribute expression.</summary>
internal enum ExpressionValueKind
{
    /// <summary>An integer (held as <see cref="long"/>).</summary>
    Integer,

    /// <summary>A string, compared ignoring case.</summary>
    String,
}

/// <summary>An attribute a pattern's <c>{…}</c> expression can test, read from the resource name alone.</summary>
/// <param name="Name">The VISA name, e.g. <c>VI_ATTR_INTF_NUM</c>.</param>
/// <param name="Kind">Its value type.</param>
/// <param name="Read">Its value for a name (a <see cref="long"/> or a <see cref="string"/>), or null when the name does not carry it.</param>
internal sealed record PatternAttribute(string Name, ExpressionValueKind Kind, Func<ResourceName, object?> Read);

/// <summary>
/// The attributes and named constants an attribute expression understands. Values come from the name, never from
/// opening the resource, so an attribute the name does not carry (<c>VI_ATTR_MANF_ID</c> of a GPIB name) has no
/// value and every comparison with it is false. <c>VI_ATTR_TCPIP_ADDR</c> and <c>VI_ATTR_TCPIP_HOSTNAME</c> are both
/// the host as written in the name.
/// </summary>
internal static class PatternAttributes
{
    /// <summary>VISA's "no secondary address" value of <c>VI_ATTR_GPIB_SECONDARY_ADDR</c>.</summary>
    public const long NoSecondaryAddress = 0xFFFF;

    private static readonly Dictionary<string, PatternAttribute> ByName = new PatternAttribute[]
    {
        Integer("VI_ATTR_INTF_NUM", n => n.BoardNumber),
        Integer("VI_ATTR_INTF_TYPE", n => (int)n.InterfaceType),
        Text("VI_ATTR_RSRC_CLASS", n => n.ResourceClass),
        Text("VI_ATTR_RSRC_NAME", n => n.Canonical),
        Integer("VI_ATTR_MANF_ID", n => n.ManufacturerId),
        Integer("VI_ATTR_MODEL_CODE", n => n.ModelCode),
        Text("VI_ATTR_USB_SERIAL_NUM", n => n.InterfaceType == InterfaceType.Usb ? n.SerialNumber : null),
        Integer("VI_ATTR_USB_INTFC_NUM", n => n.UsbInterfaceNumber),
        Text("VI_ATTR_TCPIP_ADDR", n => n.HostAddress),
        Text("VI_ATTR_TCPIP_HOSTNAME", n => n.HostAddress),
        Text("VI_ATTR_TCPIP_DEVICE_NAME", n => n.LanDeviceName),
        Integer("VI_ATTR_TCPIP_PORT", n => n.Port ?? (n.IsHislip ? n.HislipPort ?? ResourceName.DefaultHislipPort : null)),
        Integer("VI_ATTR_TCPIP_IS_HISLIP", n => n.InterfaceType == InterfaceType.Tcpip && n.ResourceClass == "INSTR" ? (n.IsHislip ? 1 : 0) : null),
        Integer("VI_ATTR_GPIB_PRIMARY_ADDR", n => n.PrimaryAddress),
        Integer("VI_ATTR_GPIB_SECONDARY_ADDR", n => n.PrimaryAddress is null ? null : n.SecondaryAddress ?? NoSecondaryAddress),
        Integer("VI_ATTR_PXI_CHASSIS", n => n.Chassis),
        Integer("VI_ATTR_PXI_BUS_NUM", n => n.PxiBus),
        Integer("VI_ATTR_PXI_DEV_NUM", n => n.PxiDevice),
        Integer("VI_ATTR_PXI_FUNC_NUM", n => n.PxiFunction),
        Integer("VI_ATTR_SLOT", n => n.Slot),
        Integer("VI_ATTR_VXI_LA", n => n.VxiLogicalAddress),
        Integer("VI_ATTR_MAINFRAME_LA", n => n.ResourceClass == "BACKPLANE" ? n.VxiLogicalAddress : null),
    }.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, long> Constants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VI_INTF_GPIB"] = (int)InterfaceType.Gpib,
        ["VI_INTF_VXI"] = (int)InterfaceType.Vxi,
        ["VI_INTF_GPIB_VXI"] = (int)InterfaceType.GpibVxi,
        ["VI_INTF_ASRL"] = (int)InterfaceType.Asrl,
        ["VI_INTF_PXI"] = (int)InterfaceType.Pxi,
        ["VI_INTF_TCPIP"] = (int)InterfaceType.Tcpip,
        ["VI_INTF_USB"] = (int)InterfaceType.Usb,
        ["VI_INTF_RSNRP"] = (int)InterfaceType.Rsnrp,
        ["VI_INTF_VICP"] = (int)InterfaceType.Vicp,
        ["VI_NO_SEC_ADDR"] = NoSecondaryAddress,
        ["VI_TRUE"] = 1,
        ["VI_FALSE"] = 0,
    };

    /// <summary>The attribute names, for messages.</summary>
    public static string List => string.Join(", ", ByName.Keys);

    /// <summary>The attribute called <paramref name="name"/> (any case), or null.</summary>
    public static PatternAttribute? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The value of the named constant <paramref name="name"/> (<c>VI_INTF_USB</c>, <c>VI_NO_SEC_ADDR</c> …), if it is one.</summary>
    public static bool TryGetConstant(string name, out long value) => Constants.TryGetValue(name, out value);

    private static PatternAttribute Integer(string name, Func<ResourceName, long?> read) =>
        new(name, ExpressionValueKind.Integer, n => read(n) is { } v ? v : null);

    private static PatternAttribute Text(string name, Func<ResourceName, string?> read) =>
        new(name, ExpressionValueKind.String, read);
}
