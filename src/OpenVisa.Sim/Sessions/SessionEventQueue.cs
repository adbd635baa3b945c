namespace OpenVisa.Sim.Sessions;

/// <summary>
/// The VISA event machinery of one session, independent of any backend: which event types are enabled and by which
/// mechanism, a bounded queue for <see cref="EventMechanism.Queue"/> (50 events, as VI_ATTR_MAX_QUEUE_LENGTH defaults),
/// installed handlers called on the thread pool for <see cref="EventMechanism.Handler"/>, and events held while handlers are
/// suspended. A backend calls <see cref="Raise"/> when something happens; the rest serves the VISA operations.
/// </summary>
internal sealed class SessionEventQueue(IReadOnlyCollection<EventType> supported, int capacity = 50)
{
    private readonly object _gate = new();
    private readonly Dictionary<EventType, EventMechanism> _enabled = [];
    private readonly LinkedList<VisaEvent> _queue = new();
    private readonly List<VisaEvent> _held = [];
    private readonly List<(EventType Type, VisaEventHandler Handler, object? UserHandle)> _handlers = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when an event was dropped because the queue was full; cleared when read.</summary>
    public bool Overflowed { get; private set; }

    public StatusCode Enable(EventType type, EventMechanism mechanism, string? resource)
    {
        CheckType(type, allowAll: false, "EnableEvent", resource);
        if (mechanism == 0 || (mechanism & ~(EventMechanism.Queue | EventMechanism.Handler | EventMechanism.SuspendHandler)) != 0
            || (mechanism & (EventMechanism.Handler | EventMechanism.SuspendHandler)) == (EventMechanism.Handler | EventMechanism.SuspendHandler))
            throw new VisaException(StatusCode.ErrorInvalidMechanism, $"The mechanism {mechanism} is not Queue, Handler or SuspendHandler (Handler and SuspendHandler exclude each other).", "EnableEvent", resource);
        List<VisaEvent> release = [];
        StatusCode status;
        lock (_gate)
        {
            if ((mechanism & EventMechanism.Handler) != 0 && !_handlers.Any(h => h.Type == type))
                throw new VisaException(StatusCode.ErrorHandlerNotInstalled, $"No handler is installed for {type}; install one before enabling the Handler mechanism.", "EnableEvent", resource);
            _enabled.TryGetValue(type, out var current);
            status = (current & mechanism) == mechanism ? StatusCode.SuccessEventEnabled : StatusCode.Success;
            if ((mechanism & EventMechanism.Handler) != 0)
                current &= ~EventMechanism.SuspendHandler;
            if ((mechanism & EventMechanism.SuspendHandler) != 0)
                current &= ~EventMechanism.Handler;
            _enabled[type] = current | mechanism;
            if ((mechanism & EventMechanism.Handler) != 0)
            {
                release.AddRange(_held.Where(e => e.Type == type));
                _held.RemoveAll(e => e.Type == type);
            }
        }
        foreach (var e in release)
            CallHandlers(0, e);
        return status;
    }

    public StatusCode Disable(EventType type, EventMechanism mechanism, string? resource)
    {
        CheckType(type, allowAll: true, "DisableEvent", resource);
        lock (_gate)
        {
            var changed = false;
            foreach (var key in _enabled.Keys.ToList())
            {
                if (type != EventType.AllEnabled && key != type)
                    continue;
                var before = _enabled[key];
                _enabled[key] = before & ~mechanism;
                changed |= before != _enabled[key];
            }
            return changed ? StatusCode.Success : StatusCode.SuccessEventDisabled;
        }
    }

    public StatusCode Discard(EventType type, EventMechanism mechanism, string? resource)
    {
        CheckType(type, allowAll: true, "DiscardEvents", resource);
        lock (_gate)
        {
            var removed = 0;
            if ((mechanism & EventMechanism.Queue) != 0)
            {
                for (var node = _queue.First; node is not null;)
                {
                    var next = node.Next;
                    if (type == EventType.AllEnabled || node.Value.Type == type)
                    {
                        _queue.Remove(node);
                        removed++;
                    }
                    node = next;
                }
            }
            if ((mechanism & EventMechanism.SuspendHandler) != 0)
                removed += _held.RemoveAll(e => type == EventType.AllEnabled || e.Type == type);
            return removed > 0 ? StatusCode.Success : StatusCode.SuccessQueueEmpty;
        }
    }

