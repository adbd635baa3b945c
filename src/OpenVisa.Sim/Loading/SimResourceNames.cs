namespace OpenVisa.Sim.Loading;

/// <summary>What the simulator needs from a resource name: its canonical form, interface, class and board.</summary>
internal readonly record struct SimResourceName(string Canonical, InterfaceType Interface, string ResourceClass, int Board);

/// <summary>
/// Canonicalises resource names through OpenVisa's resource-name parser, so <c>TCPIP::localhost::INSTR</c> in a file and
/// <c>TCPIP0::localhost::inst0::INSTR</c> in a program name the same instrument.
/// </summary>
internal static class SimResourceNames
{
    private static readonly string[] Classes = ["INSTR", "SOCKET", "RAW", "INTFC", "BACKPLANE", "MEMACC", "SERVANT"];

    public static bool TryDescribe(string name, out SimResourceName result, out string? error)
    {
        result = default;
        error = null;
        ResourceName parsed;
        try
        {
            parsed = ResourceName.Parse(name.Trim());
        }
        catch (Exception e) when (e is VisaException or FormatException or ArgumentException)
        {
            error = e is VisaException visa ? visa.Detail ?? visa.Message : e.Message;
            return false;
        }
        var type = parsed.InterfaceType;
        var board = parsed.BoardNumber ?? 0;
        if (type == InterfaceType.Unknown && !TryPrefix(parsed.Canonical, out type, out board))
        {
            error = $"'{name}' does not start with an interface type ({string.Join(", ", InterfaceNames.All)})";
            return false;
        }
        var resourceClass = Classes.Contains(parsed.ResourceClass, StringComparer.OrdinalIgnoreCase) ? parsed.ResourceClass.ToUpperInvariant() : "INSTR";
        result = new SimResourceName(parsed.Canonical, type, resourceClass, board);
        return true;
    }

    // The interface from the name's first letters when the parser does not say (ASRL1, GPIB0, USB0 …).
    private static bool TryPrefix(string name, out InterfaceType type, out int board)
    {
        board = 0;
        var first = name.Split("::")[0];
        var letters = first.TrimEnd("0123456789".ToCharArray());
        if (!int.TryParse(first.AsSpan(letters.Length), out board))
            board = 0;
        return InterfaceNames.TryParse(letters.Replace('-', '_'), out type);
    }
}
