namespace OpenVisa.Managed.Sessions;

// Lock taken while opening, termination of a call in progress, and events: overridden by the protocols that have them.
internal abstract partial class ManagedSession
{
    /// <summary>
    /// True when opening already took the lock the access mode asked for (VXI-11 <c>create_link</c> with
    /// <c>lockDevice</c>), so the library does not lock again.
    /// </summary>
    public virtual bool LockedOnOpen => false;

    /// <summary>Ends an operation in progress on another thread (<c>viTerminate</c>).</summary>
    public virtual void Terminate(int degree, int jobId) => throw Unsupported("Terminate");

    /// <summary>The session's events, or null when its interface has none.</summary>
    /// <remarks>
    /// Protocols build it with <see cref="EventHandlerDispatch.Inline"/>: their events come from one dedicated reader (the
    /// VXI-11 interrupt channel, HiSLIP's asynchronous channel, the USB interrupt-IN pump), so handlers see them in order.
    /// </remarks>
    protected virtual SessionEventQueue? Events => null;

    /// <summary><c>viEnableEvent</c>.</summary>
    public StatusCode EnableEvent(EventType eventType, EventMechanism mechanism) => RequireEvents("EnableEvent").Enable(eventType, mechanism);

    /// <summary><c>viDisableEvent</c>.</summary>
    public StatusCode DisableEvent(EventType eventType, EventMechanism mechanism) => RequireEvents("DisableEvent").Disable(eventType, mechanism);

    /// <summary><c>viDiscardEvents</c>.</summary>
    public StatusCode DiscardEvents(EventType eventType, EventMechanism mechanism) => RequireEvents("DiscardEvents").Discard(eventType, mechanism);

    /// <summary><c>viWaitOnEvent</c>.</summary>
    public VisaEvent WaitOnEvent(EventType eventType, TimeSpan timeout) => RequireEvents("WaitOnEvent").Wait(eventType, timeout);

    /// <summary>The asynchronous <c>viWaitOnEvent</c>.</summary>
    public ValueTask<VisaEvent> WaitOnEventAsync(EventType eventType, TimeSpan timeout, CancellationToken cancellationToken) =>
        RequireEvents("WaitOnEvent").WaitAsync(eventType, timeout, cancellationToken);

    /// <summary><c>viInstallHandler</c>.</summary>
    public void InstallHandler(EventType eventType, VisaEventHandler handler, object? userHandle) => RequireEvents("InstallHandler").Install(eventType, handler, userHandle);

    /// <summary><c>viUninstallHandler</c>.</summary>
    public void UninstallHandler(EventType eventType, VisaEventHandler? handler, object? userHandle) => RequireEvents("UninstallHandler").Uninstall(eventType, handler, userHandle);

    private SessionEventQueue RequireEvents(string operation) => Events ?? throw Unsupported(operation, "This interface delivers no events.");
}
