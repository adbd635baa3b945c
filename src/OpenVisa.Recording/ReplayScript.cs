using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// The matching engine of a replay: which recorded operations are still to come, which one a call must match, and
/// what is left over when a session closes. Thread-safe; <see cref="ReplayLibrary"/> turns its answers into results.
/// </summary>
internal sealed class ReplayScript
{
    private static readonly HashSet<string> Unmatched =
    [
        SessionFields.Op, SessionFields.Session, SessionFields.ResourceManager, SessionFields.Resource, SessionFields.Max,
        SessionFields.Timeout, SessionFields.OpenTimeout, SessionFields.Text, SessionFields.Base64, SessionFields.Path,
    ];

    private readonly SessionLog _log;
    private readonly ReplayOptions _options;
    private readonly SessionOperation[] _ops;
    private readonly bool[] _sequenced;
    private readonly Lock _gate = new();
    private bool[] _consumed;
    private int _cursor;

    public ReplayScript(SessionLog log, ReplayOptions options)
    {
        _log = log;
        _options = options;
        _ops = [.. log.Operations];
        _sequenced = [.. _ops.Select(IsSequenced)];
        _consumed = new bool[_ops.Length];
    }

    /// <summary>True once a mismatch was reported; later closes then release without checking for leftovers.</summary>
    public bool Failed { get; private set; }

    /// <summary>True when something has been replayed since the last <see cref="Reset"/>.</summary>
    public bool Started { get; private set; }

    /// <summary>Recorded operations not replayed yet.</summary>
    public IReadOnlyList<SessionOperation> Remaining
    {
        get
        {
            lock (_gate)
                return [.. _ops.Where((_, i) => _sequenced[i] && !_consumed[i])];
        }
    }

    /// <summary>Every recorded operation.</summary>
    public IReadOnlyList<SessionOperation> Operations => _ops;

