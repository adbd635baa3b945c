using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa replay FILE -- COMMAND…</c>: runs any ovisa command against a recorded session instead of an instrument.
/// A divergence from the recording prints what was expected, what was done and the operations around it, and exits 1.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var session = new Argument<FileInfo>("session") { Description = "Session file (JSON Lines or PyTestLab YAML)" };
        var inner = new Argument<string[]>("command") { Description = "The ovisa command to replay, after '--'", Arity = ArgumentArity.ZeroOrMore };
        var timing = new Option<string>("--timing") { Description = "ignore: answer at once; recorded: take as long as the recording did", DefaultValueFactory = _ => "ignore" };
        timing.AcceptOnlyFromAmong("ignore", "recorded");
        var match = new Option<string>("--match") { Description = "strict: byte for byte; relaxed: as SCPI (case, whitespace, long/short forms, numbers)", DefaultValueFactory = _ => "strict" };
        match.AcceptOnlyFromAmong("strict", "relaxed");
        var order = new Option<string>("--order") { Description = "global: one order for all resources; per-resource: each resource keeps its own", DefaultValueFactory = _ => "global" };
        order.AcceptOnlyFromAmong("global", "per-resource");
        var attributes = new Option<string>("--attributes") { Description = "match: attribute reads and writes are matched too; ignore: served locally", DefaultValueFactory = _ => "match" };
        attributes.AcceptOnlyFromAmong("match", "ignore");
        var command = new Command("replay", "Run an ovisa command against a recorded session: replay FILE -- COMMAND…") { session, inner, timing, match, order, attributes };
        command.SetAction(parsed =>
        {
            var file = parsed.GetValue(session)!.FullName;
            // Read the file first, so a bad file is bad input (exit 2) rather than a backend failure.
            SessionLog.Load(file);
            var options = ReplayOptions.Parse($"timing={parsed.GetValue(timing)},match={parsed.GetValue(match)},order={parsed.GetValue(order)},attributes={parsed.GetValue(attributes)}");
            var (args, backend) = NestedCommand.TakeBackend(parsed.GetValue(inner) ?? []);
            if (backend is not null)
                throw new UsageException($"replay serves the session file as the backend; remove '--backend {backend}' from the command");
            try
            {
                return NestedCommand.Run(context, args, RecordReplaySpec.Replay(file, options));
            }
            catch (ReplayMismatchException e)
            {
                context.Error.WriteLine("error: " + e.Message);
                return CliApp.VisaError;
            }
        });
        return command;
    }
}
