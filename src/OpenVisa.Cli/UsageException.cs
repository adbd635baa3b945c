namespace OpenVisa.Cli;

/// <summary>Bad usage or a bad input file: the CLI prints the message on one line and exits 2.</summary>
public sealed class UsageException(string message) : Exception(message);
