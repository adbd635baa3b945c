namespace OpenVisa.Sim.Loading;

/// <summary>The interface-type names a pyvisa-sim <c>eom</c> key may use, as PyVISA's <c>InterfaceType</c> members.</summary>
internal static class InterfaceNames
{
    private static readonly Dictionary<string, InterfaceType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GPIB"] = InterfaceType.Gpib,
        ["VXI"] = InterfaceType.Vxi,
        ["GPIB_VXI"] = InterfaceType.GpibVxi,
        ["GPIB-VXI"] = InterfaceType.GpibVxi,
        ["ASRL"] = InterfaceType.Asrl,
        ["PXI"] = InterfaceType.Pxi,
        ["TCPIP"] = InterfaceType.Tcpip,
        ["USB"] = InterfaceType.Usb,
        ["RSNRP"] = InterfaceType.Rsnrp,
        ["VICP"] = InterfaceType.Vicp,
        ["PRLGX_ASRL"] = InterfaceType.PrologixAsrl,
        ["PRLGX-ASRL"] = InterfaceType.PrologixAsrl,
        ["PRLGX_TCPIP"] = InterfaceType.PrologixTcpip,
        ["PRLGX-TCPIP"] = InterfaceType.PrologixTcpip,
    };

    public static IEnumerable<string> All => ByName.Keys.Where(k => !k.Contains('-', StringComparison.Ordinal));

    public static bool TryParse(string name, out InterfaceType type) => ByName.TryGetValue(name, out type);

    /// <summary>The name a resource name starts with for <paramref name="type"/>, e.g. ASRL.</summary>
    public static string NameOf(InterfaceType type) => type switch
    {
        InterfaceType.GpibVxi => "GPIB-VXI",
        InterfaceType.PrologixAsrl => "PRLGX-ASRL",
        InterfaceType.PrologixTcpip => "PRLGX-TCPIP",
        _ => type.ToString().ToUpperInvariant(),
    };
}
