namespace OpenVisa.Managed.Sessions;

/// <summary>
/// The VISA event machinery of one session: which event types are enabled by which mechanism, the queue that
/// <c>WaitOnEvent</c> takes from, and the installed handlers. A protocol calls <see cref="Raise"/> when its transport
/// reports an event (a VXI-11 interrupt, a HiSLIP AsyncServiceRequest, a USBTMC interrupt-IN packet).
/// </summary>
/// <remarks>
/// Thread-safe. The queue holds at most <see cref="MaxQueueLength"/> events per type (VISA's default
/// <c>VI_ATTR_MAX_QUEUE_LENGTH</c>); beyond that the oldest is dropped. Handlers run on the thread that raised the event,
/// one at a time per session, and an exception in a handler is logged, not passed to the transport.
/// </remarks>
internal sealed class SessionEvents(Func<int> session, string resourceName, Func<EventType, bool> supports)
{
    /// <summary>The most events queued per type.</summary>
    public const int MaxQueueLength = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<EventType, EventMechanism> _enabled = [];
    private readonly Dictionary<EventType, Queue<VisaEvent>> _queues = [];
    private readonly Dictionary<EventType, SemaphoreSlim> _signals = [];
    private readonly Dictionary<EventType, List<(VisaEventHandler Handler, object? UserHandle)>> _handlers = [];
    private readonly Lock _handlerCalls = new();

    /// <summary>Called when an event type becomes enabled by any mechanism, so the protocol can start its transport (e.g. the interrupt channel).</summary>
    public Action<EventType>? FirstEnabled { get; init; }

    /// <summary>Called when an event type is no longer enabled by any mechanism.</summary>
    public Action<EventType>? LastDisabled { get; init; }

    /// <summary>The mechanisms <paramref name="eventType"/> is enabled for.</summary>
    public EventMechanism EnabledFor(EventType eventType)
    {
        lock (_gate)
            return _enabled.GetValueOrDefault(eventType);
    }

