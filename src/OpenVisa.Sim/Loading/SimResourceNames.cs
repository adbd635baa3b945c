namespace OpenVisa.Sim.Loading;

/// <summary>What the simulator needs from a resource name: its canonical form, interface, class and board.</summary>
internal readonly record struct SimResourceName(string Canonical, InterfaceType Interface, string ResourceClass, int Board);

/// <summary>
/// Canonicalises resource names through OpenVisa's resource-name parser, so <c>TCPIP::localhost::INSTR</c> in a file and
/// <c>TCPIP0::localhost::inst0::INSTR</c> in a program name the same instrument.
/// </summary>
internal static class SimResourceNames
{
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
        result = new SimResourceName(parsed.Canonical, parsed.InterfaceType, parsed.ResourceClass.ToUpperInvariant(), parsed.BoardNumber ?? 0);
        return true;
    }
}
