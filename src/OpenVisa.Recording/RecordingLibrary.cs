using System.Collections.Concurrent;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// A backend that wraps any other and writes every operation of every session to a session file (JSON Lines:
/// one object per line, written as it happens), with timestamps, durations, exact payloads, statuses and errors.
/// Registered as <c>@record</c>: <c>new ResourceManager("run.jsonl|file.yaml@sim@record")</c> records the
/// <c>file.yaml@sim</c> backend into <c>run.jsonl</c>; see <see cref="RecordReplaySpec"/> and docs/record-replay.md.
/// </summary>
/// <remarks>
/// Session handles are the inner backend's own, so a recording and the live run use the same numbers. Every member
/// forwards to <see cref="Inner"/>; what the inner backend throws is recorded and rethrown unchanged.
/// </remarks>
public sealed partial class RecordingLibrary : VisaLibrary
{
    private readonly VisaLibrary? _inner;
    private readonly SessionWriter? _writer;
    private readonly bool _ownsInner;
    private readonly ConcurrentDictionary<int, SessionLines> _resources = new();
    private readonly ConcurrentDictionary<int, byte> _managers = new();

    /// <summary>
    /// The registry's constructor: <paramref name="argument"/> is <c>FILE|INNER-SPEC</c>, e.g. <c>run.jsonl|file.yaml@sim</c>;
    /// an empty inner spec records the default backend. An empty argument gives a library that only explains its use.
    /// </summary>
    public RecordingLibrary(string argument)
        : base(argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
            return;
        var (file, innerSpec) = RecordReplaySpec.SplitRecordArgument(argument);
        if (innerSpec.Length == 0 && BackendSpec.Parse(BackendRegistry.DefaultSpec()).Name == RecordReplaySpec.RecordBackend)
        {
            // The default backend would be this recording again.
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                $"'{argument}@{RecordReplaySpec.RecordBackend}' records the default backend, and the default ({BackendRegistry.BackendVariable}) is itself a recording; name the backend after '|', e.g. '{file}|@managed@{RecordReplaySpec.RecordBackend}'.",
                "Record");
        }
        _inner = BackendRegistry.GetLibrary(innerSpec);
        _writer = SessionWriter.Create(file, DescribeInner(_inner, innerSpec));
        _inner.Warning += ForwardWarning;
    }

    /// <summary>
    /// Cuts every session file this process is recording to the lines written so far and closes it, for a process about
    /// to end on a signal (<c>ovisa record</c> on Ctrl-C): without it, a memory-mapped file keeps its unused zeros and a
    /// JSON-lines reader that is not OpenVisa's chokes on them. Operations after it are not recorded.
    /// </summary>
    public static void CloseSessionFilesForExit() => SessionWriter.CloseEvery();

    /// <summary>Records <paramref name="inner"/> into <paramref name="sessionFile"/> (created, or emptied if it exists).</summary>
    /// <param name="inner">The backend to record.</param>
    /// <param name="sessionFile">The session file to write.</param>
    /// <param name="ownsInner">Dispose <paramref name="inner"/> with this library.</param>
    public RecordingLibrary(VisaLibrary inner, string sessionFile, bool ownsInner = false)
        : base(sessionFile)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionFile);
        _inner = inner;
        _ownsInner = ownsInner;
        _writer = SessionWriter.Create(sessionFile, DescribeInner(inner, null));
        _inner.Warning += ForwardWarning;
    }

    /// <summary>The backend being recorded.</summary>
    public VisaLibrary Inner => _inner ?? throw NotConfigured();

    /// <summary>The full path of the session file.</summary>
    public string SessionFile => Writer.Path;

    private SessionWriter Writer => _writer ?? throw NotConfigured();

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo() => _inner is null
        ? [new("Usage", "records another backend into a session file: 'session.jsonl|<backend spec>@record', e.g. 'run.jsonl|@sim@record'")]
        : [new("Recording to", SessionFile), new("Recorded backend", DescribeInner(_inner, null)), .. _inner.GetDebugInfo()];

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        var start = SessionWriter.Now();
        int session;
        try
        {
            session = Inner.OpenDefaultResourceManager();
        }
        catch (Exception e)
        {
            Fail(SessionOps.OpenResourceManager, null, start, e);
            throw;
        }
        lock (Writer.Gate)
        {
            // The file is open while any manager is; a new run after all had closed appends to it.
            if (_managers.IsEmpty)
                Writer.Resume();
            _managers[session] = 0;
            var w = Writer.Begin(SessionOps.OpenResourceManager, start, SessionWriter.Now());
            w.WriteNumber(SessionFields.ResourceManager, session);
            Writer.Commit();
        }
        return session;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var start = SessionWriter.Now();
        IReadOnlyList<string> names;
        try
        {
            names = Inner.ListResources(resourceManagerSession, query);
        }
        catch (Exception e)
        {
            Fail(SessionOps.List, resourceManagerSession, start, e, w => w.WriteString(SessionFields.Query, query));
            throw;
        }
        lock (Writer.Gate)
        {
            var w = BeginManager(SessionOps.List, resourceManagerSession, start);
            w.WriteString(SessionFields.Query, query);
            w.WriteStartArray(SessionFields.Names);
            foreach (var name in names)
                w.WriteStringValue(name);
            w.WriteEndArray();
            Writer.Commit();
        }
        return names;
    }

    /// <inheritdoc/>
    public override ResourceInfo ParseResource(int resourceManagerSession, string resourceName)
    {
        var start = SessionWriter.Now();
        ResourceInfo info;
        try
        {
            info = Inner.ParseResource(resourceManagerSession, resourceName);
        }
        catch (Exception e)
        {
            Fail(SessionOps.Parse, resourceManagerSession, start, e, w => w.WriteString(SessionFields.Resource, resourceName));
            throw;
        }
        lock (Writer.Gate)
        {
            var w = BeginManager(SessionOps.Parse, resourceManagerSession, start);
            w.WriteString(SessionFields.Resource, resourceName);
            OperationArgs.Info(w, info);
            Writer.Commit();
        }
        return info;
    }

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var start = SessionWriter.Now();
        int session;
        try
        {
            session = Inner.Open(resourceManagerSession, resourceName, accessMode, openTimeout);
        }
        catch (Exception e)
        {
            Fail(SessionOps.Open, resourceManagerSession, start, e, w =>
            {
                w.WriteString(SessionFields.Resource, resourceName);
                OpenArgs(w, accessMode, openTimeout);
            });
            throw;
        }
        _resources[session] = new SessionLines(session, resourceName);
        lock (Writer.Gate)
        {
            var w = BeginManager(SessionOps.Open, resourceManagerSession, start);
            w.WriteString(SessionFields.Resource, resourceName);
            OpenArgs(w, accessMode, openTimeout);
            w.WriteNumber(SessionFields.Session, session);
            Writer.Commit();
        }
        return session;
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        var start = SessionWriter.Now();
        var manager = _managers.ContainsKey(session);
        var op = manager ? SessionOps.CloseResourceManager : SessionOps.Close;
        try
        {
            Inner.Close(session);
        }
        catch (Exception e)
        {
            Fail(op, session, start, e);
            throw;
        }
        Done(op, session, start);
        _resources.TryRemove(session, out _);
        if (manager)
        {
            lock (Writer.Gate)
            {
                if (_managers.TryRemove(session, out _) && _managers.IsEmpty)
                    Writer.Suspend();
            }
        }
    }

    /// <inheritdoc/>
    public override MessageTerminations DefaultTerminations(int session, ResourceInfo info)
    {
        var start = SessionWriter.Now();
        var terminations = Inner.DefaultTerminations(session, info);
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.Terminations, session, start);
            if (terminations.Read is null)
                w.WriteNull(SessionFields.ReadTermination);
            else
                w.WriteString(SessionFields.ReadTermination, terminations.Read);
            w.WriteString(SessionFields.WriteTermination, terminations.Write);
            Writer.Commit();
        }
        return terminations;
    }

    /// <inheritdoc/>
    public override string StatusDescription(int session, StatusCode status) => Inner.StatusDescription(session, status);

    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute)
    {
        var start = SessionWriter.Now();
        object value;
        try
        {
            value = Inner.GetAttribute(session, attribute);
        }
        catch (Exception e)
        {
            Fail(SessionOps.GetAttribute, session, start, e, w => OperationArgs.Attribute(w, attribute));
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.GetAttribute, session, start);
            OperationArgs.Attribute(w, attribute);
            OperationArgs.Value(w, SessionFields.Value, value);
            Writer.Commit();
        }
        return value;
    }

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        var start = SessionWriter.Now();
        StatusCode status;
        try
        {
            status = Inner.SetAttribute(session, attribute, value);
        }
        catch (Exception e)
        {
            Fail(SessionOps.SetAttribute, session, start, e, w => SetAttributeArgs(w, attribute, value));
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.SetAttribute, session, start);
            SetAttributeArgs(w, attribute, value);
            w.WriteString(SessionFields.Status, status.Abbreviation());
            Writer.Commit();
        }
        return status;
    }

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) => _resources.TryGetValue(session, out var resource) ? resource.Name : null;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer?.Dispose();
            if (_inner is not null)
                _inner.Warning -= ForwardWarning;
            if (_ownsInner)
                _inner?.Dispose();
        }
        base.Dispose(disposing);
    }

    internal static void OpenArgs(Utf8JsonWriter w, AccessMode accessMode, TimeSpan openTimeout)
    {
        OperationArgs.Name(w, SessionFields.Mode, accessMode);
        OperationArgs.Milliseconds(w, SessionFields.OpenTimeout, openTimeout);
    }

    internal static void SetAttributeArgs(Utf8JsonWriter w, VisaAttribute attribute, object value)
    {
        OperationArgs.Attribute(w, attribute);
        OperationArgs.Value(w, SessionFields.Value, value);
    }

    /// <summary>Starts a line about a resource session: its handle and the name it was opened with.</summary>
    private Utf8JsonWriter Begin(string op, int session, long start)
    {
        var w = Writer.Begin(op, start, SessionWriter.Now());
        w.WriteNumber(HotFields.Session, session);
        if (_resources.TryGetValue(session, out var resource))
            w.WriteString(HotFields.Resource, resource.Encoded);
        return w;
    }

    private Utf8JsonWriter BeginManager(string op, int resourceManagerSession, long start)
    {
        var w = Writer.Begin(op, start, SessionWriter.Now());
        w.WriteNumber(SessionFields.ResourceManager, resourceManagerSession);
        return w;
    }

    /// <summary>Records an operation that has nothing to say beyond having happened.</summary>
    private void Done(string op, int session, long start)
    {
        lock (Writer.Gate)
        {
            if (op == SessionOps.CloseResourceManager)
                BeginManager(op, session, start);
            else
                Begin(op, session, start);
            Writer.Commit();
        }
    }

    /// <summary>Records a failed operation: its arguments and the error.</summary>
    private void Fail(string op, int? session, long start, Exception e, Action<Utf8JsonWriter>? args = null)
    {
        lock (Writer.Gate)
        {
            Utf8JsonWriter w;
            if (session is not { } s)
                w = Writer.Begin(op, start, SessionWriter.Now());
            else if (SessionOps.IsManagerLevel(op) || op is SessionOps.Open)
                w = BeginManager(op, s, start);
            else
                w = Begin(op, s, start);
            args?.Invoke(w);
            OperationArgs.Error(w, e);
            Writer.Commit();
        }
    }

    private void ForwardWarning(object? sender, VisaWarningEventArgs e) => ReportWarning(e.Status, e.Operation, e.ResourceName);

    private static string DescribeInner(VisaLibrary inner, string? spec)
    {
        if (!string.IsNullOrEmpty(spec))
            return spec;
        var name = inner.BackendName.Length > 0 ? "@" + inner.BackendName : inner.GetType().Name;
        return inner.Argument.Length > 0 ? inner.Argument + name : name;
    }

    private static VisaException NotConfigured() => new(StatusCode.ErrorInvalidSetup,
        "The @record backend needs a session file and the backend to record, e.g. 'run.jsonl|@sim@record' or 'run.jsonl|file.yaml@sim@record'.",
        "Record");
}
