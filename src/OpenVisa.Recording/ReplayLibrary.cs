using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// A backend that plays a recorded session back: every operation the program does must match the next one recorded
/// (kind, resource, data, arguments), and gets the recorded result: the same bytes, statuses, errors and, if asked,
/// the same delays. Registered as <c>@replay</c>: <c>new ResourceManager("run.jsonl@replay")</c>, or with options
/// <c>"run.jsonl|match=relaxed@replay"</c> (see <see cref="ReplayOptions.Parse"/>). Reads OpenVisa session files and
/// PyTestLab replay YAML. A divergence throws <see cref="ReplayMismatchException"/>.
/// </summary>
/// <remarks>
/// Reads are served from the recorded replies whatever the program's buffer size: a reply recorded in one chunk can
/// be read in several and the other way round. A run ends when its last resource manager closes; the next manager
/// opened after a complete (or failed) run starts the file again, so one process can replay a file many times.
/// </remarks>
public sealed partial class ReplayLibrary : VisaLibrary
{
    private readonly ReplayScript? _script;
    private readonly SessionLog? _log;
    private readonly ConcurrentDictionary<int, ReplayBinding> _sessions = new();
    private readonly ConcurrentDictionary<int, (int Recorded, int OpenIndex)> _managers = new();
    private int _next;

