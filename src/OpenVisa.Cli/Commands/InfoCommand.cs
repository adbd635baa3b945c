using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa info</c>: version, runtime, OS, and every backend found with its debug info (like <c>pyvisa-info</c>).</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("info", "Show version, runtime, OS and every backend found with its debug info");
        command.SetAction(_ => Run(context));
        return command;
    }

    private static int Run(CliContext context)
    {
        var report = new InfoReport(
            Version: typeof(VisaLibrary).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
            Runtime: RuntimeInformation.FrameworkDescription,
            Os: RuntimeInformation.OSDescription,
            Architecture: RuntimeInformation.ProcessArchitecture.ToString(),
            DefaultBackend: BackendRegistry.DefaultSpec(),
            Backends: [.. BackendRegistry.FindAll().Select(Describe)]);
        if (context.Json)
        {
            context.WriteJson(report);
            return CliApp.Ok;
        }
        var o = context.Out;
        o.WriteLine($"OpenVisa {report.Version}");
        o.WriteLine($"Runtime: {report.Runtime} ({report.Architecture})");
        o.WriteLine($"OS: {report.Os}");
        o.WriteLine($"Default backend: {report.DefaultBackend}");
        o.WriteLine("Backends:");
        foreach (var backend in report.Backends)
        {
            o.WriteLine($"  @{backend.Name}: {backend.Description}");
            o.WriteLine($"    Assembly: {backend.Assembly}");
            o.WriteLine($"    Available: {(backend.Available ? "yes" : "no")} ({backend.Detail})");
            if (backend.Error is not null)
                o.WriteLine($"    Could not instantiate backend -> {backend.Error}");
            foreach (var (key, value) in backend.DebugInfo)
                o.WriteLine($"    {key}: {value}");
        }
        return CliApp.Ok;
    }

    private static BackendReport Describe(BackendDescriptor descriptor)
    {
        var available = descriptor.IsAvailable(out var detail);
        var debug = new Dictionary<string, string>();
        string? error = null;
        if (available)
        {
            try
            {
                foreach (var (key, value) in BackendRegistry.GetLibrary("@" + descriptor.Name).GetDebugInfo())
                    debug[key] = value;
            }
            catch (VisaException e)
            {
                error = e.Message;
            }
        }
        return new BackendReport(descriptor.Name, descriptor.Description, descriptor.AssemblyLocation, available, detail, debug, error);
    }

    private sealed record InfoReport(string Version, string Runtime, string Os, string Architecture, string DefaultBackend, IReadOnlyList<BackendReport> Backends);

    private sealed record BackendReport(string Name, string Description, string Assembly, bool Available, string Detail, IReadOnlyDictionary<string, string> DebugInfo, string? Error);
}
