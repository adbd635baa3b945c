namespace OpenVisa.CApi;

/// <summary>Something a libopenvisa handle stands for.</summary>
internal abstract class CObject
{
    /// <summary>The handle given out for it.</summary>
    public uint Handle { get; set; }

    /// <summary>What it is, for error messages.</summary>
    public abstract string Kind { get; }

    /// <summary>The last error's full message on this object, which <c>viStatusDesc</c> adds to the status's description.</summary>
    public VisaException? LastError { get; set; }
}

/// <summary>A resource-manager session: the backend's manager session and the library serving it.</summary>
internal sealed class ManagerObject(VisaLibrary library, int backendSession) : CObject
{
    public VisaLibrary Library { get; } = library;

    public int BackendSession { get; } = backendSession;

    public override string Kind => "resource manager";
}

/// <summary>A find list from <c>viFindRsrc</c>: the names not yet returned by <c>viFindNext</c>.</summary>
internal sealed class FindListObject(IReadOnlyList<string> names) : CObject
{
    private int _next = 1;

    public override string Kind => "find list";

    /// <summary>The next name, or null when the list is used up.</summary>
    public string? Next()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        return index < names.Count ? names[index] : null;
    }
}

/// <summary>An event context from <c>viWaitOnEvent</c> or given to a handler; closed with <c>viClose</c>.</summary>
internal sealed class EventObject(VisaEvent visaEvent, uint session) : CObject
{
    public VisaEvent Event { get; } = visaEvent;

    public uint Session { get; } = session;

    public override string Kind => "event";
}
