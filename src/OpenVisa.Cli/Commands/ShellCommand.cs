using System.CommandLine;
using OpenVisa.Cli.Shell;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa shell [NAME]</c>: an interactive session like pyvisa-shell. With piped input it runs without prompts and
/// exits 1 if any line failed; on a terminal it edits lines, keeps history, and survives Ctrl-C and mistyped names.
/// </summary>
internal static class ShellCommand
{
    public static Command Create(CliContext context)
    {
        var io = new IoOptions();
        var name = new Argument<string?>("name") { Description = "Resource to open first", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("shell", "Interactive session: .list, .open, .close, .query, .write, .read, .clear, .stb, .timeout, .termchar, .attr, .record, .exit (.help explains)") { name };
        io.AddTo(command);
        // A synchronous action on purpose: System.CommandLine hooks Ctrl-C for asynchronous ones and ends the process
        // with 130 after cancelling, while an interactive shell must survive Ctrl-C and a piped one end on it as before.
        command.SetAction(parsed =>
        {
            using var manager = context.OpenManager();
            using var session = new ShellSession(context, manager);
            var interactive = ReferenceEquals(context.In, Console.In) && !Console.IsInputRedirected;
            if (parsed.GetValue(name) is { } first)
            {
                if (interactive)
                {
                    // On a terminal a mistyped start resource leaves the user at the prompt with the reason, to try again.
                    try
                    {
                        session.Attach(io.Open(manager, first, parsed));
                    }
                    catch (Exception e) when (e is VisaException or UsageException or ArgumentException or FormatException)
                    {
                        session.ReportFailure("open " + first, e);
                    }
                }
                else
                {
                    session.Attach(io.Open(manager, first, parsed));
                }
            }
            if (!interactive)
            {
                while (!session.Exited && context.In.ReadLine() is { } line)
                {
                    session.ExecuteAsync(line).GetAwaiter().GetResult();
                    context.Out.Flush();
                }
                return session.AnyFailed ? CliApp.VisaError : CliApp.Ok;
            }
            var history = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ovisa_history");
            var editor = new LineEditor(history, [.. ShellCommandNames.All.Select(c => c + " ")]);
            using var interrupt = new ShellInterrupt();
            context.Error.WriteLine("Welcome to the OpenVisa shell. Type .help to list commands.");
            while (!session.Exited && editor.ReadLine($"({session.ResourceName ?? "no resource"}) ") is { } typed)
            {
                var running = interrupt.BeginCommand();
                try
                {
                    // The top of the process, with no synchronization context: waiting here cannot deadlock.
                    session.ExecuteAsync(typed, running.Token).GetAwaiter().GetResult();
                }
                finally
                {
                    interrupt.EndCommand(running);
                }
                context.Out.Flush();
            }
            return session.AnyFailed ? CliApp.VisaError : CliApp.Ok;
        });
        return command;
    }
}
