using System.CommandLine;

namespace OpenVisa.Cli.Commands;

/// <summary>Every top-level <c>ovisa</c> command.</summary>
internal static class CommandSet
{
    public static IEnumerable<Command> All(CliContext context) =>
    [
        InfoCommand.Create(context),
        ListCommand.Create(context),
        ParseCommand.Create(context),
        QueryCommand.Create(context),
        WriteCommand.Create(context),
        ReadCommand.Create(context),
        ShellCommand.Create(context),
        SimCommand.Create(context),
        RecordCommand.Create(context),
        ReplayCommand.Create(context),
        BenchCommand.Create(context),
        DriverCommand.Create(context),
        ServeCommand.Create(context),
        PerfCommand.Create(context),
    ];
}
