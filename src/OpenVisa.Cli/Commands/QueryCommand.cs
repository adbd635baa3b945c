using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa query NAME COMMAND</c>: writes then reads. With <c>--binary</c> the reply is an IEEE 488.2 block,
/// decoded as <c>--datatype</c>; <c>--out FILE</c> writes the values as raw little-endian bytes.
/// </summary>
internal static class QueryCommand
{
    public static Command Create(CliContext context)
    {
        var io = new IoOptions();
        var name = new Argument<string>("name") { Description = "Resource name" };
        var message = new Argument<string>("command") { Description = "The query to send, e.g. *IDN?" };
        var binary = new Option<bool>("--binary") { Description = "The reply is a binary block (IEEE 488.2 #<n><len>…)" };
        var datatype = new Option<string>("--datatype") { Description = "Element type of a binary reply", DefaultValueFactory = _ => "u8" };
        datatype.AcceptOnlyFromAmong([.. BinaryDatatype.Names]);
        var bigEndian = new Option<bool>("--big-endian") { Description = "Binary elements are big-endian" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the decoded values to this file as raw little-endian bytes" };
        var command = new Command("query", "Write a command and read the reply") { name, message, binary, datatype, bigEndian, output };
        io.AddTo(command);
        command.SetAction(parsed =>
        {
            using var manager = context.OpenManager();
            using var resource = io.Open(manager, parsed.GetValue(name)!, parsed);
            var text = parsed.GetValue(message)!;
            if (!parsed.GetValue(binary))
            {
                var reply = resource.Query(text);
                WarnIfBinary(context, reply);
                if (context.Json)
                    context.WriteJson(new { resource = resource.ResourceName, reply });
                else
                    context.WriteReply(reply);
                return CliApp.Ok;
            }
            var type = BinaryDatatype.Parse(parsed.GetValue(datatype)!);
            var file = parsed.GetValue(output);
            DecodedBlock block;
            // A block headed for a file may be megabytes from a slow instrument; on a terminal the wait shows.
            using (file is null ? null : CliProgress.Start(context, $"reading the block from {resource.ResourceName} for {file.Name}"))
                block = type.Query(resource, text, parsed.GetValue(bigEndian));
            if (file is not null)
            {
                File.WriteAllBytes(file.FullName, block.LittleEndianBytes);
                if (context.Json)
                    context.WriteJson(new { resource = resource.ResourceName, datatype = type.Name, count = block.Count, bytes = block.LittleEndianBytes.Length, file = file.FullName });
                else
                    context.Out.WriteLine($"{block.LittleEndianBytes.Length} bytes ({block.Count} values of {type.Name}) written to {file.FullName}");
                return CliApp.Ok;
            }
            if (context.Json)
                context.WriteJson(new { resource = resource.ResourceName, datatype = type.Name, count = block.Count, values = block.Values });
            else
                context.Out.WriteLine(block.Text);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// Text output goes out as UTF-8, so a reply byte of 0x80 or above (read as one Latin-1 character) becomes two bytes
    /// and a redirected file no longer holds what the instrument sent. Binary data belongs in <c>--binary</c>; say so on
    /// stderr, where it does not mix with the reply.
    /// </summary>
    private static void WarnIfBinary(CliContext context, string reply)
    {
        var high = reply.Count(c => c >= '\u0080');
        if (high > 0)
            context.Error.WriteLine($"warning: the reply has {high} byte(s) of 0x80 or above, which text output re-encodes as UTF-8; for binary data use --binary (with --datatype, and --out FILE to keep the bytes)");
    }
}
