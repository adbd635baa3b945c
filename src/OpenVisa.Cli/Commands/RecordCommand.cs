using System.CommandLine;
using System.Runtime.InteropServices;
using OpenVisa.Cli.Shell;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa record --to FILE -- COMMAND…</c> runs any ovisa command while recording every operation into a session file;
/// <c>ovisa record show FILE</c> lists a session as a table; <c>ovisa record to-sim FILE --out SIM.yaml</c> turns it
/// into a pyvisa-sim file.
/// </summary>
internal static class RecordCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Option<FileInfo?>("--to") { Description = "Session file to write (JSON Lines; created or emptied)" };
        var inner = new Argument<string[]>("command") { Description = "The ovisa command to record, after '--'", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("record", "Record every operation of an ovisa command into a session file: record --to FILE -- COMMAND…") { to, inner };
        command.Subcommands.Add(RecordShow.Create(context));
        command.Subcommands.Add(CreateToSim(context));
        command.SetAction(parsed =>
        {
            var file = parsed.GetValue(to) ?? throw new UsageException("record needs --to FILE, the session file to write, e.g. ovisa record --to run.jsonl -- query NAME *IDN?");
            var (args, backend) = NestedCommand.TakeBackend(parsed.GetValue(inner) ?? []);
            var spec = RecordReplaySpec.Record(file.FullName, backend ?? context.Backend);
            // Ctrl-C or a kill ends the process wherever the command is; the file is cut to its lines first, so it stays
            // valid JSON Lines. The signal's own handling (the process ends, exit 130 for Ctrl-C) then goes on. An
            // interactive shell takes Ctrl-C and carries on, and so does the recording.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ =>
            {
                if (!ShellInterrupt.TakesCtrlC)
                    RecordingLibrary.CloseSessionFilesForExit();
            });
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => RecordingLibrary.CloseSessionFilesForExit());
            var exit = NestedCommand.Run(context, args, spec);
            context.Error.WriteLine($"recorded to {file.FullName}");
            return exit;
        });
        return command;
    }

    private static Command CreateToSim(CliContext context)
    {
        var session = new Argument<FileInfo>("session") { Description = "Session file (JSON Lines or PyTestLab YAML)" };
        var output = new Option<FileInfo?>("--out") { Description = "pyvisa-sim file to write (default: standard output)" };
        var command = new Command("to-sim", "Turn a session into a pyvisa-sim file that @sim and pyvisa-sim load") { session, output };
        command.SetAction(parsed =>
        {
            var log = SessionLog.Load(parsed.GetValue(session)!.FullName);
            var conversion = SessionToSim.Convert(log);
            var file = parsed.GetValue(output);
            if (file is null)
            {
                if (context.Json)
                    context.WriteJson(new { yaml = conversion.Yaml, notes = conversion.Notes });
                else
                    context.Out.Write(conversion.Yaml);
            }
            else
            {
                File.WriteAllText(file.FullName, conversion.Yaml);
                if (context.Json)
                    context.WriteJson(new { file = file.FullName, notes = conversion.Notes });
                else
                    context.Out.WriteLine($"wrote {file.FullName}");
            }
            if (!context.Json)
            {
                foreach (var note in conversion.Notes)
                    context.Error.WriteLine("note: " + note);
            }
            return CliApp.Ok;
        });
        return command;
    }
}
