namespace OpenVisa;

/// <summary>
/// How a <see cref="SessionEventQueue"/> calls the handlers of an event enabled with <see cref="EventMechanism.Handler"/>:
/// the one choice VISA leaves to the implementation, and one that genuinely differs between backends.
/// </summary>
public enum EventHandlerDispatch
{
    /// <summary>
    /// On the thread pool, each handler call its own work item: the raising code never waits for user code. For backends
    /// that raise events while holding their own locks (a simulated instrument raising SRQ inside a write).
    /// </summary>
    ThreadPool,

    /// <summary>
    /// On the thread that raised the event, one call at a time per session, in the order events arrived: for backends whose
    /// events come from a dedicated transport reader (an interrupt channel), where order matters and the reader may wait.
    /// </summary>
    Inline,
}
