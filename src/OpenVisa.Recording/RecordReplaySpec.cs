namespace OpenVisa;

/// <summary>
/// Spells and reads the backend specs of the record and replay decorators. Recording wraps another spec:
/// <c>FILE|INNER-SPEC@record</c>, e.g. <c>run.jsonl|@sim@record</c> or <c>run.jsonl|bench.yaml@sim@record</c> (the last
/// <c>@</c> names the decorator, everything before the first <c>|</c> is the session file). Replay serves a file:
/// <c>FILE@replay</c> or <c>FILE|OPTIONS@replay</c>, e.g. <c>run.jsonl|match=relaxed,timing=recorded@replay</c>.
/// </summary>
public static class RecordReplaySpec
{
    /// <summary>The recording decorator's backend name.</summary>
    public const string RecordBackend = "record";

    /// <summary>The replay backend's name.</summary>
    public const string ReplayBackend = "replay";

    /// <summary>Separates the session file from what follows it.</summary>
    public const char Separator = '|';

    /// <summary>The spec that records <paramref name="innerSpec"/> (empty: the default backend) into <paramref name="sessionFile"/>.</summary>
    public static string Record(string sessionFile, string? innerSpec = null)
    {
        CheckFile(sessionFile);
        return $"{sessionFile}{Separator}{innerSpec?.Trim()}@{RecordBackend}";
    }

    /// <summary>The spec that replays <paramref name="sessionFile"/> with <paramref name="options"/>.</summary>
    public static string Replay(string sessionFile, ReplayOptions? options = null)
    {
        CheckFile(sessionFile);
        var text = options?.ToString() ?? "";
        return text.Length == 0 ? $"{sessionFile}@{ReplayBackend}" : $"{sessionFile}{Separator}{text}@{ReplayBackend}";
    }

    internal static (string File, string Inner) SplitRecordArgument(string argument)
    {
        var bar = argument.IndexOf(Separator, StringComparison.Ordinal);
        var file = (bar < 0 ? argument : argument[..bar]).Trim();
        var inner = bar < 0 ? "" : argument[(bar + 1)..].Trim();
        if (file.Length == 0)
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                $"The record spec '{argument}@{RecordBackend}' names no session file; write FILE|BACKEND@{RecordBackend}, e.g. 'run.jsonl|@sim@{RecordBackend}'.", "Record");
        return (file, inner);
    }

    internal static (string File, ReplayOptions Options) SplitReplayArgument(string argument)
    {
        var bar = argument.IndexOf(Separator, StringComparison.Ordinal);
        var file = (bar < 0 ? argument : argument[..bar]).Trim();
        if (file.Length == 0)
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                $"The replay spec '{argument}@{ReplayBackend}' names no session file; write FILE@{ReplayBackend}, e.g. 'run.jsonl@{ReplayBackend}'.", "Replay");
        try
        {
            return (file, bar < 0 ? ReplayOptions.Default : ReplayOptions.Parse(argument[(bar + 1)..]));
        }
        catch (ArgumentException e)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup, e.Message.Split(" (Parameter")[0], "Replay");
        }
    }

    private static void CheckFile(string sessionFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionFile);
        if (sessionFile.Contains(Separator, StringComparison.Ordinal))
            throw new ArgumentException($"The session file name '{sessionFile}' contains '{Separator}', which separates it from the rest of a backend spec; rename the file.", nameof(sessionFile));
    }
}
