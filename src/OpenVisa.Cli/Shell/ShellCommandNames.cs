namespace OpenVisa.Cli.Shell;

/// <summary>
/// How a shell line is told apart from an instrument command. A line that starts with <c>.</c> is always the shell's
/// (no SCPI command starts with a dot). pyvisa-shell's words (<c>open</c>, <c>query</c>, <c>exit</c> …) also work
/// bare, as pyvisa-shell users type them; an instrument command that starts with one of those words is sent with
/// SCPI's leading colon (<c>:OPEN (@101)</c>) or through <c>.write</c>. Commands pyvisa-shell lacks (<c>.clear</c>,
/// <c>.stb</c>) exist only with the dot, so they never take an instrument command's name.
/// </summary>
internal static class ShellCommandNames
{
    /// <summary>The prefix that marks a line as a shell command.</summary>
    public const char Prefix = '.';

    /// <summary>pyvisa-shell's commands, which the shell also takes without the prefix.</summary>
    public static readonly IReadOnlySet<string> PyvisaShellWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "help", "exit", "quit", "list", "open", "close", "query", "write", "read", "timeout", "termchar", "attr", "record",
    };

    /// <summary>Commands only the prefixed form names.</summary>
    public static readonly IReadOnlySet<string> DotOnlyWords = new HashSet<string>(StringComparer.Ordinal) { "clear", "stb" };

    /// <summary>Every command as typed with the prefix, for help and Tab completion.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. PyvisaShellWords.Concat(DotOnlyWords).Order(StringComparer.Ordinal).Select(w => Prefix + w)];

    /// <summary>The help text: the commands, and the rule that keeps them apart from instrument commands.</summary>
    public const string Help =
        "Shell commands start with '.': .list [QUERY], .open NAME, .close, .query CMD, .write CMD, .read, .clear (device clear), " +
        ".stb (status byte), .timeout [MS], .termchar [READ [WRITE]], .attr [NAME [VALUE]], .record [FILE|stop], .help, .exit (or .quit). " +
        "pyvisa-shell's names also work without the dot (open, query, exit ...). Any other line goes to the instrument: a query " +
        "if it contains '?', else a write. To send a command that begins with a shell word, write SCPI's leading colon " +
        "(:OPEN (@101)) or use .write. Keys: Tab completes commands and earlier lines, Ctrl-A/E start/end, Ctrl-U/W erase, " +
        "Ctrl-C clears the line or cancels a pending read, Ctrl-D on an empty line exits.";

    /// <summary>
    /// Splits <paramref name="line"/> into the shell command it names and its argument, or returns false for a line
    /// meant for the instrument. A prefixed word that names no command is an error, so a typo is never sent.
    /// </summary>
    public static bool TryParse(string line, out string verb, out string argument)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? line : line[..space];
        argument = space < 0 ? "" : line[(space + 1)..].Trim();
        if (word.Length > 1 && word[0] == Prefix)
        {
            verb = word[1..].ToLowerInvariant();
            if (verb == "?")
                verb = "help";
            if (!PyvisaShellWords.Contains(verb) && !DotOnlyWords.Contains(verb))
                throw new UsageException($"'{word}' is not a shell command; .help lists them");
            return true;
        }
        verb = word.ToLowerInvariant();
        if (verb == "?")
            verb = "help";
        return PyvisaShellWords.Contains(verb) && FitsBare(verb, argument);
    }

    // As in pyvisa-shell, a bare word is the shell's only with the arguments it takes: "read" is, "READ 5" is not.
    private static bool FitsBare(string verb, string argument) => verb switch
    {
        "help" or "exit" or "quit" or "close" or "read" => argument.Length == 0,
        "open" or "query" or "write" => argument.Length > 0,
        _ => true,
    };
}
