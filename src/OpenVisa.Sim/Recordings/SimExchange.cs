namespace OpenVisa;

/// <summary>One message written to a resource and what came back before the next write: a query with its reply, or a command.</summary>
/// <param name="Message">The bytes written, termination included.</param>
/// <param name="Reply">The bytes read back (all chunks, termination included); null when nothing came back.</param>
/// <param name="TimedOut">True when a read after the write failed (the instrument did not answer).</param>
/// <param name="Index">The index of the write in the session file.</param>
internal sealed record SimExchange(byte[] Message, byte[]? Reply, bool TimedOut, int Index);

/// <summary>The recorded traffic of one resource, in order, and how its name and interface were recorded.</summary>
internal sealed class SimResourceTraffic(string canonical, InterfaceType interfaceType, string resourceClass)
{
    public string Canonical { get; } = canonical;

    public InterfaceType InterfaceType { get; } = interfaceType;

    public string ResourceClass { get; } = resourceClass;

    public List<SimExchange> Exchanges { get; } = [];

    /// <summary>Splits a session log into the traffic of each resource: writes paired with the reads that followed them.</summary>
    public static List<SimResourceTraffic> FromLog(SessionLog log)
    {
        var byName = new Dictionary<string, SimResourceTraffic>(StringComparer.OrdinalIgnoreCase);
        var open = new Dictionary<int, (SimResourceTraffic Traffic, PendingWrite? Pending)>();
        foreach (var op in log.Operations)
        {
            switch (op.Op)
            {
                case SessionOps.Open when op.Session is { } session && op.Error is null:
                    var traffic = Resolve(log, op.Resource ?? "", byName);
                    Flush(open, session);
                    open[session] = (traffic, null);
                    break;
                case SessionOps.Write when op.Session is { } session && op.Data is { } data:
                    var target = Target(log, open, byName, session, op);
                    Flush(open, session);
                    open[session] = (target, new PendingWrite(data, op.Index));
                    break;
                case SessionOps.Read when op.Session is { } session && open.TryGetValue(session, out var state) && state.Pending is { } pending:
                    if (op.Error is not null)
                        pending.TimedOut = true;
                    else
                        pending.Reply.AddRange(op.Data ?? []);
                    break;
                case SessionOps.Close when op.Session is { } session:
                    Flush(open, session);
                    open.Remove(session);
                    break;
            }
        }
        foreach (var session in open.Keys.ToList())
            Flush(open, session);
        return [.. byName.Values.Where(t => t.Exchanges.Count > 0)];
    }

    private static SimResourceTraffic Target(SessionLog log, Dictionary<int, (SimResourceTraffic Traffic, PendingWrite? Pending)> open,
        Dictionary<string, SimResourceTraffic> byName, int session, SessionOperation op) =>
        open.TryGetValue(session, out var state) ? state.Traffic : Resolve(log, op.Resource ?? $"session {session}", byName);

    private static void Flush(Dictionary<int, (SimResourceTraffic Traffic, PendingWrite? Pending)> open, int session)
    {
        if (!open.TryGetValue(session, out var state) || state.Pending is not { } pending)
            return;
        var reply = pending.Reply.Count > 0 ? pending.Reply.ToArray() : null;
        state.Traffic.Exchanges.Add(new SimExchange(pending.Message, reply, pending.TimedOut && reply is null, pending.Index));
        open[session] = (state.Traffic, null);
    }

    /// <summary>The traffic of a resource by its canonical name (from the recorded parse, else by parsing the name).</summary>
    private static SimResourceTraffic Resolve(SessionLog log, string name, Dictionary<string, SimResourceTraffic> byName)
    {
        var (canonical, interfaceType, resourceClass) = Identify(log, name);
        if (!byName.TryGetValue(canonical, out var traffic))
            byName[canonical] = traffic = new SimResourceTraffic(canonical, interfaceType, resourceClass);
        return traffic;
    }

    private static (string Canonical, InterfaceType Type, string Class) Identify(SessionLog log, string name)
    {
        var parse = log.Operations.FirstOrDefault(o => o.Op == SessionOps.Parse && o.Resource == name && o.Error is null);
        if (parse is not null && parse.Fields.TryGetProperty(SessionFields.Info, out var info) &&
            info.TryGetProperty(SessionFields.Name, out var canonical) && info.TryGetProperty(SessionFields.Interface, out var type) &&
            Enum.TryParse<InterfaceType>(type.GetString(), out var interfaceType) && info.TryGetProperty(SessionFields.Class, out var resourceClass))
            return (canonical.GetString() ?? name, interfaceType, resourceClass.GetString() ?? "INSTR");
        if (ResourceName.TryParse(name, out var parsed) && parsed is not null)
            return (parsed.Canonical, parsed.InterfaceType, parsed.ResourceClass);
        var alias = log.Aliases.FirstOrDefault(a => a.Alias == name);
        if (alias?.Resource is { } resource && ResourceName.TryParse(resource, out var aliased) && aliased is not null)
            return (aliased.Canonical, aliased.InterfaceType, aliased.ResourceClass);
        return (name, InterfaceType.Unknown, "INSTR");
    }

    private sealed class PendingWrite(byte[] message, int index)
    {
        public byte[] Message { get; } = message;

        public int Index { get; } = index;

        public List<byte> Reply { get; } = [];

        public bool TimedOut { get; set; }
    }
}
