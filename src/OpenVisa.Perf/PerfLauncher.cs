using System.Diagnostics;

namespace OpenVisa.Perf;

/// <summary>
/// How the harness starts its children: <c>ovisa</c> itself (the apphost, or <c>dotnet ovisa.dll</c>), optionally under
/// <c>taskset -c CPU</c> so client and server share one CPU.
/// </summary>
internal sealed record PerfLauncher
{
    private readonly string _file;
    private readonly string[] _prefix;

    private PerfLauncher(string file, string[] prefix)
    {
        _file = file;
        _prefix = prefix;
    }

    /// <summary>The CPU that pinned children share, or null to run everything unpinned.</summary>
    public int? PinnedCpu { get; init; }

    /// <summary>Finds how to run the <c>ovisa</c> assembly this code is in, from the harness or from a test host.</summary>
    public static PerfLauncher ForThisOvisa()
    {
        // The harness ships beside ovisa (its only user), so ovisa.dll is in this assembly's folder.
        var dll = Path.Combine(Path.GetDirectoryName(typeof(PerfLauncher).Assembly.Location) ?? AppContext.BaseDirectory, "ovisa.dll");
        var host = Environment.ProcessPath ?? "";
        var hostName = Path.GetFileNameWithoutExtension(host);
        if (hostName == "ovisa")
            return new PerfLauncher(host, []);
        var dotnet = hostName == "dotnet" ? host : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return new PerfLauncher(dotnet, [dll]);
    }

    /// <summary>True when <c>taskset</c> (util-linux) can pin processes here.</summary>
    public static bool CanPin => OperatingSystem.IsLinux() && PerfPaths.FindOnSystemPath("taskset") is not null;

    private static readonly string? Setsid = OperatingSystem.IsLinux() ? PerfPaths.FindOnSystemPath("setsid") : null;

    /// <summary>A start description for <c>ovisa</c> with <paramref name="arguments"/>, pinned when <paramref name="pinned"/>.</summary>
    public ProcessStartInfo Ovisa(IEnumerable<string> arguments, bool pinned) => Program(_file, [.. _prefix, .. arguments], pinned);

    /// <summary>A start description for any program, pinned when <paramref name="pinned"/>.</summary>
    public ProcessStartInfo Program(string file, IEnumerable<string> arguments, bool pinned)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // In a session of its own (setsid, util-linux), a child does not get the terminal's Ctrl-C: the harness stops on
        // it and ends its children quietly, where Python clients hit by the signal would print tracebacks.
        var programs = new List<string>();
        // Not for a program that is not there: setsid would start and fail later, where Start can no longer name it.
        if (Setsid is { } setsid && (!Path.IsPathRooted(file) || File.Exists(file)))
            programs.Add(setsid);
        if (pinned)
        {
            if (PinnedCpu is not { } cpu)
                throw new InvalidOperationException("A pinned child was asked for, but no CPU to pin to was chosen.");
            programs.AddRange([PerfPaths.FindOnSystemPath("taskset") ?? "taskset", "-c", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        programs.Add(file);
        info.FileName = programs[0];
        foreach (var program in programs.Skip(1))
            info.ArgumentList.Add(program);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Children must not log to stdout (it carries their JSON lines), and should run as the harness does.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }
}
