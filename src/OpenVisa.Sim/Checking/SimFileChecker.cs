using OpenVisa.Sim.Loading;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim;

/// <summary>
/// Checks a simulator file the way <c>ovisa sim check FILE</c> does: loads it (pyvisa-sim format or PyTestLab-style
/// profile, with the files it names), and reports its resources, its devices with the commands they answer, and every
/// problem with file, line and column: malformed YAML, unknown keys, an unsupported spec version, a setter pattern or
/// reply format that cannot work, a resource pointing at a device that does not exist, an expression that does not parse.
/// </summary>
public static class SimFileChecker
{
    /// <summary>Checks <paramref name="path"/>; never throws for a bad file (the problems say what is wrong).</summary>
    /// <param name="path">The file; <c>bundled:default.yaml</c> names a file bundled with the simulator.</param>
    public static SimCheckReport Check(string path) => Check(path, []);

    /// <summary>Checks <paramref name="path"/>, letting the files it names come from <paramref name="allowedFolders"/> as well as its own folder.</summary>
    /// <param name="path">The file; <c>bundled:default.yaml</c> names a file bundled with the simulator.</param>
    /// <param name="allowedFolders">Further folders files may be read from (the <c>--allow-path</c> option).</param>
    public static SimCheckReport Check(string path, IEnumerable<string> allowedFolders)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(allowedFolders);
        var catalog = SimCatalogLoader.Load(path, allowedFolders);
        var resources = catalog.Resources
            .Select(r => new SimResourceInfo(r.Name, r.Blueprint.Name, r.Blueprint.Dialect, SimText.Show(r.Eom.Query), SimText.Show(r.Eom.Reply)))
            .ToList();
        var devices = catalog.Devices
            .Select(d => new SimDeviceInfo(d.Name, d.File, d.Dialect, [.. d.Describe()]))
            .ToList();
        var problems = catalog.Problems
            .Select((p, index) => (p, index))
            .OrderBy(x => x.p.File == path ? 0 : 1)
            .ThenBy(x => x.p.File, StringComparer.Ordinal)
            .ThenBy(x => x.p.Line)
            .ThenBy(x => x.p.Column)
            .ThenBy(x => x.index)
            .Select(x => x.p)
            .ToList();
        return new SimCheckReport(path, resources, devices, problems);
    }
}
