using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary><c>ovisa parse NAME</c>: what a resource name says, field by field, and its canonical form.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "A VISA resource name, e.g. TCPIP::192.168.1.5::INSTR" };
        var command = new Command("parse", "Parse a resource name: interface type, board, class, canonical form and fields") { name };
        command.SetAction(parsed => Run(context, parsed.GetValue(name)!));
        return command;
    }

    private static int Run(CliContext context, string text)
    {
        var name = ResourceName.Parse(text);
        var document = new Dictionary<string, object?>
        {
            ["interfaceType"] = name.InterfaceTypeName,
            ["board"] = name.BoardNumber is { } number ? number : name.Board.Length == 0 ? null : name.Board,
            ["resourceClass"] = name.ResourceClass,
            ["canonical"] = name.Canonical,
        };
        if (name.Alias is not null)
            document["alias"] = name.Alias;
        foreach (var (key, value) in name.Fields)
            document.TryAdd(key, value);
        if (context.Json)
        {
            context.WriteJson(document);
            return CliApp.Ok;
        }
        var width = document.Keys.Max(k => k.Length) + 1;
        foreach (var (key, value) in document)
        {
            if (value is not null)
                context.Out.WriteLine($"{(key + ":").PadRight(width)} {value}");
        }
        return CliApp.Ok;
    }
}
