using System.CommandLine;
using OpenVisa.Cli.Commands;

namespace OpenVisa.Cli;

/// <summary>Builds the command tree and runs it, turning failures into the CLI contract's exit codes.</summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a VISA error; stderr starts with the status name.</summary>
    public const int VisaError = 1;

    /// <summary>Exit code for bad usage or a bad input file.</summary>
    public const int BadUsage = 2;

    /// <summary>Exit code of a command stopped by Ctrl-C (SIGINT) that still reported what it had done: 128 + 2, as shells use.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses <paramref name="args"/>, runs the command, and returns its exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        var backend = new Option<string>("--backend", "-b") { Description = "Backend spec, as ResourceManager(spec): @sim, file.yaml@sim, @managed, /path/libvisa.so@ivi", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (camelCase keys) on stdout", Recursive = true };
        var root = new RootCommand("ovisa: talk to instruments through OpenVisa backends");
        root.Options.Add(backend);
        root.Options.Add(json);
        foreach (var command in CommandSet.All(context))
            root.Subcommands.Add(command);

        // Bare 'ovisa' shows what it can do rather than an error about a missing command.
        if (args.Length == 0)
            args = ["--help"];

        // Backend specs start with '@' ("-b @sim"), so '@file' response files must stay off.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            var line = "error: " + string.Join("; ", parsed.Errors.Select(e => e.Message)) + " (see 'ovisa --help')";
            context.Error.WriteLine(line);
            // Errors elsewhere on the line do not stop --json itself from being recognised.
            if (args.Contains("--json", StringComparer.Ordinal))
                context.WriteJson(new CliErrorDocument(CliErrorDocument.UsageStatus, line, BadUsage));
            return BadUsage;
        }
        context.Backend = parsed.GetValue(backend) ?? "";
        context.Json = parsed.GetValue(json);
        try
        {
            BackendNameHint.Check(context.Backend);
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, context);
        }
    }

    /// <summary>
    /// Prints a failure on one line and returns its exit code; with <c>--json</c>, also a JSON error document on stdout,
    /// so a script parsing stdout gets a document on failure too.
    /// </summary>
    public static int Report(Exception e, CliContext context)
    {
        var (line, status, code) = Describe(e);
        context.Error.WriteLine(line);
        if (context.Json)
            context.WriteJson(new CliErrorDocument(status, line, code));
        return code;
    }

    /// <summary>The stderr line, the status name ("usage" for bad usage) and the exit code of a failure.</summary>
    private static (string Line, string Status, int ExitCode) Describe(Exception e)
    {
        switch (e)
        {
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return Describe(aggregate.InnerExceptions[0]);
            case UsageException:
                return ("error: " + e.Message, CliErrorDocument.UsageStatus, BadUsage);
            case VisaException visa:
                var hint = visa.Status == StatusCode.ErrorInvalidResourceName ? ResourceClassHint.For(visa.ResourceName) : "";
                // A malformed name or pattern is bad input, not an instrument failure.
                var code = visa.Status is StatusCode.ErrorInvalidResourceName or StatusCode.ErrorInvalidExpression ? BadUsage : VisaError;
                return (OneLine(visa.Message) + hint, visa.Abbreviation, code);
            case IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidDataException:
                return ("error: " + OneLine(e.Message), CliErrorDocument.UsageStatus, BadUsage);
            default:
                throw e;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
