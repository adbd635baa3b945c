namespace OpenVisa.Managed.Sessions;

/// <summary>
/// A resource-manager session: owns the sessions opened through it, so closing it closes them, and two managers on
/// one library never close each other's resources.
/// </summary>
internal sealed class ResourceManagerSession(int handle)
{
    private readonly Lock _gate = new();
    private readonly HashSet<ManagedSession> _sessions = [];
    private bool _closed;

    /// <summary>The session handle.</summary>
    public int Handle { get; } = handle;

    /// <summary>Adopts <paramref name="session"/>; false when this manager was closed meanwhile.</summary>
    public bool TryAdopt(ManagedSession session)
    {
        lock (_gate)
        {
            if (_closed)
                return false;
            _sessions.Add(session);
            session.Owner = this;
            return true;
        }
    }

    /// <summary>Forgets a session that closed on its own.</summary>
    public void Release(ManagedSession session)
    {
        lock (_gate)
            _sessions.Remove(session);
    }

    /// <summary>Marks the manager closed and hands back the sessions it still owned, for the caller to close.</summary>
    public ManagedSession[] CloseAndTakeSessions()
    {
        lock (_gate)
        {
            _closed = true;
            var owned = _sessions.ToArray();
            _sessions.Clear();
            return owned;
        }
    }
}
