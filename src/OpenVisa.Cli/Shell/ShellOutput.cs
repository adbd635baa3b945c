using System.Text.Json;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// Where the shell's results go: as text, one reply per line on stdout and errors on stderr; with <c>--json</c>, one
/// compact JSON object per line on stdout (<c>{"command":"*IDN?","reply":"…"}</c>, errors with <c>"ok":false</c>), so a
/// program reading a piped shell can take each line as it comes.
/// </summary>
internal sealed class ShellOutput(CliContext context)
{
    private static readonly JsonSerializerOptions OneLine = new(CliContext.JsonOptions) { WriteIndented = false };

    /// <summary>An instrument's reply to <paramref name="command"/>.</summary>
    public void Reply(string command, string reply)
    {
        if (context.Json)
            Line(new { command, reply });
        else
            context.WriteReply(reply);
    }

    /// <summary>What a shell command reports (a resource list, a setting), one item a line.</summary>
    public void Lines(string command, IReadOnlyList<string> lines)
    {
        if (context.Json)
        {
            Line(new { command, lines });
            return;
        }
        foreach (var line in lines)
            context.Out.WriteLine(line);
    }

    /// <summary>A failure of <paramref name="command"/>: on stderr, and with <c>--json</c> also as a line on stdout.</summary>
    public void Failure(string command, string status, string message)
    {
        context.Error.WriteLine(message);
        if (context.Json)
            Line(new { command, ok = false, status, message });
    }

    /// <summary>A remark for a person (a hint, a note that a read was cancelled): stderr only, never mixed with results.</summary>
    public void Note(string text) => context.Error.WriteLine(text);

    private void Line<T>(T value) => context.Out.WriteLine(JsonSerializer.Serialize(value, OneLine));
}
