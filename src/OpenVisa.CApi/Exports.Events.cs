using System.Runtime.InteropServices;

namespace OpenVisa.CApi;

internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(EntryPoint = "viEnableEvent")]
    public static int ViEnableEvent(uint vi, uint eventType, ushort mechanism, uint context)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viEnableEvent");
            return (int)session.Library.EnableEvent(session.BackendSession, (EventType)eventType, (EventMechanism)mechanism);
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viDisableEvent")]
    public static int ViDisableEvent(uint vi, uint eventType, ushort mechanism)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viDisableEvent");
            return (int)session.Library.DisableEvent(session.BackendSession, (EventType)eventType, (EventMechanism)mechanism);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorNonsupportedOperation)
        {
            // A backend without events has none enabled: what VISA says for disabling a disabled event.
            return (int)StatusCode.SuccessEventDisabled;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viDiscardEvents")]
    public static int ViDiscardEvents(uint vi, uint eventType, ushort mechanism)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viDiscardEvents");
            return (int)session.Library.DiscardEvents(session.BackendSession, (EventType)eventType, (EventMechanism)mechanism);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorNonsupportedOperation)
        {
            // A backend without events has nothing queued.
            return (int)StatusCode.SuccessQueueEmpty;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>Waits for a queued event; the event context it returns is a handle the caller closes with <c>viClose</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "viWaitOnEvent")]
    public static int ViWaitOnEvent(uint vi, uint eventType, uint timeout, uint* outType, uint* outContext)
    {
        SessionObject? session = null;
        try
        {
            if (outType is not null)
                *outType = 0;
            if (outContext is not null)
                *outContext = 0;
            session = HandleTable.Get<SessionObject>(vi, "viWaitOnEvent");
            var visaEvent = session.Library.WaitOnEvent(session.BackendSession, (EventType)eventType, VisaTimeout.FromAttribute(timeout));
            if (outType is not null)
                *outType = (uint)visaEvent.Type;
            if (outContext is not null)
                *outContext = HandleTable.Add(new EventObject(visaEvent, vi));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>
    /// Installs a C handler: the backend gets a managed delegate that calls the C function with the session, the event
    /// type, a fresh event context (closed after the handler returns) and the caller's user handle.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "viInstallHandler")]
    public static int ViInstallHandler(uint vi, uint eventType, nint handler, nint userHandle)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viInstallHandler");
            if (handler == 0)
                throw new VisaException(StatusCode.ErrorInvalidHandlerReference, "The handler is a null function pointer.", "viInstallHandler", session.ResourceName);
            var bridge = BridgeTo(vi, handler, userHandle);
            session.Library.InstallHandler(session.BackendSession, (EventType)eventType, bridge, null);
            lock (session.Handlers)
                session.Handlers.Add(new InstalledHandler((EventType)eventType, handler, userHandle, bridge));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>Removes a C handler; a null handler (<c>VI_ANY_HNDLR</c>) removes every handler of the event type.</summary>
    [UnmanagedCallersOnly(EntryPoint = "viUninstallHandler")]
    public static int ViUninstallHandler(uint vi, uint eventType, nint handler, nint userHandle)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viUninstallHandler");
            List<InstalledHandler> gone;
            lock (session.Handlers)
            {
                gone = [.. session.Handlers.Where(h => h.EventType == (EventType)eventType && (handler == 0 || (h.Function == handler && h.UserHandle == userHandle)))];
                if (gone.Count == 0)
                    throw new VisaException(StatusCode.ErrorInvalidHandlerReference, $"No such handler is installed for {(EventType)eventType} events.", "viUninstallHandler", session.ResourceName);
                foreach (var h in gone)
                    session.Handlers.Remove(h);
            }
            foreach (var h in gone)
                session.Library.UninstallHandler(session.BackendSession, h.EventType, h.Bridge, null);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    private static VisaEventHandler BridgeTo(uint vi, nint handler, nint userHandle) => (_, visaEvent, _) =>
    {
        var context = HandleTable.Add(new EventObject(visaEvent, vi));
        try
        {
            ((delegate* unmanaged<uint, uint, uint, nint, int>)handler)(vi, (uint)visaEvent.Type, context, userHandle);
        }
        finally
        {
            HandleTable.Remove(context);
        }
    };
}