    /// <summary>Delivers an event by every mechanism enabled for its type.</summary>
    public void Raise(int session, VisaEvent visaEvent)
    {
        bool callHandlers;
        lock (_gate)
        {
            if (!_enabled.TryGetValue(visaEvent.Type, out var mechanism) || mechanism == 0)
                return;
            if ((mechanism & EventMechanism.Queue) != 0)
            {
                if (_queue.Count >= capacity)
                    Overflowed = true;
                else
                    _queue.AddLast(visaEvent);
                Monitor.PulseAll(_gate);
                var arrived = _arrived;
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived.TrySetResult();
            }
            if ((mechanism & EventMechanism.SuspendHandler) != 0)
                _held.Add(visaEvent);
            callHandlers = (mechanism & EventMechanism.Handler) != 0;
        }
        if (callHandlers)
            CallHandlers(session, visaEvent);
    }

    private void CallHandlers(int session, VisaEvent visaEvent)
    {
        List<(EventType, VisaEventHandler Handler, object? UserHandle)> handlers;
        lock (_gate)
            handlers = [.. _handlers.Where(h => h.Type == visaEvent.Type)];
        foreach (var (_, handler, userHandle) in handlers)
            ThreadPool.QueueUserWorkItem(_ => handler(session, visaEvent, userHandle));
    }

    public VisaEvent Wait(EventType type, TimeSpan timeout, string? resource)
    {
        CheckType(type, allowAll: true, "WaitOnEvent", resource);
        var deadline = WaitDeadline.After(timeout);
        lock (_gate)
        {
            CheckQueueEnabled(type, resource);
            while (true)
            {
                if (TakeLocked(type) is { } found)
                    return found;
                if (deadline.IsOver)
                    throw TimedOut(type, timeout, resource);
                Monitor.Wait(_gate, deadline.RemainingMilliseconds);
            }
        }
    }

    public async ValueTask<VisaEvent> WaitAsync(EventType type, TimeSpan timeout, string? resource, CancellationToken cancellationToken)
    {
        CheckType(type, allowAll: true, "WaitOnEvent", resource);
        var deadline = WaitDeadline.After(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                CheckQueueEnabled(type, resource);
                if (TakeLocked(type) is { } found)
                    return found;
                arrived = _arrived.Task;
            }
            var remaining = deadline.Remaining;
            if (deadline.IsOver)
                throw TimedOut(type, timeout, resource);
            await arrived.WaitAsync(remaining, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private VisaEvent? TakeLocked(EventType type)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            if (type == EventType.AllEnabled || node.Value.Type == type)
            {
                _queue.Remove(node);
                return node.Value;
            }
        }
        return null;
    }

    private void CheckQueueEnabled(EventType type, string? resource)
    {
        var enabled = type == EventType.AllEnabled
            ? _enabled.Values.Any(m => (m & EventMechanism.Queue) != 0)
            : _enabled.TryGetValue(type, out var mechanism) && (mechanism & EventMechanism.Queue) != 0;
        if (!enabled && !_queue.Any(e => type == EventType.AllEnabled || e.Type == type))
            throw new VisaException(StatusCode.ErrorNotEnabled, $"{type} is not enabled with the Queue mechanism; call EnableEvent({type}, Queue) first.", "WaitOnEvent", resource);
    }

    private static VisaException TimedOut(EventType type, TimeSpan timeout, string? resource) =>
        new(StatusCode.ErrorTimeout, $"No {type} event arrived within {(long)timeout.TotalMilliseconds} ms.", "WaitOnEvent", resource);

    public void Install(EventType type, VisaEventHandler handler, object? userHandle, string? resource)
    {
        CheckType(type, allowAll: false, "InstallHandler", resource);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
            _handlers.Add((type, handler, userHandle));
    }

    public void Uninstall(EventType type, VisaEventHandler? handler, object? userHandle, string? resource)
    {
        CheckType(type, allowAll: true, "UninstallHandler", resource);
        lock (_gate)
        {
            var removed = _handlers.RemoveAll(h => (type == EventType.AllEnabled || h.Type == type)
                && (handler is null || (h.Handler == handler && Equals(h.UserHandle, userHandle))));
            if (removed == 0 && handler is not null)
                throw new VisaException(StatusCode.ErrorInvalidHandlerReference, $"That handler (with that user handle) is not installed for {type}.", "UninstallHandler", resource);
        }
    }

    private void CheckType(EventType type, bool allowAll, string operation, string? resource)
    {
        if (type == EventType.AllEnabled ? !allowAll : !supported.Contains(type))
            throw new VisaException(StatusCode.ErrorInvalidEvent, $"This session does not raise {type} events (it raises {string.Join(", ", supported)}).", operation, resource);
    }
}
