using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa write NAME COMMAND</c>: sends one message.</summary>
internal static class WriteCommand
{
    public static Command Create(CliContext context)
    {
        var io = new IoOptions();
        var name = new Argument<string>("name") { Description = "Resource name" };
        var message = new Argument<string>("command") { Description = "The message to send" };
        var command = new Command("write", "Write one message to a resource") { name, message };
        io.AddTo(command);
        command.SetAction(parsed =>
        {
            using var manager = context.OpenManager();
            using var resource = io.Open(manager, parsed.GetValue(name)!, parsed);
            var count = resource.Write(parsed.GetValue(message)!);
            if (context.Json)
                context.WriteJson(new { resource = resource.ResourceName, bytesWritten = count });
            return CliApp.Ok;
        });
        return command;
    }
}
