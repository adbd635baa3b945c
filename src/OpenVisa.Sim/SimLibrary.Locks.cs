namespace OpenVisa.Sim;

public sealed partial class SimLibrary
{
    /// <inheritdoc/>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var s = Session(session, nameof(Lock));
        var key = s.Instrument.Locks.Lock(session, lockType, timeout, requestedKey, s.Entry.Name, out var status);
        LastStatus = status;
        return key;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock(int session)
    {
        var s = Session(session, nameof(Unlock));
        return s.Instrument.Locks.Unlock(session, s.Entry.Name);
    }
}
