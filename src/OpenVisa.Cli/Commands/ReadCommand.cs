using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa read NAME</c>: reads one message.</summary>
internal static class ReadCommand
{
    public static Command Create(CliContext context)
    {
        var io = new IoOptions();
        var name = new Argument<string>("name") { Description = "Resource name" };
        var command = new Command("read", "Read one message from a resource") { name };
        io.AddTo(command);
        command.SetAction(parsed =>
        {
            using var manager = context.OpenManager();
            using var resource = io.Open(manager, parsed.GetValue(name)!, parsed);
            var reply = resource.Read();
            if (context.Json)
                context.WriteJson(new { resource = resource.ResourceName, reply });
            else
                context.WriteReply(reply);
            return CliApp.Ok;
        });
        return command;
    }
}
