namespace OpenVisa.Cli;

/// <summary>The <c>ovisa</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code: 0 success, 1 a VISA error, 2 bad usage or input.</summary>
    public static int Main(string[] args) => CliApp.Run(args, new CliContext(Console.Out, Console.Error, Console.In)
    {
        IsTerminal = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
    });
}
