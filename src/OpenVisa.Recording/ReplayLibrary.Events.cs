namespace OpenVisa;

public sealed partial class ReplayLibrary
{
    /// <inheritdoc/>
    public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) => EventStatus(SessionOps.EnableEvent, session, eventType, mechanism);

    /// <inheritdoc/>
    public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) => EventStatus(SessionOps.DisableEvent, session, eventType, mechanism);

    /// <inheritdoc/>
    public override StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism) => EventStatus(SessionOps.DiscardEvents, session, eventType, mechanism);

    /// <inheritdoc/>
    public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout) => Received(Run(WaitCall(session, eventType, timeout)));

    /// <inheritdoc/>
    public override async ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Received(await RunAsync(WaitCall(session, eventType, timeout), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var binding = Bind(session, nameof(InstallHandler));
        var call = Call(SessionOps.InstallHandler, binding);
        OperationArgs.Name(call.Writer, SessionFields.EventType, eventType);
        Run(call);
        lock (binding)
            binding.Handlers.Add((eventType, handler, userHandle));
    }

    /// <inheritdoc/>
    public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        var binding = Bind(session, nameof(UninstallHandler));
        var call = Call(SessionOps.UninstallHandler, binding);
        OperationArgs.Name(call.Writer, SessionFields.EventType, eventType);
        Run(call);
        lock (binding)
            binding.Handlers.RemoveAll(h => h.Type == eventType && (handler is null || h.Handler == handler && Equals(h.UserHandle, userHandle)));
    }

    private StatusCode EventStatus(string op, int session, EventType eventType, EventMechanism mechanism)
    {
        var call = Call(op, Bind(session, op));
        RecordingLibrary.EventArgs(call.Writer, eventType, mechanism);
        return Run(call).Status ?? StatusCode.Success;
    }

    private ReplayCall WaitCall(int session, EventType eventType, TimeSpan timeout)
    {
        var call = Call(SessionOps.WaitOnEvent, Bind(session, nameof(WaitOnEvent)));
        RecordingLibrary.WaitArgs(call.Writer, eventType, timeout);
        return call;
    }

    private VisaEvent Received(SessionOperation entry) =>
        entry.Fields.TryGetProperty(SessionFields.Result, out var result) && EventFrom(result) is { } received
            ? received
            : throw new VisaException(StatusCode.ErrorInvalidSetup, $"The recorded wait #{entry.Index} in {Log.Source} has no event in its result.", nameof(WaitOnEvent));
}