    /// <summary><c>viEnableEvent</c>: <see cref="StatusCode.SuccessEventEnabled"/> when it already was.</summary>
    public StatusCode Enable(EventType eventType, EventMechanism mechanism)
    {
        Require(eventType, "EnableEvent");
        if (mechanism is not (EventMechanism.Queue or EventMechanism.Handler or EventMechanism.SuspendHandler))
        {
            throw new VisaException(StatusCode.ErrorInvalidMechanism,
                $"EnableEvent takes one mechanism (Queue, Handler or SuspendHandler), not {mechanism}.", "EnableEvent", resourceName);
        }
        bool first;
        lock (_gate)
        {
            var before = _enabled.GetValueOrDefault(eventType);
            if ((before & mechanism) != 0)
                return StatusCode.SuccessEventEnabled;
            first = before == 0;
            _enabled[eventType] = before | mechanism;
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
        return StatusCode.Success;
    }

    /// <summary><c>viDisableEvent</c>: <see cref="StatusCode.SuccessEventDisabled"/> when it already was.</summary>
    public StatusCode Disable(EventType eventType, EventMechanism mechanism)
    {
        Require(eventType, "DisableEvent");
        bool last;
        lock (_gate)
        {
            var before = _enabled.GetValueOrDefault(eventType);
            if ((before & mechanism) == 0)
                return StatusCode.SuccessEventDisabled;
            var after = before & ~mechanism;
            if (after == 0)
                _enabled.Remove(eventType);
            else
                _enabled[eventType] = after;
            last = after == 0;
        }
        if (last)
            LastDisabled?.Invoke(eventType);
        return StatusCode.Success;
    }

    /// <summary><c>viDiscardEvents</c>: drops queued events; <see cref="StatusCode.SuccessQueueEmpty"/> when there were none.</summary>
    public StatusCode Discard(EventType eventType, EventMechanism mechanism)
    {
        Require(eventType, "DiscardEvents");
        if ((mechanism & EventMechanism.Queue) == 0)
            return StatusCode.Success;
        lock (_gate)
        {
            if (!_queues.TryGetValue(eventType, out var queue) || queue.Count == 0)
                return StatusCode.SuccessQueueEmpty;
            queue.Clear();
            var signal = _signals[eventType];
            while (signal.Wait(0))
            {
            }
            return StatusCode.Success;
        }
    }

    /// <summary>Why the connection was lost; once set, waits for events that can no longer come end at once.</summary>
    private string? _lostReason;

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
            foreach (var signal in _signals.Values)
                signal.Release(); // wakes a waiter, which then finds the queue empty and the reason set
        }
    }

    /// <summary>
    /// For transports that hear of a lost connection only when they next use it (VXI-11's core channel is idle while a
    /// session waits for a service request): asked every <see cref="LostProbeInterval"/> during a wait; a reason ends it.
    /// </summary>
    public Func<string?>? LostProbe { get; init; }

    /// <summary>How often <see cref="LostProbe"/> is asked during a wait.</summary>
    public static readonly TimeSpan LostProbeInterval = TimeSpan.FromMilliseconds(200);

    /// <summary><c>viWaitOnEvent</c> for a queued event: <see cref="StatusCode.ErrorTimeout"/> when none arrives in time.</summary>
    public VisaEvent Wait(EventType eventType, TimeSpan timeout)
    {
        var signal = QueueSignal(eventType);
        var deadline = new WaitSlices(ToWait(timeout), LostProbe is not null);
        while (!signal.Wait(deadline.NextSlice()))
        {
            if (!deadline.IsSliced || deadline.IsOver)
                throw Timeout(eventType, timeout);
            ProbeLost();
        }
        return Dequeue(eventType);
    }

    /// <summary>The asynchronous <see cref="Wait"/>.</summary>
    public async ValueTask<VisaEvent> WaitAsync(EventType eventType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = QueueSignal(eventType);
        var deadline = new WaitSlices(ToWait(timeout), LostProbe is not null);
        while (!await signal.WaitAsync(deadline.NextSlice(), cancellationToken).ConfigureAwait(false))
        {
            if (!deadline.IsSliced || deadline.IsOver)
                throw Timeout(eventType, timeout);
            ProbeLost();
        }
        return Dequeue(eventType);
    }

    private void ProbeLost()
    {
        if (LostProbe?.Invoke() is { } reason)
            ConnectionLost(reason);
    }

    /// <summary>A wait cut into <see cref="LostProbeInterval"/> slices when a probe is set, else one piece.</summary>
    private struct WaitSlices(TimeSpan total, bool sliced)
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

        public readonly bool IsSliced => sliced;

        public readonly bool IsOver => total != System.Threading.Timeout.InfiniteTimeSpan && System.Diagnostics.Stopwatch.GetElapsedTime(_started) >= total;

        public readonly TimeSpan NextSlice()
        {
            if (!sliced)
                return total;
            if (total == System.Threading.Timeout.InfiniteTimeSpan)
                return LostProbeInterval;
            var left = total - System.Diagnostics.Stopwatch.GetElapsedTime(_started);
            return left <= TimeSpan.Zero ? TimeSpan.Zero : left < LostProbeInterval ? left : LostProbeInterval;
        }
    }

    /// <summary><c>viInstallHandler</c>.</summary>
    public void Install(EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Require(eventType, "InstallHandler");
        lock (_gate)
        {
            if (!_handlers.TryGetValue(eventType, out var list))
                _handlers[eventType] = list = [];
            list.Add((handler, userHandle));
        }
    }

    /// <summary><c>viUninstallHandler</c>; a null handler removes every handler of the type.</summary>
    public void Uninstall(EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        Require(eventType, "UninstallHandler");
        lock (_gate)
        {
            if (!_handlers.TryGetValue(eventType, out var list))
                list = [];
            var removed = handler is null ? list.RemoveAll(_ => true) : list.RemoveAll(h => h.Handler == handler && Equals(h.UserHandle, userHandle));
            if (removed == 0)
            {
                throw new VisaException(StatusCode.ErrorInvalidHandlerReference,
                    $"No such handler is installed for {eventType} events.", "UninstallHandler", resourceName);
            }
        }
    }

    /// <summary>Delivers an event: queued when the queue is enabled, handed to the handlers when they are.</summary>
    public void Raise(VisaEvent visaEvent)
    {
        (VisaEventHandler Handler, object? UserHandle)[] handlers = [];
        lock (_gate)
        {
            var mechanisms = _enabled.GetValueOrDefault(visaEvent.Type);
            if ((mechanisms & EventMechanism.Queue) != 0)
            {
                var queue = QueueFor(visaEvent.Type);
                if (queue.Count >= MaxQueueLength)
                    queue.Dequeue();
                else
                    _signals[visaEvent.Type].Release();
                queue.Enqueue(visaEvent);
            }
            if ((mechanisms & EventMechanism.Handler) != 0 && _handlers.TryGetValue(visaEvent.Type, out var list))
                handlers = [.. list];
        }
        if (handlers.Length == 0)
            return;
        lock (_handlerCalls)
        {
            foreach (var (handler, userHandle) in handlers)
                handler(session(), visaEvent, userHandle);
        }
    }

    private SemaphoreSlim QueueSignal(EventType eventType)
    {
        Require(eventType, "WaitOnEvent");
        lock (_gate)
        {
            if ((_enabled.GetValueOrDefault(eventType) & EventMechanism.Queue) == 0)
            {
                throw new VisaException(StatusCode.ErrorNotEnabled,
                    $"{eventType} events are not enabled for the queue: call EnableEvent({eventType}, Queue) before waiting.", "WaitOnEvent", resourceName);
            }
            QueueFor(eventType);
            var signal = _signals[eventType];
            if (_lostReason is not null && signal.CurrentCount == 0)
                signal.Release(); // enabled after the loss: the wait must still end at once
            return signal;
        }
    }

    private Queue<VisaEvent> QueueFor(EventType eventType)
    {
        if (!_queues.TryGetValue(eventType, out var queue))
        {
            _queues[eventType] = queue = new Queue<VisaEvent>();
            _signals[eventType] = new SemaphoreSlim(0);
        }
        return queue;
    }

    private VisaEvent Dequeue(EventType eventType)
    {
        lock (_gate)
        {
            var queue = _queues[eventType];
            if (queue.Count > 0)
                return queue.Dequeue();
            // Woken by ConnectionLost: release again so every later wait ends at once too.
            _signals[eventType].Release();
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"No {eventType} event can come any more: the connection was lost ({_lostReason}). Close the resource and open it again.",
                "WaitOnEvent", resourceName);
        }
    }

    private void Require(EventType eventType, string operation)
    {
        if (!supports(eventType))
        {
            throw new VisaException(StatusCode.ErrorInvalidEvent,
                $"{eventType} events do not occur on this session.", operation, resourceName);
        }
    }

    private VisaException Timeout(EventType eventType, TimeSpan timeout) =>
        new(StatusCode.ErrorTimeout, $"No {eventType} event arrived within {(long)timeout.TotalMilliseconds} ms.", "WaitOnEvent", resourceName);

    private static TimeSpan ToWait(TimeSpan timeout) => VisaTimeout.IsInfinite(timeout) ? System.Threading.Timeout.InfiniteTimeSpan : timeout;
}
