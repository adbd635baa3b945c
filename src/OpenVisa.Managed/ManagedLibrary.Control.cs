namespace OpenVisa.Managed;

// Terminate and events: each finds the session and lets it do the work.
public sealed partial class ManagedLibrary
{
    /// <inheritdoc/>
    public override void Terminate(int session, int degree, int jobId) => Find(session, nameof(Terminate)).Terminate(degree, jobId);

    /// <inheritdoc/>
    public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        LastStatus = Find(session, nameof(EnableEvent)).EnableEvent(eventType, mechanism);

    /// <inheritdoc/>
    public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        LastStatus = Find(session, nameof(DisableEvent)).DisableEvent(eventType, mechanism);

    /// <inheritdoc/>
    public override StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism) =>
        LastStatus = Find(session, nameof(DiscardEvents)).DiscardEvents(eventType, mechanism);

    /// <inheritdoc/>
    public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout) => Find(session, nameof(WaitOnEvent)).WaitOnEvent(eventType, timeout);

    /// <inheritdoc/>
    public override ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Find(session, nameof(WaitOnEvent)).WaitOnEventAsync(eventType, timeout, cancellationToken);

    /// <inheritdoc/>
    public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle) =>
        Find(session, nameof(InstallHandler)).InstallHandler(eventType, handler, userHandle);

    /// <inheritdoc/>
    public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle) =>
        Find(session, nameof(UninstallHandler)).UninstallHandler(eventType, handler, userHandle);
}
