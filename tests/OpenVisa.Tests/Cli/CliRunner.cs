using System.Text.Json;
using OpenVisa.Cli;

namespace OpenVisa.Tests.Cli;

/// <summary>Runs <c>ovisa</c> in process with captured output.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args) => WithInput("", args);

    public static CliRun WithInput(string input, params string[] args)
    {
        ScriptedLibrary.EnsureRegistered();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader(input)));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}
