using System.Collections.Concurrent;

namespace OpenVisa.TestSupport;

/// <summary>
/// What the in-test backends share: resource-manager and session bookkeeping (closing a manager closes its sessions),
/// per-session attributes, and reads that take the session's pending reply bytes up to the termination character.
/// A subclass decides what a session is and what a write produces.
/// </summary>
public abstract class InMemoryLibrary<TSession>(string argument, int firstHandle) : VisaLibrary(argument)
    where TSession : InMemorySession
{
    private readonly ConcurrentDictionary<int, TSession> _sessions = new();
    private readonly ConcurrentDictionary<int, List<int>> _managers = new();
    private int _next = firstHandle;

    /// <summary>Every session this library has open, for checks that managers close only their own.</summary>
    public int OpenSessionCount => _sessions.Count;

    /// <summary>
    /// True when a read that empties the reply ends with END even while the termination character is enabled
    /// (the reply's last byte carries END); false when END is reported only with the termination character off.
    /// </summary>
    protected virtual bool EndsWithLastByteWhenTerminationEnabled => true;

    public override int OpenDefaultResourceManager()
    {
        var id = Interlocked.Increment(ref _next);
        _managers[id] = [];
        return id;
    }

    public override void Close(int session)
    {
        if (_managers.TryRemove(session, out var owned))
        {
            foreach (var s in owned)
                _sessions.TryRemove(s, out _);
            return;
        }
        _sessions.TryRemove(session, out _);
    }

    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var s = Get(session);
        BeforeRead(s);
        lock (s)
        {
            if (s.Output.Count == 0)
                throw new VisaException(StatusCode.ErrorTimeout, "No reply is pending.", nameof(Read), s.Name);
            var termEnabled = (bool)s.Attributes[VisaAttribute.TerminationCharacterEnabled];
            var term = (byte)s.Attributes[VisaAttribute.TerminationCharacter];
            var count = Math.Min(buffer.Length, s.Output.Count);
            var status = StatusCode.SuccessMaxCountRead;
            if (termEnabled)
            {
                var at = s.Output.IndexOf(term, 0, count);
                if (at >= 0)
                {
                    count = at + 1;
                    status = StatusCode.SuccessTerminationCharacterRead;
                }
            }
            for (var i = 0; i < count; i++)
                buffer[i] = s.Output[i];
            s.Output.RemoveRange(0, count);
            if (status == StatusCode.SuccessMaxCountRead && s.Output.Count == 0 && (EndsWithLastByteWhenTerminationEnabled || !termEnabled))
                status = StatusCode.Success; // END with the last byte of the reply
            return new ReadResult(count, status);
        }
    }

    public override object GetAttribute(int session, VisaAttribute attribute) =>
        Get(session).Attributes.TryGetValue(attribute, out var value) ? value : base.GetAttribute(session, attribute);

    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        Get(session).Attributes[attribute] = value;
        return StatusCode.Success;
    }

    protected override string? DescribeSession(int session) => _sessions.TryGetValue(session, out var s) ? s.Name : null;

    /// <summary>Registers <paramref name="s"/> as a new session of <paramref name="resourceManagerSession"/>; its handle.</summary>
    protected int AddSession(int resourceManagerSession, TSession s)
    {
        var id = Interlocked.Increment(ref _next);
        _sessions[id] = s;
        lock (_managers[resourceManagerSession])
            _managers[resourceManagerSession].Add(id);
        return id;
    }

    /// <summary>Called before a read takes bytes, e.g. to fail a session whose device went away.</summary>
    protected virtual void BeforeRead(TSession s)
    {
    }

    protected TSession Get(int session) => _sessions.TryGetValue(session, out var s)
        ? s
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open.");
}

/// <summary>One session of an <see cref="InMemoryLibrary{TSession}"/>: its resource name, pending reply bytes and attributes.</summary>
public class InMemorySession(string name)
{
    public string Name { get; } = name;

    public List<byte> Output { get; } = [];

    public ConcurrentDictionary<VisaAttribute, object> Attributes { get; } = new()
    {
        [VisaAttribute.TimeoutValue] = 2000u,
        [VisaAttribute.TerminationCharacter] = (byte)'\n',
        [VisaAttribute.TerminationCharacterEnabled] = false,
        [VisaAttribute.SendEndEnabled] = true,
    };
}
