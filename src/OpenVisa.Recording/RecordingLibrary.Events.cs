using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenVisa;

public sealed partial class RecordingLibrary
{
    private readonly Dictionary<(int Session, EventType Type, VisaEventHandler Handler, object? UserHandle), VisaEventHandler> _handlers = [];

    /// <inheritdoc/>
    public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        RunStatus(SessionOps.EnableEvent, session, () => Inner.EnableEvent(session, eventType, mechanism), w => EventArgs(w, eventType, mechanism));

    /// <inheritdoc/>
    public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) =>
        RunStatus(SessionOps.DisableEvent, session, () => Inner.DisableEvent(session, eventType, mechanism), w => EventArgs(w, eventType, mechanism));

    /// <inheritdoc/>
    public override StatusCode DiscardEvents(int session, EventType eventType, EventMechanism mechanism) =>
        RunStatus(SessionOps.DiscardEvents, session, () => Inner.DiscardEvents(session, eventType, mechanism), w => EventArgs(w, eventType, mechanism));

    /// <inheritdoc/>
    public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout) =>
        RunValue(SessionOps.WaitOnEvent, session, () => Inner.WaitOnEvent(session, eventType, timeout), w => WaitArgs(w, eventType, timeout), WaitResult);

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<VisaEvent> WaitOnEventAsync(int session, EventType eventType, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        VisaEvent received;
        try
        {
            received = await Inner.WaitOnEventAsync(session, eventType, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(SessionOps.WaitOnEvent, session, start, e, w => WaitArgs(w, eventType, timeout));
            throw;
        }
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.WaitOnEvent, session, start);
            WaitArgs(w, eventType, timeout);
            WaitResult(w, received);
            Writer.Commit();
        }
        return received;
    }

    /// <inheritdoc/>
    public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        // The inner backend calls our wrapper, which records each delivery and then calls the program's handler.
        VisaEventHandler wrapper = (s, visaEvent, handle) =>
        {
            LogEvent(s, visaEvent);
            handler(s, visaEvent, handle);
        };
        Run(SessionOps.InstallHandler, session, () => Inner.InstallHandler(session, eventType, wrapper, userHandle), w => OperationArgs.Name(w, SessionFields.EventType, eventType));
        lock (_handlers)
            _handlers[(session, eventType, handler, userHandle)] = wrapper;
    }

    /// <inheritdoc/>
    public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        VisaEventHandler? wrapper = null;
        if (handler is not null)
        {
            lock (_handlers)
            {
                if (_handlers.Remove((session, eventType, handler, userHandle), out var found))
                    wrapper = found;
            }
            // A handler this library never wrapped is passed on as it is, so the inner backend reports it.
            wrapper ??= handler;
        }
        else
        {
            lock (_handlers)
            {
                foreach (var key in _handlers.Keys.Where(k => k.Session == session && k.Type == eventType).ToList())
                    _handlers.Remove(key);
            }
        }
        Run(SessionOps.UninstallHandler, session, () => Inner.UninstallHandler(session, eventType, wrapper, userHandle), w => OperationArgs.Name(w, SessionFields.EventType, eventType));
    }

    internal static void EventArgs(Utf8JsonWriter w, EventType eventType, EventMechanism mechanism)
    {
        OperationArgs.Name(w, SessionFields.EventType, eventType);
        OperationArgs.Name(w, SessionFields.Mechanism, mechanism);
    }

    internal static void WaitArgs(Utf8JsonWriter w, EventType eventType, TimeSpan timeout)
    {
        OperationArgs.Name(w, SessionFields.EventType, eventType);
        OperationArgs.Milliseconds(w, SessionFields.Timeout, timeout);
    }

    private static void WaitResult(Utf8JsonWriter w, VisaEvent received)
    {
        w.WriteStartObject(SessionFields.Result);
        OperationArgs.Event(w, received);
        w.WriteEndObject();
    }

    private void LogEvent(int session, VisaEvent visaEvent)
    {
        var now = SessionWriter.Now();
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.Event, session, now);
            OperationArgs.Event(w, visaEvent);
            Writer.Commit();
        }
    }
}
