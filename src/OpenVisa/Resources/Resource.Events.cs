namespace OpenVisa;

public partial class Resource
{
    /// <summary>Starts delivering <paramref name="eventType"/> events by <paramref name="mechanism"/>.</summary>
    public void EnableEvent(EventType eventType, EventMechanism mechanism = EventMechanism.Queue) =>
        Run(nameof(EnableEvent), () => Complete(Library.EnableEvent(Session, eventType, mechanism), nameof(EnableEvent)));

    /// <summary>Stops delivering <paramref name="eventType"/> events by <paramref name="mechanism"/>.</summary>
    public void DisableEvent(EventType eventType, EventMechanism mechanism = EventMechanism.All) =>
        Run(nameof(DisableEvent), () => Complete(Library.DisableEvent(Session, eventType, mechanism), nameof(DisableEvent)));

    /// <summary>Drops queued events of <paramref name="eventType"/>.</summary>
    public void DiscardEvents(EventType eventType, EventMechanism mechanism = EventMechanism.All) =>
        Run(nameof(DiscardEvents), () => Complete(Library.DiscardEvents(Session, eventType, mechanism), nameof(DiscardEvents)));

    /// <summary>Waits for a queued event; throws <see cref="StatusCode.ErrorTimeout"/> when none comes in time.</summary>
    public VisaEvent WaitOnEvent(EventType eventType, TimeSpan timeout) =>
        Run(nameof(WaitOnEvent), () => Library.WaitOnEvent(Session, eventType, timeout));

    /// <summary>Waits for a queued event without blocking a thread.</summary>
    public async ValueTask<VisaEvent> WaitOnEventAsync(EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed(nameof(WaitOnEventAsync));
        try
        {
            var visaEvent = await Library.WaitOnEventAsync(Session, eventType, timeout, cancellationToken).ConfigureAwait(false);
            LastStatus = StatusCode.Success;
            return visaEvent;
        }
        catch (VisaException e)
        {
            throw Failed(e, nameof(WaitOnEventAsync));
        }
    }

    /// <summary>Installs a VISA event handler (enable the event with <see cref="EventMechanism.Handler"/> to receive calls).</summary>
    public void InstallHandler(EventType eventType, VisaEventHandler handler, object? userHandle = null) =>
        Run(nameof(InstallHandler), () => Library.InstallHandler(Session, eventType, handler, userHandle));

    /// <summary>Removes a handler installed with <see cref="InstallHandler"/>.</summary>
    public void UninstallHandler(EventType eventType, VisaEventHandler handler, object? userHandle = null) =>
        Run(nameof(UninstallHandler), () => Library.UninstallHandler(Session, eventType, handler, userHandle));
}
