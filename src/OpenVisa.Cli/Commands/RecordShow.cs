using System.CommandLine;
using System.Globalization;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa record show FILE</c>: the operations of a session as a table, with durations and errors.</summary>
internal static class RecordShow
{
    private const int ResourceWidth = 36;

    public static Command Create(CliContext context)
    {
        var session = new Argument<FileInfo>("session") { Description = "Session file (JSON Lines or PyTestLab YAML)" };
        var all = new Option<bool>("--all") { Description = "Also list the name parses and default terminations looked up when resources opened" };
        var command = new Command("show", "List the operations of a session: time, duration, resource, data, status, errors") { session, all };
        command.SetAction(parsed => Run(context, SessionLog.Load(parsed.GetValue(session)!.FullName), parsed.GetValue(all)));
        return command;
    }

    private static int Run(CliContext context, SessionLog log, bool all)
    {
        var shown = log.Operations.Where(o => all || o.Op is not (SessionOps.Parse or SessionOps.Terminations)).ToList();
        var errors = log.Operations.Count(o => o.Error is not null);
        if (context.Json)
        {
            context.WriteJson(new
            {
                file = log.Source,
                format = log.Format.ToString(),
                backend = log.Backend,
                started = log.Started,
                truncated = log.Truncated,
                operations = shown.Select(o => new
                {
                    index = o.Index,
                    time = o.Time,
                    duration = o.Duration,
                    op = o.Op,
                    resource = SessionText.Target(o),
                    details = SessionText.Details(o),
                    error = o.Error?.Short,
                }),
            });
            return CliApp.Ok;
        }
        var o = context.Out;
        o.WriteLine($"{log.Source}: {log.Operations.Count} operations, {errors} error{(errors == 1 ? "" : "s")}" +
                    (log.Backend is null ? "" : $", recorded from {log.Backend}") +
                    (log.Started is { } started ? $" at {started.ToString("u", CultureInfo.InvariantCulture)}" : ""));
        o.WriteLine($"{"#",5} {"time s",10} {"dur ms",9}  {"op",-14} {"resource",-ResourceWidth} details");
        foreach (var op in shown)
        {
            var target = SessionText.Target(op);
            if (target.Length > ResourceWidth)
                target = "…" + target[^(ResourceWidth - 1)..];
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{op.Index,5} {op.Time,10:F6} {op.Duration * 1000,9:F3}  {op.Op,-14} {target,-ResourceWidth} {SessionText.Details(op)}"));
        }
        if (log.Truncated)
            o.WriteLine("(the last line was cut off: the recording stopped while writing it)");
        return CliApp.Ok;
    }
}
