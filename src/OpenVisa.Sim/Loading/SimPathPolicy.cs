namespace OpenVisa.Sim.Loading;

/// <summary>
/// Which files a simulator file may name (<c>filename:</c>, <c>profile:</c>, <c>binary:</c>): those inside the folder of
/// the file the user gave, and those inside the folders the user allowed (<c>--allow-path</c>,
/// <see cref="SimLibrary.AllowPathVariable"/>). Without this, a profile from elsewhere could serve any file of the
/// machine (<c>binary: /etc/passwd</c>, <c>../../.ssh/id_rsa</c>) to whoever queries the instrument.
/// </summary>
internal sealed class SimPathPolicy
{
    private readonly List<string> _folders = [];

    public SimPathPolicy(string rootFile, IEnumerable<string>? allowed)
    {
        if (!SimFiles.IsBundled(rootFile))
            _folders.Add(Folder(Path.GetDirectoryName(Path.GetFullPath(rootFile)) ?? "/"));
        foreach (var folder in allowed ?? [])
        {
            if (!string.IsNullOrWhiteSpace(folder))
                _folders.Add(Folder(Path.GetFullPath(folder.Trim())));
        }
    }

    /// <summary>The folders files may come from.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Null when <paramref name="path"/> may be read, else why not and what to do.</summary>
    public string? Refusal(string path)
    {
        if (SimFiles.IsBundled(path))
            return null;
        // GetFullPath removes '..', so "../x" and "/etc/passwd" are judged by where they really are.
        var full = Path.GetFullPath(path);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (_folders.Any(folder => full.StartsWith(folder, comparison)))
            return null;
        return $"'{path}' ({full}) is outside the folder of the simulator file ({(_folders.Count == 0 ? "none" : _folders[0])}), so it is not read; " +
               $"allow its folder with 'ovisa sim check --allow-path {Path.GetDirectoryName(full)}' or the {SimLibrary.AllowPathVariable} variable";
    }

    private static string Folder(string path) => Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;
}
