namespace OpenVisa.Cli;

/// <summary>
/// What <c>--json</c> prints on stdout when a command fails: the VISA status name (or <c>usage</c> for bad usage or
/// input), the same message as the stderr line, and the exit code.
/// </summary>
public sealed record CliErrorDocument(string Status, string Message, int ExitCode)
{
    /// <summary>The status of a failure that is bad usage or bad input rather than a VISA error.</summary>
    public const string UsageStatus = "usage";

    /// <summary>Always <c>false</c>: lets a reader tell an error document from a result at a glance.</summary>
    public bool Ok => false;
}
