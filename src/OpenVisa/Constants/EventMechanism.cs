namespace OpenVisa;

/// <summary>How events are delivered to a session.</summary>
[Flags]
public enum EventMechanism
{
    /// <summary>Events are queued for <see cref="VisaLibrary.WaitOnEvent"/>.</summary>
    Queue = 1,
    /// <summary>Events call the installed handlers.</summary>
    Handler = 2,
    /// <summary>Handlers are installed but calls are held until re-enabled.</summary>
    SuspendHandler = 4,
    /// <summary>All mechanisms.</summary>
    All = 0xFFFF,
}
