namespace OpenVisa;

/// <summary>
/// A replayed program did something other than what the session file recorded (or more, or less). The message says
/// which recorded operation was expected, what the program did instead, and shows the operations around it.
/// </summary>
/// <remarks>
/// Not a <see cref="VisaException"/>: the instrument did not fail, the program under test diverged from its recording.
/// </remarks>
public sealed class ReplayMismatchException : Exception
{
    /// <summary>Creates the exception; its message is composed from the parts.</summary>
    public ReplayMismatchException(ReplayMismatchKind kind, string source, SessionOperation? expected, string? actual, string reason, IReadOnlyList<SessionOperation> context)
        : base(Compose(kind, source, expected, actual, reason, context))
    {
        Kind = kind;
        Source = source;
        Expected = expected;
        Actual = actual;
        Reason = reason;
        Context = context;
    }

    /// <summary>What kind of divergence it is.</summary>
    public ReplayMismatchKind Kind { get; }

    /// <summary>The session file.</summary>
    public new string Source { get; }

    /// <summary>The recorded operation the program should have done next (the first left over, for <see cref="ReplayMismatchKind.Leftover"/>); null when the log was exhausted.</summary>
    public SessionOperation? Expected { get; }

    /// <summary>The operation's index in the file, or -1 when the log was exhausted.</summary>
    public int Index => Expected?.Index ?? -1;

    /// <summary>What the program did, described like a recorded operation; null for leftovers found at close.</summary>
    public string? Actual { get; }

    /// <summary>What differs, in a few words (e.g. "the data differs").</summary>
    public string Reason { get; }

    /// <summary>The recorded operations around <see cref="Expected"/> (for leftovers: the ones left over).</summary>
    public IReadOnlyList<SessionOperation> Context { get; }

    private static string Compose(ReplayMismatchKind kind, string source, SessionOperation? expected, string? actual, string reason, IReadOnlyList<SessionOperation> context)
    {
        var head = kind switch
        {
            ReplayMismatchKind.Exhausted => $"Replay of {source}: the program did {actual}, but {reason}.",
            ReplayMismatchKind.Leftover => $"Replay of {source}: {reason}.",
            _ => $"Replay of {source} diverged at operation #{expected?.Index}: expected {Describe(expected)}, but the program did {actual} ({reason}).",
        };
        if (context.Count == 0)
            return head;
        var lines = context.Select(op => (ReferenceEquals(op, expected) && kind != ReplayMismatchKind.Leftover ? ">> " : "   ") + SessionText.Describe(op));
        var title = kind == ReplayMismatchKind.Leftover ? "Not replayed:" : "Recorded around it:";
        return head + Environment.NewLine + title + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    private static string Describe(SessionOperation? operation) =>
        operation is null ? "nothing" : $"{operation.Op} {SessionText.Target(operation)} {SessionText.Details(operation)}".TrimEnd();
}

/// <summary>How a replayed program diverged from its recording.</summary>
public enum ReplayMismatchKind
{
    /// <summary>It did a different kind of operation (a read where a write was recorded …).</summary>
    Operation,

    /// <summary>It did the right operation on a different resource.</summary>
    Resource,

    /// <summary>It wrote different data.</summary>
    Data,

    /// <summary>An argument other than the data differs (attribute, value, lock type, query …).</summary>
    Arguments,

    /// <summary>It did more than was recorded: the log has nothing left to match.</summary>
    Exhausted,

    /// <summary>It closed a session (or the manager) while recorded operations on it were still to come.</summary>
    Leftover,
}
