using System.CommandLine;
using OpenVisa.Sim;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa sim check FILE</c>: validates a simulator file and prints its resources and dialogues.</summary>
internal static class SimCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A pyvisa-sim or PyTestLab simulation file (bundled:builtin.yaml for the built-ins)" };
        var allow = new Option<string[]>("--allow-path") { Description = "A further folder the file may read files from (filename:, profile:, binary:); by default only its own folder", AllowMultipleArgumentsPerToken = false };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 2) on warnings too, not only on errors" };
        var check = new Command("check", "Validate a simulator file; every problem is reported with file, line and column. Exits 0 when the file loads (warnings are printed), 2 on errors") { file, allow, strict };
        check.SetAction(parsed => Check(context, parsed.GetValue(file)!, parsed.GetValue(allow) ?? [], parsed.GetValue(strict)));
        return new Command("sim", "Simulator files") { check };
    }

    private static int Check(CliContext context, string path, string[] allowedFolders, bool strict)
    {
        SimCheckReport report;
        using (CliProgress.Start(context, $"checking {Path.GetFileName(path)}"))
            report = SimFileChecker.Check(path, allowedFolders);
        // A file with warnings only loads (as pyvisa-sim loads it): exit 0 unless --strict; errors are bad input: exit 2.
        var exit = report.ExitCodeFor(strict);
        if (context.Json)
        {
            context.WriteJson(new { file = report.File, valid = report.IsValid, strict, exitCode = exit, resources = report.Resources, devices = report.Devices, problems = report.Problems.Select(p => new { p.File, p.Line, p.Column, severity = p.Severity.ToString().ToLowerInvariant(), p.Message }) });
            return exit;
        }
        foreach (var problem in report.Problems)
            context.Error.WriteLine(problem.ToString());
        context.Out.WriteLine($"{report.File}: {report.Resources.Count} resources, {report.Devices.Count} devices, {report.Problems.Count} problems");
        foreach (var resource in report.Resources)
            context.Out.WriteLine($"  {resource.Name} -> {resource.Device} ({resource.Dialect}; query ends {MessageBasedResource.Escape(resource.QueryTermination)}, reply ends {MessageBasedResource.Escape(resource.ReplyTermination)})");
        foreach (var device in report.Devices)
        {
            context.Out.WriteLine($"  device {device.Name} ({device.Dialect}, {device.File}):");
            foreach (var dialogue in device.Dialogues)
                context.Out.WriteLine($"    {dialogue.Kind,-10} {dialogue.Query}{(dialogue.Reply is null ? "" : " -> " + dialogue.Reply)}");
        }
        return exit;
    }
}
