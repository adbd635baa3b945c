namespace OpenVisa.Instruments.Benches;

/// <summary>
/// Checks a bench instrument's address before anything is opened, so <c>ovisa bench check</c> catches a mistyped name
/// (<c>TCIP0::…</c>) instead of calling it valid. A name with <c>::</c> must be a VISA resource name (the core's parser
/// decides, with its message); the simulator's names and <c>@lamb</c>'s <c>LAMB::MODEL::INSTR</c> are the backends' own.
/// A name without <c>::</c> may be an alias the installed VISA knows (NI's and Keysight's alias files): a warning only.
/// </summary>
internal static class BenchAddresses
{
    /// <summary>The problem with <paramref name="address"/> (an optional <c>@backend</c> suffix allowed), or null when there is none.</summary>
    public static (bool IsError, string Message)? Check(string address)
    {
        if (BackendTypes.IsSimulatorAddress(address))
            return null;
        var (resource, _) = BackendTypes.SplitAddress(address);
        if (resource.StartsWith("LAMB::", StringComparison.OrdinalIgnoreCase))
            return null;
        if (!resource.Contains("::", StringComparison.Ordinal) && !resource.StartsWith("visa://", StringComparison.OrdinalIgnoreCase))
        {
            return (false, $"'{resource}' is not a VISA resource name; it is passed on as an alias, which only an installed VISA "
                + "with an alias file resolves. Write the resource name, e.g. TCPIP0::192.168.1.5::INSTR");
        }
        try
        {
            ResourceName.Parse(resource);
            return null;
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorInvalidResourceName)
        {
            // The parser's detail says which part is wrong and shows the syntax; the status prefix adds nothing here.
            return (true, e.Detail ?? e.Message);
        }
    }
}
