namespace OpenVisa;

public abstract partial class VisaLibrary
{
    /// <summary>Starts delivering events of <paramref name="eventType"/> to the session by <paramref name="mechanism"/>.</summary>
    public virtual StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) => throw Unsupported(nameof(EnableEvent), session);

    /// <summary>Stops delivering events of <paramref name="eventType"/> by <paramref name="mechanism"/>.</summary>
    public virtual StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) => throw Unsupported(nameof(DisableEvent), session);

    /// <summary>Discards queued or pending events of <paramref name="eventType"/>.</summary>
    public virtual StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism) => throw Unsupported(nameof(DiscardEvents), session);

    /// <summary>Waits for a queued event; <see cref="StatusCode.ErrorTimeout"/> when none arrives in time.</summary>
    public virtual VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout) => throw Unsupported(nameof(WaitOnEvent), session);

    /// <summary>The asynchronous wait; the default runs <see cref="WaitOnEvent"/> inline.</summary>
    public virtual ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(WaitOnEvent(session, eventType, timeout));
    }

    /// <summary>Installs a handler for events delivered by <see cref="EventMechanism.Handler"/>.</summary>
    public virtual void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle) => throw Unsupported(nameof(InstallHandler), session);

    /// <summary>Removes a handler; a null <paramref name="handler"/> removes all of them for the event type.</summary>
    public virtual void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle) => throw Unsupported(nameof(UninstallHandler), session);
}