    /// <summary>Starts again from the first operation.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _consumed = new bool[_ops.Length];
            _cursor = 0;
            Failed = false;
            Started = false;
        }
    }

    /// <summary>True when every recorded operation has been replayed.</summary>
    public bool Complete
    {
        get
        {
            lock (_gate)
                return !_sequenced.Where((s, i) => s && !_consumed[i]).Any();
        }
    }

    /// <summary>
    /// The recorded operation <paramref name="call"/> must match: checked, consumed and returned, with the events the
    /// backend delivered while it ran (to hand to installed handlers).
    /// </summary>
    public SessionOperation Take(ReplayCall call, out IReadOnlyList<SessionOperation> events)
    {
        lock (_gate)
        {
            Started = true;
            var index = Candidate(call);
            if (index < 0)
                throw Fail(Exhausted(call));
            var expected = _ops[index];
            if (ClosedHere(expected, call))
            {
                var reason = $"the recording closed {call.Resource ?? "the resource manager"} at #{expected.Index}: nothing more was recorded for it";
                throw Fail(new ReplayMismatchException(ReplayMismatchKind.Exhausted, _log.Source, expected, call.Describe(), reason, Around(index)));
            }
            if (Mismatch(expected, call) is { } mismatch)
                throw Fail(new ReplayMismatchException(mismatch.Kind, _log.Source, expected, call.Describe(), mismatch.Reason, Around(index)));
            _consumed[index] = true;
            events = PrecedingEvents(index);
            return expected;
        }
    }

    /// <summary>The operation <paramref name="call"/> would take, if it matches, without consuming it.</summary>
    public SessionOperation? Peek(ReplayCall call)
    {
        lock (_gate)
        {
            var index = Candidate(call);
            return index >= 0 && Mismatch(_ops[index], call) is null ? _ops[index] : null;
        }
    }

    /// <summary>The first recorded operation (in file order, replayed or not) matching <paramref name="predicate"/>.</summary>
    public SessionOperation? Find(Func<SessionOperation, bool> predicate) => _ops.FirstOrDefault(predicate);

    /// <summary>
    /// A resource session closes: every operation recorded for it must have been replayed. Consumes its recorded
    /// close, wherever it is (managers close their resources in no fixed order).
    /// </summary>
    public void CloseSession(ReplayBinding binding)
    {
        lock (_gate)
        {
            var end = SessionEnd(binding.RecordedSession, binding.OpenIndex);
            var left = Range(binding.OpenIndex + 1, end).Where(i => _ops[i].Session == binding.RecordedSession && _ops[i].Op != SessionOps.Open).ToList();
            CheckLeftovers(left, $"{binding.Resource} was closed with {{0}} recorded operation{{1}} on it not replayed");
            if (end < _ops.Length && _ops[end].Op == SessionOps.Close)
                _consumed[end] = true;
        }
    }

    /// <summary>A resource manager closes: every operation recorded under it must have been replayed.</summary>
    public void CloseManager(int recordedManager, int openIndex)
    {
        lock (_gate)
        {
            var end = ManagerEnd(recordedManager, openIndex);
            var opened = Range(openIndex + 1, end).Where(i => _ops[i].Op == SessionOps.Open && _ops[i].ResourceManager == recordedManager && _ops[i].Session is not null)
                .Select(i => (Session: _ops[i].Session!.Value, Open: i)).ToList();
            var left = Range(openIndex + 1, end).Where(i =>
                (SessionOps.IsManagerLevel(_ops[i].Op) || _ops[i].Op == SessionOps.Open) && _ops[i].ResourceManager == recordedManager ||
                opened.Any(o => o.Session == _ops[i].Session && i > o.Open && !SessionOps.IsManagerLevel(_ops[i].Op) && _ops[i].Op != SessionOps.Open)).ToList();
            CheckLeftovers(left, $"the resource manager was closed with {{0}} recorded operation{{1}} under it not replayed");
            if (end < _ops.Length && _ops[end].Op == SessionOps.CloseResourceManager)
                _consumed[end] = true;
            foreach (var (session, open) in opened)
            {
                var sessionEnd = SessionEnd(session, open);
                if (sessionEnd < _ops.Length && _ops[sessionEnd].Op == SessionOps.Close)
                    _consumed[sessionEnd] = true;
            }
        }
    }

    /// <summary>Everything recorded must have been replayed (PyTestLab logs, which record no sessions, check this when the manager closes).</summary>
    public void CloseAll()
    {
        lock (_gate)
            CheckLeftovers([.. Enumerable.Range(0, _ops.Length)], "the resource manager was closed with {0} recorded operation{1} not replayed");
    }

    /// <summary>Marks the script failed and returns <paramref name="e"/> to throw.</summary>
    public ReplayMismatchException Fail(ReplayMismatchException e)
    {
        Failed = true;
        return e;
    }

    private bool IsSequenced(SessionOperation op)
    {
        if (SessionOps.IsUnsequenced(op.Op))
            return false;
        if (!_options.MatchAttributes && op.Op is SessionOps.GetAttribute or SessionOps.SetAttribute)
            return false;
        return true;
    }

    private int Candidate(ReplayCall call)
    {
        if (_options.Ordering == ReplayOrdering.Global && _log.Format == SessionLogFormat.OpenVisa)
        {
            while (_cursor < _ops.Length && (!_sequenced[_cursor] || _consumed[_cursor]))
                _cursor++;
            return _cursor < _ops.Length ? _cursor : -1;
        }
        // Per resource (and always for PyTestLab logs, which hold one list per instrument): the first pending operation of the caller.
        for (var i = Math.Max(0, call.From); i < _ops.Length; i++)
        {
            if (!_sequenced[i] || _consumed[i])
                continue;
            var op = _ops[i];
            var match = call.Op switch
            {
                SessionOps.OpenResourceManager => op.Op == SessionOps.OpenResourceManager,
                SessionOps.Open => op.Op == SessionOps.Open && op.ResourceManager == call.RecordedManager && SameResource(op.Resource, call.Resource),
                _ when SessionOps.IsManagerLevel(call.Op) => (SessionOps.IsManagerLevel(op.Op) || op.Op == SessionOps.Open) && op.ResourceManager == call.RecordedManager,
                _ => op.Session == call.RecordedSession && !SessionOps.IsManagerLevel(op.Op) && op.Op != SessionOps.Open,
            };
            if (match)
                return i;
        }
        return -1;
    }

    // The caller's session (or manager) was closed at this point of the recording, and the program goes on using it.
    private static bool ClosedHere(SessionOperation expected, ReplayCall call) =>
        expected.Op == SessionOps.Close && call.Op != SessionOps.Close && call.RecordedSession is { } session && expected.Session == session ||
        expected.Op == SessionOps.CloseResourceManager && SessionOps.IsManagerLevel(call.Op) && call.RecordedManager is { } manager && expected.ResourceManager == manager;

    private (ReplayMismatchKind Kind, string Reason)? Mismatch(SessionOperation expected, ReplayCall call)
    {
        if (expected.Op != call.Op)
            return (ReplayMismatchKind.Operation, $"a {call.Op} instead of a {expected.Op}");
        if (call.Op == SessionOps.Open)
        {
            if (!SameResource(expected.Resource, call.Resource))
                return (ReplayMismatchKind.Resource, "a different resource");
        }
        else if (call.RecordedSession is { } session && expected.Session != session)
        {
            return (ReplayMismatchKind.Resource, "a different resource");
        }
        var actual = call.Finish();
        var actualData = SessionPayload.Read(actual);
        if (actualData is not null && call.Op != SessionOps.Read)
        {
            var ignoreTermination = _log.Format == SessionLogFormat.PyTestLab;
            if (!ScpiText.SameMessage(expected.Data ?? [], actualData, _options.Matching, ignoreTermination))
                return (ReplayMismatchKind.Data, _options.Matching == ReplayMatching.Relaxed ? "the data differs, even as SCPI" : "the data differs");
        }
        foreach (var property in actual.EnumerateObject())
        {
            if (Unmatched.Contains(property.Name))
                continue;
            if (!expected.Fields.TryGetProperty(property.Name, out var recorded) || !SameJson(recorded, property.Value))
                return (ReplayMismatchKind.Arguments, $"{property.Name} differs");
        }
        return null;
    }

    private ReplayMismatchException Exhausted(ReplayCall call)
    {
        var reason = _options.Ordering == ReplayOrdering.Global && _log.Format == SessionLogFormat.OpenVisa
            ? $"all {_sequenced.Count(s => s)} recorded operations have been replayed"
            : $"nothing more was recorded for {call.Resource ?? "the resource manager"}";
        var last = Enumerable.Range(0, _ops.Length).Where(i => _sequenced[i]).TakeLast(_options.ContextOperations).Select(i => _ops[i]).ToList();
        return new ReplayMismatchException(ReplayMismatchKind.Exhausted, _log.Source, null, call.Describe(), reason + (_log.Truncated ? " (the file's last line was cut off: the recording stopped there)" : ""), last);
    }

    private void CheckLeftovers(List<int> candidates, string format)
    {
        var left = candidates.Where(i => _sequenced[i] && !_consumed[i] && _ops[i].Op is not (SessionOps.Close or SessionOps.CloseResourceManager)).ToList();
        if (left.Count == 0 || Failed)
            return;
        var reason = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, left.Count, left.Count == 1 ? "" : "s");
        var shown = left.Take(Math.Max(1, _options.ContextOperations * 2)).Select(i => _ops[i]).ToList();
        throw Fail(new ReplayMismatchException(ReplayMismatchKind.Leftover, _log.Source, shown[0], null, reason, shown));
    }

    // The index of a session's recorded close, or of the next open that reused its handle, or the end of the log.
    private int SessionEnd(int session, int openIndex)
    {
        for (var i = openIndex + 1; i < _ops.Length; i++)
        {
            var op = _ops[i];
            if (op.Session == session && (op.Op == SessionOps.Close || op.Op == SessionOps.Open && op.Error is null))
                return i;
        }
        return _ops.Length;
    }

    private int ManagerEnd(int manager, int openIndex)
    {
        for (var i = openIndex + 1; i < _ops.Length; i++)
        {
            var op = _ops[i];
            if (op.ResourceManager == manager && op.Op is SessionOps.CloseResourceManager or SessionOps.OpenResourceManager)
                return i;
        }
        return _ops.Length;
    }

    private static IEnumerable<int> Range(int from, int to) => Enumerable.Range(Math.Max(0, from), Math.Max(0, to - Math.Max(0, from)));

    private List<SessionOperation> Around(int index)
    {
        var n = _options.ContextOperations;
        var before = Enumerable.Range(0, index).Reverse().Where(i => _sequenced[i]).Take(n).Reverse();
        var after = Enumerable.Range(index + 1, _ops.Length - index - 1).Where(i => _sequenced[i]).Take(n);
        return [.. before.Append(index).Concat(after).Select(i => _ops[i])];
    }

    // An event reached a handler while some operation was running (or between operations), and was written before that
    // operation's own line, which is written when it returns: so the events just before an operation go with it.
    private List<SessionOperation> PrecedingEvents(int index)
    {
        var events = new List<SessionOperation>();
        for (var i = index - 1; i >= 0 && !_sequenced[i]; i--)
        {
            if (_ops[i].Op == SessionOps.Event && !_consumed[i])
            {
                _consumed[i] = true;
                events.Insert(0, _ops[i]);
            }
        }
        return events;
    }

    internal static bool SameResource(string? recorded, string? actual)
    {
        if (recorded is null || actual is null)
            return recorded == actual;
        if (string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase))
            return true;
        return ResourceName.TryParse(recorded, out var a) && ResourceName.TryParse(actual, out var b) && a == b;
    }

    private static bool SameJson(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Number => a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText(),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count() &&
                                    a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && SameJson(p.Value, q)),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameJson(p.First, p.Second)),
            _ => true,
        };
    }
}