    /// <summary>The registry's constructor: <paramref name="argument"/> is <c>FILE</c> or <c>FILE|OPTIONS</c>. An empty argument gives a library that only explains its use.</summary>
    public ReplayLibrary(string argument)
        : base(argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            Options = ReplayOptions.Default;
            return;
        }
        var (file, options) = RecordReplaySpec.SplitReplayArgument(argument);
        Options = options;
        _log = LoadForBackend(file);
        _script = new ReplayScript(_log, options);
    }

    /// <summary>Replays <paramref name="sessionFile"/>.</summary>
    public ReplayLibrary(string sessionFile, ReplayOptions? options)
        : this(SessionLog.Load(sessionFile), options)
    {
    }

    /// <summary>Replays a loaded session.</summary>
    public ReplayLibrary(SessionLog log, ReplayOptions? options = null)
        : base(log?.Source ?? "")
    {
        ArgumentNullException.ThrowIfNull(log);
        Options = options ?? ReplayOptions.Default;
        _log = log;
        _script = new ReplayScript(log, Options);
    }

    /// <summary>The session being replayed.</summary>
    public SessionLog Log => _log ?? throw NotConfigured();

    /// <summary>How it is replayed.</summary>
    public ReplayOptions Options { get; }

    /// <summary>Recorded operations not replayed yet.</summary>
    public IReadOnlyList<SessionOperation> Remaining => Script.Remaining;

    /// <summary>True when every recorded operation has been replayed.</summary>
    public bool IsComplete => Script.Complete;

    private ReplayScript Script => _script ?? throw NotConfigured();

    private bool IsPyTestLab => Log.Format == SessionLogFormat.PyTestLab;

    /// <summary>Starts the file again from its first operation (open sessions keep working against the new run).</summary>
    public void Reset() => Script.Reset();

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo() => _log is null
        ? [new("Usage", "replays a session file: 'session.jsonl@replay' or 'session.jsonl|match=relaxed,timing=recorded@replay'")]
        : [new("Session file", _log.Source), new("Operations", _log.Operations.Count.ToString(CultureInfo.InvariantCulture)), new("Options", Options.ToString())];

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        var script = Script;
        if (_managers.IsEmpty && script.Started && (script.Complete || script.Failed))
            script.Reset();
        var id = Interlocked.Increment(ref _next);
        if (IsPyTestLab)
        {
            _managers[id] = (0, -1);
            return id;
        }
        var entry = Run(new ReplayCall(SessionOps.OpenResourceManager, null));
        _managers[id] = (entry.ResourceManager ?? 0, entry.Position);
        return id;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var manager = Manager(resourceManagerSession, nameof(ListResources));
        if (IsPyTestLab)
        {
            var pattern = VisaPattern.Parse(query);
            return [.. Log.Aliases.Select(a => a.Resource ?? a.Alias).Where(n => ResourceName.TryParse(n, out _) && pattern.IsMatch(n))];
        }
        var call = new ReplayCall(SessionOps.List, null) { RecordedManager = manager.Recorded, From = manager.OpenIndex };
        call.Writer.WriteString(SessionFields.Query, query);
        var entry = Run(call);
        return entry.Fields.TryGetProperty(SessionFields.Names, out var names) && names.ValueKind == JsonValueKind.Array
            ? [.. names.EnumerateArray().Select(n => n.GetString() ?? "")]
            : [];
    }

    /// <inheritdoc/>
    public override ResourceInfo ParseResource(int resourceManagerSession, string resourceName)
    {
        var recorded = Script.Find(op => op.Op == SessionOps.Parse && op.Resource == resourceName)
            ?? Script.Find(op => op.Op == SessionOps.Parse && string.Equals(op.Resource, resourceName, StringComparison.OrdinalIgnoreCase));
        if (recorded is not null)
        {
            if (recorded.Error is { } error)
                throw error.ToException();
            if (recorded.Fields.TryGetProperty(SessionFields.Info, out var info) && InfoFrom(info) is { } parsed)
                return parsed;
        }
        if (IsPyTestLab && FindAlias(resourceName) is { } alias && !ResourceName.TryParse(resourceName, out _))
            return new ResourceInfo(InterfaceType.Tcpip, 0, "SOCKET", alias.Resource ?? alias.Alias, alias.Alias);
        return base.ParseResource(resourceManagerSession, resourceName);
    }

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var manager = Manager(resourceManagerSession, nameof(Open));
        int recorded, openIndex;
        if (IsPyTestLab)
        {
            var alias = FindAlias(resourceName) ?? throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"{Log.Source} has no instrument for '{resourceName}'; it holds {string.Join(", ", Log.Aliases.Select(a => a.Resource is null ? a.Alias : $"{a.Alias} ({a.Resource})"))}. Open one by its alias or address.",
                nameof(Open), resourceName);
            (recorded, openIndex) = (alias.Session, -1);
        }
        else
        {
            var call = new ReplayCall(SessionOps.Open, resourceName) { RecordedManager = manager.Recorded, From = manager.OpenIndex };
            RecordingLibrary.OpenArgs(call.Writer, accessMode, openTimeout);
            var entry = Run(call);
            (recorded, openIndex) = (entry.Session ?? 0, entry.Position);
        }
        var id = Interlocked.Increment(ref _next);
        _sessions[id] = new ReplayBinding(recorded, openIndex, resourceName, resourceManagerSession);
        return id;
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        if (_managers.TryRemove(session, out var manager))
        {
            foreach (var (id, binding) in _sessions.Where(p => p.Value.Manager == session).ToList())
                _sessions.TryRemove(id, out _);
            if (IsPyTestLab)
                Script.CloseAll();
            else
                Script.CloseManager(manager.Recorded, manager.OpenIndex);
            return;
        }
        if (!_sessions.TryRemove(session, out var closed))
            throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open in this replay.", nameof(Close));
        Script.CloseSession(closed);
    }

    /// <inheritdoc/>
    public override MessageTerminations DefaultTerminations(int session, ResourceInfo info)
    {
        var binding = Bind(session, nameof(DefaultTerminations));
        var recorded = Script.Find(op => op.Op == SessionOps.Terminations && op.Session == binding.RecordedSession && op.Position > binding.OpenIndex);
        if (recorded is null || !recorded.Fields.TryGetProperty(SessionFields.WriteTermination, out var write))
            return base.DefaultTerminations(session, info);
        return new MessageTerminations(recorded.String(SessionFields.ReadTermination), write.GetString() ?? "\n");
    }

    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute)
    {
        var binding = Bind(session, nameof(GetAttribute));
        if (MatchesAttributes)
        {
            var call = Call(SessionOps.GetAttribute, binding);
            OperationArgs.Attribute(call.Writer, attribute);
            var entry = Run(call);
            return entry.Fields.TryGetProperty(SessionFields.Value, out var value)
                ? AttributeValue(attribute, value)
                : throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"The recorded read of {attribute} at #{entry.Index} has no value.", nameof(GetAttribute), binding.Resource);
        }
        lock (binding)
        {
            if (binding.Attributes.TryGetValue(attribute, out var stored))
                return stored;
        }
        var name = NameOf(attribute);
        var recorded = Script.Find(op => op.Op is SessionOps.GetAttribute or SessionOps.SetAttribute && op.Session == binding.RecordedSession &&
                                         op.Position > binding.OpenIndex && op.String(SessionFields.Attribute) == name && op.Error is null);
        if (recorded is not null && recorded.Fields.TryGetProperty(SessionFields.Value, out var found))
            return AttributeValue(attribute, found);
        if (VisaAttributes.TryGetInfo(attribute, out var info) && info.Default is { } fallback)
            return fallback;
        throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"{name} was never read or written in {Log.Source}, and has no default.", nameof(GetAttribute), binding.Resource);
    }

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        var binding = Bind(session, nameof(SetAttribute));
        var status = StatusCode.Success;
        if (MatchesAttributes)
        {
            var call = Call(SessionOps.SetAttribute, binding);
            RecordingLibrary.SetAttributeArgs(call.Writer, attribute, value);
            status = Run(call).Status ?? StatusCode.Success;
        }
        lock (binding)
            binding.Attributes[attribute] = VisaAttributes.TryGetInfo(attribute, out _) ? VisaAttributes.Convert(attribute, value) : value;
        return status;
    }

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) => _sessions.TryGetValue(session, out var binding) ? binding.Resource : null;

    private bool MatchesAttributes => Options.MatchAttributes && !IsPyTestLab;

    private ReplayBinding Bind(int session, string operation) => _sessions.TryGetValue(session, out var binding)
        ? binding
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open in this replay.", operation);

    private (int Recorded, int OpenIndex) Manager(int session, string operation) => _managers.TryGetValue(session, out var manager)
        ? manager
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"Resource manager session {session} is not open in this replay.", operation);

    private static ReplayCall Call(string op, ReplayBinding binding) =>
        new(op, binding.Resource) { RecordedSession = binding.RecordedSession, From = binding.OpenIndex };

    private SessionAlias? FindAlias(string name) =>
        Log.Aliases.FirstOrDefault(a => string.Equals(a.Alias, name, StringComparison.OrdinalIgnoreCase))
        ?? Log.Aliases.FirstOrDefault(a => a.Resource is not null && ReplayScript.SameResource(a.Resource, name))
        ?? (Log.Aliases.Count == 1 ? Log.Aliases[0] : null);

    private static string NameOf(VisaAttribute attribute) =>
        VisaAttributes.TryGetInfo(attribute, out var info) ? info.Name : "0x" + ((uint)attribute).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>A recorded attribute value as the attribute's CLR type.</summary>
    private static object AttributeValue(VisaAttribute attribute, JsonElement value)
    {
        object raw = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetUInt64(out var u) => u,
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.Object => SessionPayload.Read(value) ?? (object)value.GetRawText(),
            _ => value.GetRawText(),
        };
        return VisaAttributes.TryGetInfo(attribute, out _) ? VisaAttributes.Convert(attribute, raw) : raw;
    }

    private static ResourceInfo? InfoFrom(JsonElement info)
    {
        if (!info.TryGetProperty(SessionFields.Interface, out var type) || !Enum.TryParse<InterfaceType>(type.GetString(), out var interfaceType))
            return null;
        int? board = info.TryGetProperty(SessionFields.Board, out var b) && b.TryGetInt32(out var n) ? n : null;
        var resourceClass = info.TryGetProperty(SessionFields.Class, out var c) ? c.GetString() ?? "" : "";
        var name = info.TryGetProperty(SessionFields.Name, out var canonical) ? canonical.GetString() ?? "" : "";
        var alias = info.TryGetProperty(SessionFields.Alias, out var a) ? a.GetString() : null;
        return new ResourceInfo(interfaceType, board, resourceClass, name, alias);
    }

    private static SessionLog LoadForBackend(string file)
    {
        try
        {
            return SessionLog.Load(file);
        }
        catch (InvalidDataException e)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup, e.Message, "Replay");
        }
    }

    private static VisaException NotConfigured() => new(StatusCode.ErrorInvalidSetup,
        "The @replay backend needs a session file, e.g. 'run.jsonl@replay' or 'run.jsonl|match=relaxed@replay'.", "Replay");
}
