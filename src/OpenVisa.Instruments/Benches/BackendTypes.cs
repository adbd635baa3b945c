namespace OpenVisa.Instruments.Benches;

/// <summary>Backend types as bench files name them, and the <see cref="ResourceManager"/> spec each stands for.</summary>
public static class BackendTypes
{
    /// <summary>The types with a meaning of their own, for messages.</summary>
    public const string Known = "sim, visa, managed, ivi, lamb";

    /// <summary>True for a type name (letters, digits, '-', '_') or a full spec containing '@'.</summary>
    public static bool IsValid(string type) =>
        !string.IsNullOrWhiteSpace(type)
        && (type.Contains('@', StringComparison.Ordinal) || type.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    /// <summary>True when <paramref name="type"/> means the simulator.</summary>
    public static bool IsSimulator(string type) =>
        string.Equals(type, "sim", StringComparison.OrdinalIgnoreCase)
        || type.EndsWith("@sim", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The spec for a type: <c>sim</c> → <c>profile@sim</c>; <c>visa</c> → the default backend; <c>managed</c>
    /// (also <c>py</c>) → <c>@managed</c>; <c>ivi</c> (also <c>ni</c>, <c>native</c>) → <c>@ivi</c>; a spec with '@' as it
    /// is; any other name → <c>@name</c> (a third-party backend).
    /// </summary>
    public static string ToSpec(string type, string? simProfile)
    {
        if (type.Contains('@', StringComparison.Ordinal))
            return type;
        return type.ToLowerInvariant() switch
        {
            "sim" => (simProfile ?? "") + "@sim",
            "visa" or "default" => BackendRegistry.DefaultSpec(),
            "managed" or "py" or "pyvisa-py" => "@managed",
            "ivi" or "ni" or "native" => "@ivi",
            var name => "@" + name,
        };
    }

    /// <summary>True when <paramref name="address"/> itself asks for the simulator: <c>sim</c>, <c>SIM::…</c> or <c>…@sim</c>.</summary>
    public static bool IsSimulatorAddress(string? address) =>
        address is not null
        && (string.Equals(address, "sim", StringComparison.OrdinalIgnoreCase)
            || address.StartsWith("SIM::", StringComparison.OrdinalIgnoreCase)
            || address.EndsWith("@sim", StringComparison.OrdinalIgnoreCase));

    /// <summary>Splits <c>TCPIP0::host::INSTR@managed</c> into the resource name and the backend name (null when none).</summary>
    public static (string Resource, string? Backend) SplitAddress(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? (address, null) : (address[..at], address[(at + 1)..]);
    }
}
