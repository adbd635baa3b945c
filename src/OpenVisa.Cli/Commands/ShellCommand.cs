using System.CommandLine;
using OpenVisa.Cli.Shell;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa shell [NAME]</c>: an interactive session like pyvisa-shell. With piped input it runs without
/// prompts and exits 1 if any line failed.
/// </summary>
internal static class ShellCommand
{
    public static Command Create(CliContext context)
    {
        var io = new IoOptions();
        var name = new Argument<string?>("name") { Description = "Resource to open first", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("shell", "Interactive session: list, open, close, query, write, read, timeout, termchar, attr, exit") { name };
        io.AddTo(command);
        command.SetAction(parsed =>
        {
            using var manager = context.OpenManager();
            using var session = new ShellSession(context, manager);
            if (parsed.GetValue(name) is { } first)
                session.Attach(io.Open(manager, first, parsed));
            var interactive = ReferenceEquals(context.In, Console.In) && !Console.IsInputRedirected;
            var editor = interactive ? new LineEditor(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ovisa_history")) : null;
            if (interactive)
                context.Out.WriteLine("Welcome to the OpenVisa shell. Type help to list commands.");
            while (!session.Exited)
            {
                var line = editor is null ? context.In.ReadLine() : editor.ReadLine($"({session.ResourceName ?? "no resource"}) ");
                if (line is null)
                    break;
                session.Execute(line);
                context.Out.Flush();
            }
            return session.AnyFailed ? CliApp.VisaError : CliApp.Ok;
        });
        return command;
    }
}
