namespace OpenVisa.Lamb;

/// <summary>
/// <c>LAMB::MODEL[::SERIAL]::INSTR</c>: an instrument named by its <c>*IDN?</c> model and serial, which the server
/// resolves to its resource string through <c>POST /add</c>, as PyTestLab's <c>LambBackend</c> does for a profile
/// without an address.
/// </summary>
public static class LambResourceNames
{
    /// <summary>The prefix of such names.</summary>
    public const string Prefix = "LAMB::";

    /// <summary>True when <paramref name="name"/> is a <c>LAMB::</c> name; <paramref name="model"/> and <paramref name="serial"/> are its parts.</summary>
    public static bool TryParse(string name, out string model, out string? serial)
    {
        model = "";
        serial = null;
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var parts = name[Prefix.Length..].Split("::");
        if (parts.Length > 0 && string.Equals(parts[^1], "INSTR", StringComparison.OrdinalIgnoreCase))
            parts = parts[..^1];
        if (parts.Length is 0 or > 2 || parts.Any(p => p.Trim().Length == 0))
            return false;
        model = parts[0].Trim();
        serial = parts.Length == 2 ? parts[1].Trim() : null;
        return true;
    }
}
