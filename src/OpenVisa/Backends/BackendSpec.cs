namespace OpenVisa;

/// <summary>A backend spec split as PyVISA does: <c>argument@name</c>, on the last <c>@</c>.</summary>
/// <param name="Argument">What the backend gets: a library path, a simulator file, or empty.</param>
/// <param name="Name">The backend name, lower case; empty when the spec named none.</param>
public readonly record struct BackendSpec(string Argument, string Name)
{
    /// <summary>Splits <paramref name="spec"/> on its last <c>@</c>; a spec without one is all argument.</summary>
    public static BackendSpec Parse(string? spec)
    {
        spec = (spec ?? "").Trim();
        var at = spec.LastIndexOf('@');
        return at < 0
            ? new BackendSpec(spec, "")
            : new BackendSpec(spec[..at], spec[(at + 1)..].Trim().ToLowerInvariant());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Argument}@{Name}";
}
