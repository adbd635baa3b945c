namespace OpenVisa.Sim;

/// <summary>One command a simulated device answers, for listings.</summary>
/// <param name="Kind">What it is: "dialogue", "get frequency", "set frequency", "status register", "error queue", a profile entry's kind and effects …</param>
/// <param name="Query">The query or pattern as written.</param>
/// <param name="Reply">The reply as written (a format, a state path, an expression); null when the device replies nothing.</param>
public sealed record SimDialogueInfo(string Kind, string Query, string? Reply);

/// <summary>A device defined by a simulator file.</summary>
/// <param name="Name">The device's name (a pyvisa-sim device key, or a profile's model).</param>
/// <param name="File">The file defining it.</param>
/// <param name="Dialect">"pyvisa-sim" or "profile" (PyTestLab-style).</param>
/// <param name="Dialogues">The commands it answers.</param>
public sealed record SimDeviceInfo(string Name, string File, string Dialect, IReadOnlyList<SimDialogueInfo> Dialogues);

/// <summary>A resource a simulator file serves.</summary>
/// <param name="Name">The canonical resource name.</param>
/// <param name="Device">The device behind it.</param>
/// <param name="Dialect">"pyvisa-sim" or "profile".</param>
/// <param name="QueryTermination">What ends a message written to it, escaped (<c>\r\n</c>).</param>
/// <param name="ReplyTermination">What ends its replies, escaped.</param>
public sealed record SimResourceInfo(string Name, string Device, string Dialect, string QueryTermination, string ReplyTermination);

/// <summary>
/// What <see cref="SimFileChecker.Check(string)"/> found in a simulator file: the resources it serves, the devices and the commands
/// they answer, and every problem with its file, line and column.
/// </summary>
public sealed class SimCheckReport
{
    internal SimCheckReport(string file, IReadOnlyList<SimResourceInfo> resources, IReadOnlyList<SimDeviceInfo> devices, IReadOnlyList<SimProblem> problems)
    {
        File = file;
        Resources = resources;
        Devices = devices;
        Problems = problems;
    }

    /// <summary>The file checked.</summary>
    public string File { get; }

    /// <summary>The resources the file serves, in file order.</summary>
    public IReadOnlyList<SimResourceInfo> Resources { get; }

    /// <summary>The devices the file defines or names.</summary>
    public IReadOnlyList<SimDeviceInfo> Devices { get; }

    /// <summary>Every problem found, errors and warnings, in file order.</summary>
    public IReadOnlyList<SimProblem> Problems { get; }

    /// <summary>True when no problem is an error: the file loads.</summary>
    public bool IsValid => Problems.All(p => p.Severity != SimProblemSeverity.Error);

    /// <summary>The exit code <c>ovisa sim check</c> uses: 0 when the file loads (warnings only), 2 when it has an error.</summary>
    public int ExitCode => ExitCodeFor(strict: false);

    /// <summary>The exit code of <c>ovisa sim check</c>: 2 on an error, or with <paramref name="strict"/> on any warning too; else 0.</summary>
    public int ExitCodeFor(bool strict) => (strict ? Problems.Count == 0 : IsValid) ? 0 : 2;
}
