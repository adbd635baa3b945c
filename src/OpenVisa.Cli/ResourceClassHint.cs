namespace OpenVisa.Cli;

/// <summary>
/// Suggests the resource class a misspelled one was meant to be (<c>…::SOCKT</c> → SOCKET). The parser reports such a
/// name as having too many parts, which is true but does not point at the typo; the hint is only given when the
/// corrected name parses, so it never suggests something that fails too.
/// </summary>
internal static class ResourceClassHint
{
    private static readonly string[] Classes = ["INSTR", "SOCKET", "INTFC", "BACKPLANE", "SERVANT", "MEMACC", "RAW"];

    /// <summary>" Did you mean SOCKET (…::SOCKET)?" for a misspelled class in <paramref name="resourceName"/>, else empty.</summary>
    public static string For(string? resourceName)
    {
        if (string.IsNullOrWhiteSpace(resourceName))
            return "";
        var separator = resourceName.LastIndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
            return "";
        var last = resourceName[(separator + 2)..];
        // Two letters or fewer is too little to tell a typo from an address.
        if (last.Length < 3 || Classes.Contains(last, StringComparer.OrdinalIgnoreCase))
            return "";
        foreach (var candidate in Classes.OrderBy(c => EditDistance.Between(last.ToUpperInvariant(), c)))
        {
            if (EditDistance.Between(last.ToUpperInvariant(), candidate) > 2)
                break;
            var corrected = resourceName[..(separator + 2)] + candidate;
            if (ResourceName.TryParse(corrected, out _))
                return $" Did you mean {candidate} ({corrected})?";
        }
        return "";
    }
}
