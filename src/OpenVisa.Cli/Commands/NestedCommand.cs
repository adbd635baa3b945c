namespace OpenVisa.Cli.Commands;

/// <summary>
/// Runs another <c>ovisa</c> command inside <c>ovisa record</c> or <c>ovisa replay</c>: the words after <c>--</c>, with
/// the backend spec replaced by a decorated one. The inner command's own <c>-b</c>/<c>--backend</c>, if any, names the
/// backend to decorate; otherwise the one given before <c>record</c>.
/// </summary>
internal static class NestedCommand
{
    /// <summary>The inner arguments without their backend option, and that backend (or null when they give none).</summary>
    public static (List<string> Args, string? Backend) TakeBackend(IEnumerable<string> args)
    {
        var rest = new List<string>();
        string? backend = null;
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg is "-b" or "--backend")
            {
                if (!e.MoveNext())
                    throw new UsageException($"{arg} needs a backend spec, e.g. {arg} @sim");
                backend = e.Current;
            }
            else if (arg.StartsWith("--backend=", StringComparison.Ordinal))
            {
                backend = arg["--backend=".Length..];
            }
            else
            {
                rest.Add(arg);
            }
        }
        return (rest, backend);
    }

    /// <summary>Runs the inner command with <paramref name="spec"/> as its backend and returns its exit code.</summary>
    public static int Run(CliContext context, List<string> args, string spec)
    {
        if (args.Count == 0)
            throw new UsageException("no command to run; put an ovisa command after '--', e.g. -- query TCPIP::10.0.0.5::INSTR *IDN?");
        if (args[0] is "record" or "replay")
            throw new UsageException($"'{args[0]}' cannot run inside record or replay; give the command to record or replay after '--'");
        List<string> full = ["--backend", spec];
        if (context.Json && !args.Contains("--json"))
            full.Add("--json");
        full.AddRange(args);
        return CliApp.Run([.. full], context);
    }
}
