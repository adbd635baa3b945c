namespace OpenVisa.Cli;

/// <summary>
/// Catches <c>-b sim</c> written for <c>-b @sim</c>. A spec without '@' names a native VISA library path (as in PyVISA),
/// so "sim" would reach the @ivi backend and fail with a message about a missing library file; when the text is the
/// name of an installed backend and no such file exists, the user almost surely forgot the '@'.
/// </summary>
internal static class BackendNameHint
{
    /// <summary>Throws a <see cref="UsageException"/> (exit 2) when <paramref name="spec"/> is a backend name without its '@'.</summary>
    public static void Check(string spec)
    {
        var text = spec.Trim();
        if (text.Length == 0 || text.Contains('@', StringComparison.Ordinal) || File.Exists(text))
            return;
        var backend = BackendRegistry.FindAll().FirstOrDefault(d => string.Equals(d.Name, text, StringComparison.OrdinalIgnoreCase));
        if (backend is not null)
            throw new UsageException($"--backend '{text}': did you mean @{backend.Name}? A backend name starts with '@'; without it the spec is read as the path of a native VISA library.");
    }
}
