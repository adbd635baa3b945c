using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenVisa.Perf;

/// <summary>The machine and the settings the figures came from: the <c>machine</c> object of the JSON.</summary>
internal sealed record PerfMachine
{
    public required string Os { get; init; }

    public required string Cpu { get; init; }

    public required int LogicalCpus { get; init; }

    public required double MemoryGiB { get; init; }

    public required string Runtime { get; init; }

    public required string Ovisa { get; init; }

    public string? Python { get; init; }

    public string? Pyvisa { get; init; }

    public string? PyvisaPy { get; init; }

    public int? PinnedCpu { get; init; }

    /// <summary>The VISA library the <c>ivi</c> and <c>pyvisa-ivi</c> clients loaded, or null when they were not measured.</summary>
    public string? IviLibrary { get; init; }

    public required double Seconds { get; init; }

    public required int Rounds { get; init; }

    public required int BlockBytes { get; init; }

    public required IReadOnlyList<int> LoadClients { get; init; }

    public required string Date { get; init; }

    /// <summary>The 1-minute load average when the run started and when it ended: other work on the machine skews every figure.</summary>
    public required string LoadAverage { get; init; }

    public static PerfMachine Describe(PerfOptions options, PyvisaPy? pyvisa, string? loadBefore)
    {
        var assembly = typeof(PerfMachine).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
        var configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";
        return new PerfMachine
        {
            Os = RuntimeInformation.OSDescription,
            Cpu = CpuModel(),
            LogicalCpus = Environment.ProcessorCount,
            MemoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            Runtime = RuntimeInformation.FrameworkDescription,
            Ovisa = $"{version} ({configuration})",
            Python = pyvisa?.Python,
            Pyvisa = pyvisa?.PyvisaVersion,
            PyvisaPy = pyvisa?.PyvisaPyVersion,
            PinnedCpu = options.PinnedCpu,
            IviLibrary = options.IviLibrary,
            Seconds = options.Seconds,
            Rounds = options.Rounds,
            BlockBytes = options.BlockBytes,
            LoadClients = PerfDefaults.LoadLevels,
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            LoadAverage = $"{loadBefore ?? "?"} before, {LoadAverageNow() ?? "?"} after",
        };
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static string? LoadAverageNow()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // Fall through to the architecture.
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
