using System.Runtime.InteropServices;

namespace OpenVisa.Native;

/// <summary>
/// The event handlers installed through <c>viInstallHandler</c>. The library is given one static
/// <see cref="UnmanagedCallersOnlyAttribute"/> function and, as its user handle, a <see cref="GCHandle"/> to the
/// registration, so the handler and its state survive garbage collection while installed and are freed when
/// uninstalled or when the session closes.
/// </summary>
internal sealed class NativeHandlerRegistry
{
    private readonly Lock _gate = new();
    private readonly List<NativeHandlerRegistration> _registrations = [];

    /// <summary>Registers a handler and allocates the GC handle the library will hold.</summary>
    public NativeHandlerRegistration Add(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
    {
        var registration = new NativeHandlerRegistration(session, eventType, handler, userHandle);
        registration.Cookie = GCHandle.ToIntPtr(GCHandle.Alloc(registration));
        lock (_gate)
            _registrations.Add(registration);
        return registration;
    }

    /// <summary>The registrations an uninstall names; a null handler means all of the event type's.</summary>
    public List<NativeHandlerRegistration> Matching(int session, EventType eventType, VisaEventHandler? handler, object? userHandle)
    {
        lock (_gate)
        {
            return [.. _registrations.Where(r => r.Session == session && r.EventType == eventType &&
                (handler is null || (r.Handler == handler && Equals(r.UserHandle, userHandle))))];
        }
    }

    /// <summary>Forgets a registration and frees its GC handle.</summary>
    public void Remove(NativeHandlerRegistration registration)
    {
        lock (_gate)
        {
            if (!_registrations.Remove(registration))
                return;
        }
        GCHandle.FromIntPtr(registration.Cookie).Free();
    }

    /// <summary>Frees every registration of a closed session.</summary>
    public void RemoveSession(int session)
    {
        List<NativeHandlerRegistration> gone;
        lock (_gate)
            gone = [.. _registrations.Where(r => r.Session == session)];
        foreach (var registration in gone)
            Remove(registration);
    }

    /// <summary>
    /// The <c>ViHndlr</c> the library calls: <c>ViStatus (ViSession vi, ViEventType type, ViEvent context, ViAddr userHandle)</c>.
    /// No exception may cross back into C, so a handler's exception is swallowed here after being counted.
    /// </summary>
    [UnmanagedCallersOnly]
    public static int Callback(uint session, uint eventType, uint context, nint userHandle)
    {
        try
        {
            if (userHandle == 0 || GCHandle.FromIntPtr(userHandle).Target is not NativeHandlerRegistration registration)
                return 0;
            registration.Handler((int)session, new VisaEvent((EventType)eventType), registration.UserHandle);
        }
#pragma warning disable CA1031 // An exception must not unwind into the C library's thread.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _handlerFailures);
        }
        return 0;
    }

    private static int _handlerFailures;

    /// <summary>How many handler calls threw (the exception cannot reach the C library).</summary>
    public static int HandlerFailures => Volatile.Read(ref _handlerFailures);
}

/// <summary>One installed handler: what it is for, and the cookie (<see cref="GCHandle"/>) the library holds.</summary>
internal sealed class NativeHandlerRegistration(int session, EventType eventType, VisaEventHandler handler, object? userHandle)
{
    public int Session { get; } = session;

    public EventType EventType { get; } = eventType;

    public VisaEventHandler Handler { get; } = handler;

    public object? UserHandle { get; } = userHandle;

    public nint Cookie { get; set; }
}
