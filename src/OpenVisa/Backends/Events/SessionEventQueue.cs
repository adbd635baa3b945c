namespace OpenVisa;

/// <summary>
/// The VISA event machinery of one session, for any backend: which event types are enabled by which mechanism, the
/// session's event queue that <c>viWaitOnEvent</c> takes from, the installed handlers, and the calls held while handlers
/// are suspended. A backend calls <see cref="Raise"/> when its transport reports an event and <see cref="ConnectionLost"/>
/// when no event can come any more; the other members serve the VISA operations one to one.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Semantics follow VISA 5.x (viEnableEvent, viDisableEvent, viDiscardEvents, viWaitOnEvent,
/// viInstallHandler, viUninstallHandler):</para>
/// <list type="bullet">
/// <item>One queue per session holds at most <see cref="MaxQueueLength"/> events (VI_ATTR_MAX_QUEUE_LENGTH, default 50).
/// "Events that occur after the queue has become full will be discarded": the newest event is lost, the queued ones are
/// kept, and <see cref="EventsLostToOverflow"/> counts the loss.</item>
/// <item><see cref="EventMechanism.Queue"/> may be combined with <see cref="EventMechanism.Handler"/> or
/// <see cref="EventMechanism.SuspendHandler"/>; the two handler mechanisms exclude each other. Enabling
/// <see cref="EventMechanism.Handler"/> needs an installed handler (VI_ERROR_HNDLR_NINSTALLED).</item>
/// <item>Under <see cref="EventMechanism.SuspendHandler"/> events are held; enabling <see cref="EventMechanism.Handler"/>
/// again delivers them, discarding with <see cref="EventMechanism.SuspendHandler"/> drops them.</item>
/// <item><see cref="EventType.AllEnabled"/> is accepted by disable, discard, wait and uninstall.</item>
/// </list>
/// <para>How handlers are called is the backend's choice (<see cref="EventHandlerDispatch"/>).</para>
/// </remarks>
/// <param name="session">The session handle handed to handlers (read when an event is delivered, so it may be assigned later).</param>
/// <param name="resourceName">The resource named in every error.</param>
/// <param name="supported">The event types this session can raise; others are VI_ERROR_INV_EVENT.</param>
/// <param name="dispatch">How handlers are called.</param>
/// <param name="maxQueueLength">The most events queued at once (VI_ATTR_MAX_QUEUE_LENGTH).</param>
public sealed class SessionEventQueue(Func<int> session, string resourceName, IReadOnlyCollection<EventType> supported, EventHandlerDispatch dispatch,
    int maxQueueLength = SessionEventQueue.DefaultMaxQueueLength)
{
    /// <summary>VI_ATTR_MAX_QUEUE_LENGTH's default.</summary>
    public const int DefaultMaxQueueLength = 50;

    /// <summary>How often <see cref="LostProbe"/> is asked during a wait.</summary>
    public static readonly TimeSpan LostProbeInterval = TimeSpan.FromMilliseconds(200);

    private const EventMechanism HandlerMechanisms = EventMechanism.Handler | EventMechanism.SuspendHandler;
    private const EventMechanism KnownMechanisms = EventMechanism.Queue | HandlerMechanisms;

    private readonly object _gate = new();
    private readonly object _inlineCalls = new();
    private readonly Func<int> _session = session ?? throw new ArgumentNullException(nameof(session));
    private readonly string _resourceName = resourceName;
    private readonly IReadOnlyCollection<EventType> _supported = supported ?? throw new ArgumentNullException(nameof(supported));
    private readonly EventHandlerDispatch _dispatch = dispatch;
    private readonly Dictionary<EventType, EventMechanism> _enabled = [];
    private readonly LinkedList<VisaEvent> _queue = new();
    private readonly List<VisaEvent> _held = [];
    private readonly List<(EventType Type, VisaEventHandler Handler, object? UserHandle)> _handlers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lostReason;
    private long _lostToOverflow;

    /// <summary>The most events queued at once; an event raised while the queue is full is lost.</summary>
    public int MaxQueueLength { get; } = maxQueueLength > 0
        ? maxQueueLength
        : throw new ArgumentOutOfRangeException(nameof(maxQueueLength), maxQueueLength, "VI_ATTR_MAX_QUEUE_LENGTH must be at least 1.");

    /// <summary>How many events were lost because the queue was full (VISA discards the newest).</summary>
    public long EventsLostToOverflow => Interlocked.Read(ref _lostToOverflow);

    /// <summary>Called when an event type becomes enabled by any mechanism, so the transport can start delivering it (e.g. open an interrupt channel); an exception undoes the enable.</summary>
    public Action<EventType>? FirstEnabled { get; init; }

    /// <summary>Called when an event type is no longer enabled by any mechanism.</summary>
    public Action<EventType>? LastDisabled { get; init; }

    /// <summary>
    /// For transports that hear of a lost connection only when they next use it (VXI-11's core channel is idle while a
    /// session waits for a service request): asked every <see cref="LostProbeInterval"/> during a wait; a reason ends it.
    /// </summary>
    public Func<string?>? LostProbe { get; init; }

    /// <summary>Told of an exception thrown by a handler, which is never passed back to the code that raised the event.</summary>
    public Action<Exception>? HandlerFailed { get; init; }

    /// <summary>The mechanisms <paramref name="eventType"/> is enabled for.</summary>
    public EventMechanism EnabledFor(EventType eventType)
    {
        lock (_gate)
            return _enabled.GetValueOrDefault(eventType);
    }

    /// <summary><c>viEnableEvent</c>: <see cref="StatusCode.SuccessEventEnabled"/> when every mechanism asked for already was.</summary>
    public StatusCode Enable(EventType eventType, EventMechanism mechanism)
    {
        CheckType(eventType, allowAll: false, "EnableEvent");
        if (mechanism == 0 || (mechanism & ~KnownMechanisms) != 0 || (mechanism & HandlerMechanisms) == HandlerMechanisms)
        {
            throw new VisaException(StatusCode.ErrorInvalidMechanism,
                $"EnableEvent takes Queue, Handler or SuspendHandler (Queue may be combined with one of the other two), not {mechanism}.", "EnableEvent", _resourceName);
        }
        List<VisaEvent> release = [];
        StatusCode status;
        bool first;
        lock (_gate)
        {
            if ((mechanism & EventMechanism.Handler) != 0 && !_handlers.Any(h => h.Type == eventType))
            {
                throw new VisaException(StatusCode.ErrorHandlerNotInstalled,
                    $"No handler is installed for {eventType} events; call InstallHandler before enabling the Handler mechanism.", "EnableEvent", _resourceName);
            }
            var before = _enabled.GetValueOrDefault(eventType);
            status = (before & mechanism) == mechanism ? StatusCode.SuccessEventEnabled : StatusCode.Success;
            first = before == 0;
            // Handler and SuspendHandler are two states of one mechanism: enabling either replaces the other.
            var after = (mechanism & HandlerMechanisms) != 0 ? (before & ~HandlerMechanisms) | mechanism : before | mechanism;
            _enabled[eventType] = after;
            if ((mechanism & EventMechanism.Handler) != 0)
            {
                release.AddRange(_held.Where(e => e.Type == eventType));
                _held.RemoveAll(e => e.Type == eventType);
            }
        }
        if (first && FirstEnabled is { } start)
        {
            try
            {
                start(eventType);
            }
            catch
            {
                lock (_gate)
                    _enabled.Remove(eventType);
                throw;
            }
        }
        foreach (var held in release)
            CallHandlers(held);
        return status;
    }

    /// <summary>
    /// <c>viDisableEvent</c>: <see cref="StatusCode.SuccessEventDisabled"/> when nothing was enabled. Handler and
    /// SuspendHandler each disable the handler mechanism in either state; events already queued stay for a wait.
    /// </summary>
    public StatusCode Disable(EventType eventType, EventMechanism mechanism)
    {
        CheckType(eventType, allowAll: true, "DisableEvent");
        var clear = (mechanism & HandlerMechanisms) != 0 ? mechanism | HandlerMechanisms : mechanism;
        List<EventType> last = [];
        var changed = false;
        lock (_gate)
        {
            foreach (var key in _enabled.Keys.ToList())
            {
                if (eventType != EventType.AllEnabled && key != eventType)
                    continue;
                var before = _enabled[key];
                var after = before & ~clear;
                changed |= after != before;
                if (after != 0)
                {
                    _enabled[key] = after;
                }
                else
                {
                    _enabled.Remove(key);
                    if (before != 0)
                        last.Add(key);
                }
            }
        }
        foreach (var type in last)
            LastDisabled?.Invoke(type);
        return changed ? StatusCode.Success : StatusCode.SuccessEventDisabled;
    }

    /// <summary>
    /// <c>viDiscardEvents</c>: drops queued events (<see cref="EventMechanism.Queue"/>) and held handler calls
    /// (<see cref="EventMechanism.SuspendHandler"/>); <see cref="StatusCode.SuccessQueueEmpty"/> when there were none.
    /// </summary>
    public StatusCode Discard(EventType eventType, EventMechanism mechanism)
    {
        CheckType(eventType, allowAll: true, "DiscardEvents");
        lock (_gate)
        {
            var removed = 0;
            if ((mechanism & EventMechanism.Queue) != 0)
            {
                for (var node = _queue.First; node is not null;)
                {
                    var next = node.Next;
                    if (Matches(eventType, node.Value))
                    {
                        _queue.Remove(node);
                        removed++;
                    }
                    node = next;
                }
            }
            if ((mechanism & EventMechanism.SuspendHandler) != 0)
                removed += _held.RemoveAll(e => Matches(eventType, e));
            return removed > 0 ? StatusCode.Success : StatusCode.SuccessQueueEmpty;
        }
    }

    /// <summary>Delivers an event by every mechanism enabled for its type; an event of a type not enabled is dropped, as VISA does.</summary>
    public void Raise(VisaEvent visaEvent)
    {
        ArgumentNullException.ThrowIfNull(visaEvent);
        bool callHandlers;
        lock (_gate)
        {
            var mechanism = _enabled.GetValueOrDefault(visaEvent.Type);
            if (mechanism == 0)
                return;
            if ((mechanism & EventMechanism.Queue) != 0)
            {
                if (_queue.Count >= MaxQueueLength)
                {
                    Interlocked.Increment(ref _lostToOverflow);
                }
                else
                {
                    _queue.AddLast(visaEvent);
                    WakeWaitersLocked();
                }
            }
            if ((mechanism & EventMechanism.SuspendHandler) != 0)
                _held.Add(visaEvent);
            callHandlers = (mechanism & EventMechanism.Handler) != 0;
        }
        if (callHandlers)
            CallHandlers(visaEvent);
    }

    /// <summary>
    /// The transport lost its connection: every wait for a queued event ends now with
    /// <see cref="StatusCode.ErrorConnectionLost"/> (events already queued are still handed out first).
    /// </summary>
    public void ConnectionLost(string reason)
    {
        lock (_gate)
        {
            if (_lostReason is not null)
                return;
            _lostReason = reason;
            WakeWaitersLocked();
        }
    }

    /// <summary><c>viWaitOnEvent</c>: the oldest queued event of the type; <see cref="StatusCode.ErrorTimeout"/> when none arrives in time.</summary>
    public VisaEvent Wait(EventType eventType, TimeSpan timeout)
    {
        CheckType(eventType, allowAll: true, "WaitOnEvent");
        var deadline = new WaitSlices(timeout, LostProbe is null ? Timeout.InfiniteTimeSpan : LostProbeInterval);
        lock (_gate)
            CheckQueueEnabledLocked(eventType);
        while (true)
        {
            lock (_gate)
            {
                if (TakeLocked(eventType) is { } found)
                    return found;
                if (deadline.IsOver)
                    throw TimedOut(eventType, timeout);
                Monitor.Wait(_gate, deadline.NextSlice());
                if (TakeLocked(eventType) is { } arrived)
                    return arrived;
            }
            ProbeLost();
        }
    }

    /// <summary>The asynchronous <see cref="Wait"/>.</summary>
    public async ValueTask<VisaEvent> WaitAsync(EventType eventType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CheckType(eventType, allowAll: true, "WaitOnEvent");
        var deadline = new WaitSlices(timeout, LostProbe is null ? Timeout.InfiniteTimeSpan : LostProbeInterval);
        lock (_gate)
            CheckQueueEnabledLocked(eventType);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (TakeLocked(eventType) is { } found)
                    return found;
                if (deadline.IsOver)
                    throw TimedOut(eventType, timeout);
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.NextSlice(), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A slice ended: look again (and probe the connection) at the top of the loop.
            }
            ProbeLost();
        }
    }

    /// <summary><c>viInstallHandler</c>.</summary>
    public void Install(EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CheckType(eventType, allowAll: false, "InstallHandler");
        lock (_gate)
            _handlers.Add((eventType, handler, userHandle));
    }

    /// <summary>
    /// <c>viUninstallHandler</c>: a null <paramref name="handler"/> (VI_ANY_HNDLR) removes every handler of the type;
    /// a handler that is not installed with that user handle is VI_ERROR_INV_HNDLR_REF.
    /// </summary>
    public void Uninstall(EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        CheckType(eventType, allowAll: true, "UninstallHandler");
        lock (_gate)
        {
            var removed = _handlers.RemoveAll(h => (eventType == EventType.AllEnabled || h.Type == eventType)
                && (handler is null || (h.Handler == handler && Equals(h.UserHandle, userHandle))));
            if (removed == 0 && handler is not null)
            {
                throw new VisaException(StatusCode.ErrorInvalidHandlerReference,
                    $"That handler (with that user handle) is not installed for {eventType} events.", "UninstallHandler", _resourceName);
            }
        }
    }

    private void CallHandlers(VisaEvent visaEvent)
    {
        (EventType Type, VisaEventHandler Handler, object? UserHandle)[] handlers;
        lock (_gate)
            handlers = [.. _handlers.Where(h => h.Type == visaEvent.Type)];
        if (handlers.Length == 0)
            return;
        var session = _session();
        if (_dispatch == EventHandlerDispatch.ThreadPool)
        {
            foreach (var (_, handler, userHandle) in handlers)
                ThreadPool.QueueUserWorkItem(_ => CallOne(handler, session, visaEvent, userHandle));
            return;
        }
        lock (_inlineCalls)
        {
            foreach (var (_, handler, userHandle) in handlers)
                CallOne(handler, session, visaEvent, userHandle);
        }
    }

    private void CallOne(VisaEventHandler handler, int session, VisaEvent visaEvent, object? userHandle)
    {
        try
        {
            handler(session, visaEvent, userHandle);
        }
        catch (Exception e)
        {
            // A handler's failure is the user's, not the transport's: it must not end a reader loop or the process.
            HandlerFailed?.Invoke(e);
        }
    }

    private void WakeWaitersLocked()
    {
        Monitor.PulseAll(_gate);
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void ProbeLost()
    {
        if (LostProbe?.Invoke() is { } reason)
            ConnectionLost(reason);
    }

    /// <summary>Takes the oldest matching event; null when there is none yet, an error when none can come any more.</summary>
    private VisaEvent? TakeLocked(EventType eventType)
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            if (Matches(eventType, node.Value))
            {
                _queue.Remove(node);
                return node.Value;
            }
        }
        if (_lostReason is not null)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"No {eventType} event can come any more: the connection was lost ({_lostReason}). Close the resource and open it again.",
                "WaitOnEvent", _resourceName);
        }
        return null;
    }

    /// <summary>
    /// A wait starts only on a type enabled for the queue, or with matching events still queued. Checked once, at the
    /// start: another caller disabling the queue meanwhile (a concurrent wait ending) does not turn this wait's outcome
    /// into "not enabled".
    /// </summary>
    private void CheckQueueEnabledLocked(EventType eventType)
    {
        if (_queue.Any(e => Matches(eventType, e)))
            return;
        var enabled = eventType == EventType.AllEnabled
            ? _enabled.Values.Any(m => (m & EventMechanism.Queue) != 0)
            : (_enabled.GetValueOrDefault(eventType) & EventMechanism.Queue) != 0;
        if (!enabled)
        {
            throw new VisaException(StatusCode.ErrorNotEnabled,
                $"{eventType} events are not enabled for the queue: call EnableEvent({eventType}, Queue) before waiting.", "WaitOnEvent", _resourceName);
        }
    }

    private static bool Matches(EventType eventType, VisaEvent visaEvent) => eventType == EventType.AllEnabled || visaEvent.Type == eventType;

    private VisaException TimedOut(EventType eventType, TimeSpan timeout) =>
        new(StatusCode.ErrorTimeout, $"No {eventType} event arrived within {(long)timeout.TotalMilliseconds} ms.", "WaitOnEvent", _resourceName);

    private void CheckType(EventType eventType, bool allowAll, string operation)
    {
        if (eventType == EventType.AllEnabled ? allowAll : _supported.Contains(eventType))
            return;
        var raises = _supported.Count == 0 ? "it raises none" : $"it raises {string.Join(", ", _supported)}";
        throw new VisaException(StatusCode.ErrorInvalidEvent, $"{eventType} events do not occur on this session ({raises}).", operation, _resourceName);
    }
}
