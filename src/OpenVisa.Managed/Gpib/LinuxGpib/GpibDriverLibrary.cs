using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Gpib.LinuxGpib;

/// <summary>
/// The GPIB driver's C API (linux-gpib's <c>libgpib.so.0</c>; NI-488.2's <c>ni4882.dll</c> has the same functions),
/// loaded at run time from <c>OPENVISA_LIBGPIB</c> or the platform's default name, its entry points bound once.
/// Status (<c>ibsta</c>, <c>iberr</c>, <c>ibcnt</c>) is read through the thread-safe accessors, never the globals.
/// </summary>
internal sealed unsafe class GpibDriverLibrary
{
    private static readonly ConcurrentDictionary<string, GpibDriverLibrary?> Loaded = new(StringComparer.Ordinal);

    private readonly delegate* unmanaged<int, int, int, int, int, int, int> _ibdev;
    private readonly delegate* unmanaged<int, byte*, CLong, int> _ibwrt;
    private readonly delegate* unmanaged<int, byte*, CLong, int> _ibrd;
    private readonly delegate* unmanaged<int, int> _ibclr;
    private readonly delegate* unmanaged<int, byte*, int> _ibrsp;
    private readonly delegate* unmanaged<int, int> _ibtrg;
    private readonly delegate* unmanaged<int, int> _ibloc;
    private readonly delegate* unmanaged<int, int, int> _ibonl;
    private readonly delegate* unmanaged<int, int, int, int> _ibconfig;
    private readonly delegate* unmanaged<int, int, int*, int> _ibask;
    private readonly delegate* unmanaged<int, int, int> _ibwait;
    private readonly delegate* unmanaged<int, byte*, CLong, int> _ibcmd;
    private readonly delegate* unmanaged<int, int> _ibsic;
    private readonly delegate* unmanaged<int, int, int> _ibsre;
    private readonly delegate* unmanaged<int, short*, int> _iblines;
    private readonly delegate* unmanaged<int, int, int, short*, int> _ibln;
    private readonly delegate* unmanaged<int> _threadIbsta;
    private readonly delegate* unmanaged<int> _threadIberr;
    private readonly delegate* unmanaged<CLong> _threadIbcntl;

    private GpibDriverLibrary(nint handle, string path)
    {
        Path = path;
        _ibdev = (delegate* unmanaged<int, int, int, int, int, int, int>)Export(handle, "ibdev");
        _ibwrt = (delegate* unmanaged<int, byte*, CLong, int>)Export(handle, "ibwrt");
        _ibrd = (delegate* unmanaged<int, byte*, CLong, int>)Export(handle, "ibrd");
        _ibclr = (delegate* unmanaged<int, int>)Export(handle, "ibclr");
        _ibrsp = (delegate* unmanaged<int, byte*, int>)Export(handle, "ibrsp");
        _ibtrg = (delegate* unmanaged<int, int>)Export(handle, "ibtrg");
        _ibloc = (delegate* unmanaged<int, int>)Export(handle, "ibloc");
        _ibonl = (delegate* unmanaged<int, int, int>)Export(handle, "ibonl");
        _ibconfig = (delegate* unmanaged<int, int, int, int>)Export(handle, "ibconfig");
        _ibask = (delegate* unmanaged<int, int, int*, int>)Export(handle, "ibask");
        _ibwait = (delegate* unmanaged<int, int, int>)Export(handle, "ibwait");
        _ibcmd = (delegate* unmanaged<int, byte*, CLong, int>)Export(handle, "ibcmd");
        _ibsic = (delegate* unmanaged<int, int>)Export(handle, "ibsic");
        _ibsre = (delegate* unmanaged<int, int, int>)Export(handle, "ibsre");
        _iblines = (delegate* unmanaged<int, short*, int>)Export(handle, "iblines");
        _ibln = (delegate* unmanaged<int, int, int, short*, int>)Export(handle, "ibln");
        _threadIbsta = (delegate* unmanaged<int>)Export(handle, "ThreadIbsta");
        _threadIberr = (delegate* unmanaged<int>)Export(handle, "ThreadIberr");
        _threadIbcntl = (delegate* unmanaged<CLong>)Export(handle, "ThreadIbcntl");
    }

    /// <summary>The file the library was loaded from (or the name the loader resolved).</summary>
    public string Path { get; }

    /// <summary>The library at <paramref name="path"/>, or null (with <paramref name="why"/>) when it cannot be loaded or lacks a function.</summary>
    public static GpibDriverLibrary? TryLoad(string path, out string? why)
    {
        string? reason = null;
        var library = Loaded.GetOrAdd(path, p =>
        {
            if (!NativeLibrary.TryLoad(p, out var handle))
            {
                reason = "it could not be loaded (not installed, or not a library for this platform)";
                return null;
            }
            try
            {
                return new GpibDriverLibrary(handle, p);
            }
            catch (EntryPointNotFoundException e)
            {
                reason = e.Message;
                return null;
            }
        });
        why = library is null ? reason ?? "it could not be loaded earlier in this process" : null;
        return library;
    }

    /// <summary>The last call's status, error and count on this thread.</summary>
    public GpibStatus Status => new(_threadIbsta(), _threadIberr(), (long)_threadIbcntl().Value);

    public int Dev(int board, int pad, int sad, int timeoutCode, bool sendEoi, int eosMode) => _ibdev(board, pad, sad, timeoutCode, sendEoi ? 1 : 0, eosMode);

    public int Write(int ud, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
            return _ibwrt(ud, p, new CLong((nint)data.Length));
    }

    public int Read(int ud, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
            return _ibrd(ud, p, new CLong((nint)buffer.Length));
    }

    public int Command(int ud, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
            return _ibcmd(ud, p, new CLong((nint)bytes.Length));
    }

    public int Clear(int ud) => _ibclr(ud);

    public int SerialPoll(int ud, out byte statusByte)
    {
        byte value = 0;
        var sta = _ibrsp(ud, &value);
        statusByte = value;
        return sta;
    }

    public int Trigger(int ud) => _ibtrg(ud);

    public int Local(int ud) => _ibloc(ud);

    public int Online(int ud, bool online) => _ibonl(ud, online ? 1 : 0);

    public int Config(int ud, int option, int value) => _ibconfig(ud, option, value);

    public int Ask(int ud, int option, out int value)
    {
        int result;
        var sta = _ibask(ud, option, &result);
        value = result;
        return sta;
    }

    public int Wait(int ud, int mask) => _ibwait(ud, mask);

    public int SendIfc(int ud) => _ibsic(ud);

    public int RemoteEnable(int ud, bool on) => _ibsre(ud, on ? 1 : 0);

    public int Lines(int ud, out short lines)
    {
        short value;
        var sta = _iblines(ud, &value);
        lines = value;
        return sta;
    }

    public int Listener(int ud, int pad, int sad, out bool found)
    {
        short value;
        var sta = _ibln(ud, pad, sad, &value);
        found = value != 0;
        return sta;
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? address : throw new EntryPointNotFoundException($"it has no function {name}");
}

/// <summary>What a GPIB driver call left: <c>ibsta</c>, <c>iberr</c> and <c>ibcnt</c>.</summary>
internal readonly record struct GpibStatus(int Ibsta, int Iberr, long Count)
{
    public const int Err = 0x8000;
    public const int Timo = 0x4000;
    public const int End = 0x2000;
    public const int Rqs = 0x0800;

    public bool IsError => (Ibsta & Err) != 0;

    public bool TimedOut => (Ibsta & Timo) != 0;

    public bool Ended => (Ibsta & End) != 0;
}
