using System.Runtime.InteropServices;

namespace OpenVisa.CApi;

/// <summary>
/// The VISA C API exported by libopenvisa. Every export catches everything: a C caller gets a <c>ViStatus</c>, never an
/// exception, and bad handles or null pointers give VI_ERROR_INV_OBJECT or VI_ERROR_USER_BUF.
/// </summary>
internal static unsafe partial class Exports
{
    [UnmanagedCallersOnly(EntryPoint = "viOpenDefaultRM")]
    public static int ViOpenDefaultRM(uint* vi)
    {
        try
        {
            if (vi is null)
                throw CStatus.NullPointer("vi", "viOpenDefaultRM");
            *vi = 0;
            var library = BackendChoice.Library();
            *vi = HandleTable.Add(new ManagerObject(library, library.OpenDefaultResourceManager()));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viFindRsrc")]
    public static int ViFindRsrc(uint rm, byte* expression, uint* findList, uint* count, byte* description)
    {
        ManagerObject? manager = null;
        try
        {
            manager = HandleTable.Get<ManagerObject>(rm, "viFindRsrc");
            var query = CText.Read(expression, "expr", "viFindRsrc");
            if (findList is not null)
                *findList = 0;
            if (count is not null)
                *count = 0;
            var names = manager.Library.ListResources(manager.BackendSession, query);
            if (names.Count == 0)
                throw new VisaException(StatusCode.ErrorResourceNotFound, $"No resource matches '{query}' on {BackendChoice.Spec}.", "viFindRsrc");
            if (count is not null)
                *count = (uint)names.Count;
            CText.Write(description, names[0]);
            if (findList is not null)
                *findList = HandleTable.Add(new FindListObject(names));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, manager);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viFindNext")]
    public static int ViFindNext(uint findList, byte* description)
    {
        try
        {
            var list = HandleTable.Get<FindListObject>(findList, "viFindNext");
            if (description is null)
                throw CStatus.NullPointer("instrDesc", "viFindNext");
            var next = list.Next() ?? throw new VisaException(StatusCode.ErrorResourceNotFound, "The find list has no more resources.", "viFindNext");
            CText.Write(description, next);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viParseRsrc")]
    public static int ViParseRsrc(uint rm, byte* name, ushort* interfaceType, ushort* board) =>
        ParseResource(rm, name, interfaceType, board, null, null, null, "viParseRsrc");

    [UnmanagedCallersOnly(EntryPoint = "viParseRsrcEx")]
    public static int ViParseRsrcEx(uint rm, byte* name, ushort* interfaceType, ushort* board, byte* resourceClass, byte* expanded, byte* alias) =>
        ParseResource(rm, name, interfaceType, board, resourceClass, expanded, alias, "viParseRsrcEx");

    private static int ParseResource(uint rm, byte* name, ushort* interfaceType, ushort* board, byte* resourceClass, byte* expanded, byte* alias, string operation)
    {
        ManagerObject? manager = null;
        try
        {
            manager = HandleTable.Get<ManagerObject>(rm, operation);
            var text = CText.Read(name, "rsrcName", operation);
            var info = manager.Library.ParseResource(manager.BackendSession, text);
            if (interfaceType is not null)
                *interfaceType = (ushort)info.InterfaceType;
            if (board is not null)
                *board = (ushort)(info.InterfaceBoardNumber ?? 0);
            CText.Write(resourceClass, info.ResourceClass);
            CText.Write(expanded, info.ResourceName);
            CText.Write(alias, info.Alias ?? "");
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, manager);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viOpen")]
    public static int ViOpen(uint rm, byte* name, uint accessMode, uint timeout, uint* vi)
    {
        ManagerObject? manager = null;
        try
        {
            manager = HandleTable.Get<ManagerObject>(rm, "viOpen");
            var text = CText.Read(name, "rsrcName", "viOpen");
            if (vi is null)
                throw CStatus.NullPointer("vi", "viOpen");
            *vi = 0;
            var session = manager.Library.Open(manager.BackendSession, text, (AccessMode)accessMode, VisaTimeout.FromAttribute(timeout));
            var opened = new SessionObject(manager, session, text);
            opened.TimeoutMilliseconds = InitialTimeout(manager.Library, session, opened.TimeoutMilliseconds);
            *vi = HandleTable.Add(opened);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, manager);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viClose")]
    public static int ViClose(uint vi)
    {
        try
        {
            if (vi == 0)
                return (int)StatusCode.WarningNullObject;
            if (HandleTable.TryGet<SessionObject>(vi, out var session))
            {
                CloseSession(session);
                return CStatus.Success;
            }
            if (HandleTable.TryGet<ManagerObject>(vi, out var manager))
            {
                foreach (var child in HandleTable.All.OfType<SessionObject>().Where(s => s.Manager == manager).ToList())
                    CloseSession(child);
                HandleTable.Remove(vi);
                manager.Library.Close(manager.BackendSession);
                return CStatus.Success;
            }
            if (HandleTable.TryGet<FindListObject>(vi, out _) || HandleTable.TryGet<EventObject>(vi, out _))
            {
                HandleTable.Remove(vi);
                return CStatus.Success;
            }
            throw new VisaException(StatusCode.ErrorInvalidObject, $"Handle {vi} is not open (it was closed, or never given out by libopenvisa).", "viClose");
        }
        catch (Exception e)
        {
            return CStatus.From(e);
        }
    }

    private static uint InitialTimeout(VisaLibrary library, int session, uint fallback)
    {
        try
        {
            return library.GetAttribute(session, VisaAttribute.TimeoutValue) is uint value ? value : fallback;
        }
        catch (VisaException)
        {
            return fallback;
        }
    }

    private static void CloseSession(SessionObject session)
    {
        if (!HandleTable.Remove(session.Handle))
            return;
        lock (session.Handlers)
            session.Handlers.Clear();
        session.Library.Close(session.BackendSession);
    }

    [UnmanagedCallersOnly(EntryPoint = "viStatusDesc")]
    public static int ViStatusDesc(uint vi, int status, byte* description)
    {
        try
        {
            if (description is null)
                throw CStatus.NullPointer("desc", "viStatusDesc");
            HandleTable.TryGet<CObject>(vi, out var target);
            var info = StatusCodes.Describe((StatusCode)status);
            var known = StatusCodes.TryParse(info.Abbreviation, out _);
            var text = $"{info.Abbreviation}: {info.Description}";
            // The last error on this handle (or, for a handle not open, in the process) said more: which resource, what to try.
            var last = target is not null ? target.LastError : CStatus.LastError;
            if (last is not null && (int)last.Status == status && last.Detail is not null)
                text += " " + last.Detail;
            CText.Write(description, text);
            return known ? CStatus.Success : (int)StatusCode.WarningUnknownStatus;
        }
        catch (Exception e)
        {
            return CStatus.From(e);
        }
    }
}
