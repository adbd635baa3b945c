using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Usb.Kernel;

/// <summary>
/// The system calls the kernel-usbtmc path makes (<c>open</c>, <c>close</c>, <c>read</c>, <c>write</c>, <c>ioctl</c>),
/// all in this one file, bound at run time from the C library: <c>OPENVISA_LIBC</c> (a path) or <c>libc.so.6</c>.
/// Tests point the variable at a fake that emulates a <c>/dev/usbtmc0</c> node. Each call returns the C result and
/// the <c>errno</c> it left, read right after the call.
/// </summary>
internal sealed unsafe class UsbtmcKernelCalls
{
    /// <summary>The environment variable naming the C library to bind.</summary>
    public const string LibraryVariable = "OPENVISA_LIBC";

    private const int ReadWrite = 2; // O_RDWR
    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    private static readonly ConcurrentDictionary<string, Lazy<(UsbtmcKernelCalls?, string?)>> Loaded = new(StringComparer.Ordinal);

    private readonly delegate* unmanaged<byte*, int, int, int> _open;
    private readonly delegate* unmanaged<int, int> _close;
    private readonly delegate* unmanaged<int, byte*, nuint, nint> _read;
    private readonly delegate* unmanaged<int, byte*, nuint, nint> _write;
    private readonly delegate* unmanaged<int, nuint, void*, int> _ioctl;

    private UsbtmcKernelCalls(nint handle, string path)
    {
        Path = path;
        _open = (delegate* unmanaged<byte*, int, int, int>)NativeLibrary.GetExport(handle, "open");
        _close = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(handle, "close");
        _read = (delegate* unmanaged<int, byte*, nuint, nint>)NativeLibrary.GetExport(handle, "read");
        _write = (delegate* unmanaged<int, byte*, nuint, nint>)NativeLibrary.GetExport(handle, "write");
        _ioctl = (delegate* unmanaged<int, nuint, void*, int>)NativeLibrary.GetExport(handle, "ioctl");
    }

    /// <summary>The library the calls were bound from.</summary>
    public string Path { get; }

    /// <summary><c>OPENVISA_LIBC</c> when set, else glibc's name.</summary>
    public static string ConfiguredPath => Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } path ? path : "libc.so.6";

    /// <summary>The calls from <paramref name="path"/>, or null (with <paramref name="why"/>) when it cannot be loaded or lacks one.</summary>
    public static UsbtmcKernelCalls? TryLoad(string path, out string? why)
    {
        var (calls, reason) = Loaded.GetOrAdd(path, p => new Lazy<(UsbtmcKernelCalls?, string?)>(() => Load(p))).Value;
        why = reason;
        return calls;
    }

    private static (UsbtmcKernelCalls?, string?) Load(string path)
    {
        if (!OperatingSystem.IsLinux())
            return (null, "the usbtmc kernel driver is Linux's");
        if (!NativeLibrary.TryLoad(path, out var handle))
            return (null, $"{path} could not be loaded");
        try
        {
            return (new UsbtmcKernelCalls(handle, path), null);
        }
        catch (EntryPointNotFoundException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary><c>open(path, O_RDWR | O_CLOEXEC)</c>: a file descriptor, or -1 and the errno.</summary>
    public int Open(string path, out int errno)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* name = bytes)
        {
            var fd = _open(name, ReadWrite | CloseOnExec, 0);
            errno = fd < 0 ? Marshal.GetLastSystemError() : 0;
            return fd;
        }
    }

    public int Close(int fd) => _close(fd);

    /// <summary><c>read</c> into <paramref name="buffer"/>: the count, or -1 and the errno.</summary>
    public nint Read(int fd, Span<byte> buffer, out int errno)
    {
        fixed (byte* data = buffer)
        {
            var count = _read(fd, data, (nuint)buffer.Length);
            errno = count < 0 ? Marshal.GetLastSystemError() : 0;
            return count;
        }
    }

    /// <summary><c>write</c> from <paramref name="data"/>: the count, or -1 and the errno.</summary>
    public nint Write(int fd, ReadOnlySpan<byte> data, out int errno)
    {
        fixed (byte* bytes = data)
        {
            var count = _write(fd, bytes, (nuint)data.Length);
            errno = count < 0 ? Marshal.GetLastSystemError() : 0;
            return count;
        }
    }

    /// <summary><c>ioctl(fd, request, argument)</c>: 0 or more, or -1 and the errno.</summary>
    public int Ioctl(int fd, uint request, void* argument, out int errno)
    {
        var result = _ioctl(fd, request, argument);
        errno = result < 0 ? Marshal.GetLastSystemError() : 0;
        return result;
    }
}
