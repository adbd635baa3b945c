using System.Runtime.InteropServices;

namespace OpenVisa.Native;

/// <summary>
/// The loaded VISA library and its exports, each looked up on first use (<see cref="NativeLibrary.GetExport"/>), so a
/// library missing an optional function still serves the others; calling a missing one is
/// <see cref="StatusCode.ErrorNonsupportedOperation"/> naming the function and the library.
/// </summary>
internal sealed class VisaFunctionTable
{
    private readonly IntPtr _library;
    private readonly nint[] _pointers = new nint[Enum.GetValues<VisaFunction>().Length];

    public VisaFunctionTable(IntPtr library, string path)
    {
        _library = library;
        Path = path;
    }

    /// <summary>The library's path (or the name the loader found it by).</summary>
    public string Path { get; }

    /// <summary>The library handle, for <see cref="NativeLibrary.Free"/>.</summary>
    public IntPtr Handle => _library;

    /// <summary>True when the library exports <paramref name="function"/>.</summary>
    public bool Has(VisaFunction function) => Find(function) != 0;

    /// <summary>The address of <paramref name="function"/>.</summary>
    /// <exception cref="VisaException">VI_ERROR_NSUP_OPER when the library does not export it.</exception>
    public nint Get(VisaFunction function, string? resourceName = null)
    {
        var pointer = Find(function);
        if (pointer != 0)
            return pointer;
        throw new VisaException(StatusCode.ErrorNonsupportedOperation,
            $"The VISA library {Path} does not export {function}, so this operation is not available through it. Use a VISA library that implements {function}, or another backend (@managed).",
            function.ToString(), resourceName);
    }

    private nint Find(VisaFunction function)
    {
        var index = (int)function;
        var pointer = Volatile.Read(ref _pointers[index]);
        if (pointer != 0)
            return pointer;
        // A missing export stays 0 and is looked up again next time; that only costs on the error path.
        if (!NativeLibrary.TryGetExport(_library, function.ToString(), out pointer))
            return 0;
        Volatile.Write(ref _pointers[index], pointer);
        return pointer;
    }
}
