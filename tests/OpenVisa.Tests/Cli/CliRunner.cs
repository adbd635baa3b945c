using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Tests.Support;

namespace OpenVisa.Tests.Cli;

/// <summary>Runs <c>ovisa</c> in process with captured output.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args) => WithInput("", args);

    public static CliRun WithInput(string input, params string[] args) => Run(input, isTerminal: false, args);

    /// <summary>Runs as if stdout and stderr were a terminal, where long operations show a status line.</summary>
    public static CliRun OnTerminal(params string[] args) => Run("", isTerminal: true, args);

    private static CliRun Run(string input, bool isTerminal, string[] args)
    {
        ScriptedLibrary.EnsureRegistered();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader(input)) { IsTerminal = isTerminal });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}
