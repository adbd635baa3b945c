namespace OpenVisa.Native;

public sealed unsafe partial class IviLibrary
{
    private readonly NativeHandlerRegistry _handlers = new();

    /// <inheritdoc/>
    public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        Check(_api.EnableEvent((uint)session, (uint)eventType, (ushort)mechanism, 0), nameof(EnableEvent), session);

    /// <inheritdoc/>
    public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        Check(_api.DisableEvent((uint)session, (uint)eventType, (ushort)mechanism), nameof(DisableEvent), session);

    /// <inheritdoc/>
    public override StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism) =>
        Check(_api.DiscardEvents((uint)session, (uint)eventType, (ushort)mechanism), nameof(DiscardEvents), session);

    /// <summary>Waits with <c>viWaitOnEvent</c>, then closes the event context the library returned.</summary>
    public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout)
    {
        uint type, context;
        Check(_api.WaitOnEvent((uint)session, (uint)eventType, VisaTimeout.ToAttribute(timeout), &type, &context), nameof(WaitOnEvent), session);
        if (context != 0)
            _api.Close(context);
        return new VisaEvent((EventType)type);
    }

    /// <summary>Waits on a pool thread; the library's wait ends at <paramref name="timeout"/>.</summary>
    public override ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<VisaEvent>(Task.Run(() => WaitOnEvent(session, eventType, timeout), CancellationToken.None));
    }

    /// <summary>
    /// Installs one native callback (<see cref="NativeHandlerRegistry.Callback"/>) whose user handle leads back to
    /// <paramref name="handler"/>; the registration is held by a GC handle until it is uninstalled or the session closes.
    /// </summary>
    public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var registration = _handlers.Add(session, eventType, handler, userHandle);
        var status = _api.InstallHandler((uint)session, (uint)eventType, &NativeHandlerRegistry.Callback, registration.Cookie);
        if (status < 0)
            _handlers.Remove(registration);
        Check(status, nameof(InstallHandler), session);
    }

    /// <inheritdoc/>
    public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        foreach (var registration in _handlers.Matching(session, eventType, handler, userHandle))
        {
            Check(_api.UninstallHandler((uint)session, (uint)eventType, &NativeHandlerRegistry.Callback, registration.Cookie), nameof(UninstallHandler), session);
            _handlers.Remove(registration);
        }
    }

    private void ReleaseHandlers(int session) => _handlers.RemoveSession(session);
}
