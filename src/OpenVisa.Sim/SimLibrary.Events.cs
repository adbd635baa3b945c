namespace OpenVisa.Sim;

public sealed partial class SimLibrary
{
    /// <inheritdoc/>
    public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism)
    {
        var s = Session(session, nameof(EnableEvent));
        return s.Events.Enable(eventType, mechanism);
    }

    /// <inheritdoc/>
    public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism)
    {
        var s = Session(session, nameof(DisableEvent));
        return s.Events.Disable(eventType, mechanism);
    }

    /// <inheritdoc/>
    public override StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism)
    {
        var s = Session(session, nameof(DiscardEvents));
        return s.Events.Discard(eventType, mechanism);
    }

    /// <inheritdoc/>
    public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout)
    {
        var s = Session(session, nameof(WaitOnEvent));
        return s.Events.Wait(eventType, timeout);
    }

    /// <inheritdoc/>
    public override ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var s = Session(session, nameof(WaitOnEvent));
        return s.Events.WaitAsync(eventType, timeout, cancellationToken);
    }

    /// <inheritdoc/>
    public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        var s = Session(session, nameof(InstallHandler));
        s.Events.Install(eventType, handler, userHandle);
    }

    /// <inheritdoc/>
    public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        var s = Session(session, nameof(UninstallHandler));
        s.Events.Uninstall(eventType, handler, userHandle);
    }
}
