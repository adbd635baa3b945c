using System.Collections.Concurrent;

namespace OpenVisa.CApi;

/// <summary>
/// The 32-bit handles (<c>ViSession</c>, <c>ViFindList</c>, <c>ViEvent</c>) libopenvisa gives out. A handle is never
/// given out twice in a process (a counter, not a free list), so a program holding a stale copy gets
/// <c>VI_ERROR_INV_OBJECT</c> instead of reaching somebody else's session.
/// </summary>
internal static class HandleTable
{
    // Starts away from 0 (VI_NULL) and from small numbers a program might pass by mistake.
    private static int _last = 0x1000;
    private static readonly ConcurrentDictionary<uint, CObject> Objects = new();

    /// <summary>Gives <paramref name="value"/> a new handle.</summary>
    public static uint Add(CObject value)
    {
        var handle = unchecked((uint)Interlocked.Increment(ref _last));
        if (handle == 0)
            throw new VisaException(StatusCode.ErrorAllocation, "libopenvisa has given out every 32-bit handle in this process; restart the program.");
        value.Handle = handle;
        Objects[handle] = value;
        return handle;
    }

    /// <summary>The object behind <paramref name="handle"/> when it is open and of type <typeparamref name="T"/>.</summary>
    public static bool TryGet<T>(uint handle, out T value)
        where T : CObject
    {
        if (Objects.TryGetValue(handle, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>The object, or VI_ERROR_INV_OBJECT saying what the handle is.</summary>
    public static T Get<T>(uint handle, string operation)
        where T : CObject
    {
        if (TryGet<T>(handle, out var value))
            return value;
        var what = Objects.TryGetValue(handle, out var other)
            ? $"a {other.Kind}, not a {KindOf<T>()}"
            : "not open (it was closed, or never given out by libopenvisa)";
        throw new VisaException(StatusCode.ErrorInvalidObject, $"Handle {handle} is {what}.", operation);
    }

    /// <summary>Forgets a handle; true when it was open.</summary>
    public static bool Remove(uint handle) => Objects.TryRemove(handle, out _);

    /// <summary>Every open object, for closing a resource manager's sessions with it.</summary>
    public static IEnumerable<CObject> All => Objects.Values;

    private static string KindOf<T>() =>
        typeof(T) == typeof(SessionObject) ? "resource session" :
        typeof(T) == typeof(ManagerObject) ? "resource manager" :
        typeof(T) == typeof(FindListObject) ? "find list" :
        typeof(T) == typeof(EventObject) ? "event" : "VISA object";
}
