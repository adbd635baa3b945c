// The floor for OpenVisa's *IDN? round trip through the fake libusb (eng/usb-perf/run.sh): exactly raw_client.c's
// libusb calls (DEV_DEP_MSG_OUT, REQUEST_DEV_DEP_MSG_IN, one bulk-IN of up to 1 MiB + 512), made from C# by the
// cheapest calls .NET has: unmanaged function pointers from NativeLibrary, blittable arguments, a stack buffer out and
// a native buffer in, no VISA layer, no lock, no string. Whatever a managed front end does costs at least this.
using System.Runtime.InteropServices;

namespace UsbPerf;

/// <summary>raw_client.c's query loop in C#, over the fake libusb named by OPENVISA_LIBUSB.</summary>
internal sealed unsafe class RawFloor : IDisposable
{
    private const int Chunk = 1 << 20;
    private const uint TimeoutMilliseconds = 5000;

    private readonly delegate* unmanaged<nint, byte, byte*, int, int*, uint, int> _bulk;
    // The same entry point without the GC transition: not legal for a call that can block (a bulk transfer waits up to
    // its timeout, and the GC would wait with it), so OpenVisa cannot use it; measured only to show what the
    // managed-to-native transition itself costs.
    private readonly delegate* unmanaged[SuppressGCTransition]<nint, byte, byte*, int, int*, uint, int> _bulkNoTransition;
    private readonly nint _handle;
    private readonly byte* _in;
    private byte _tag;

    public RawFloor(string libraryPath)
    {
        var library = NativeLibrary.Load(libraryPath);
        var init = (delegate* unmanaged<nint*, int>)NativeLibrary.GetExport(library, "libusb_init");
        var list = (delegate* unmanaged<nint, nint**, nint>)NativeLibrary.GetExport(library, "libusb_get_device_list");
        var open = (delegate* unmanaged<nint, nint*, int>)NativeLibrary.GetExport(library, "libusb_open");
        var detach = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "libusb_detach_kernel_driver");
        var claim = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "libusb_claim_interface");
        var bulk = NativeLibrary.GetExport(library, "libusb_bulk_transfer");
        _bulk = (delegate* unmanaged<nint, byte, byte*, int, int*, uint, int>)bulk;
        _bulkNoTransition = (delegate* unmanaged[SuppressGCTransition]<nint, byte, byte*, int, int*, uint, int>)bulk;
        nint context, handle;
        nint* devices;
        Check(init(&context), "libusb_init");
        if (list(context, &devices) < 1)
            throw new InvalidOperationException("the fake libusb lists no device");
        Check(open(devices[0], &handle), "libusb_open");
        detach(handle, 0); // as raw_client.c: fails harmlessly when OpenVisa's session detached the driver first
        Check(claim(handle, 0), "libusb_claim_interface");
        _handle = handle;
        _in = (byte*)NativeMemory.Alloc(Chunk + 1024);
    }

    /// <summary>One *IDN? round trip with the GC transition every blocking P/Invoke needs; returns the reply's length.</summary>
    public long Query()
    {
        var out_ = stackalloc byte[64];
        var request = stackalloc byte[12];
        int transferred;
        // "*IDN?" = 2A 49 44 4E 3F; 12 + 5 padded to 20 bytes.
        Header(out_, 1, 5, 1);
        *(uint*)(out_ + 12) = 0x4E44492A;
        *(uint*)(out_ + 16) = 0x3F;
        Check(_bulk(_handle, 0x02, out_, 20, &transferred, TimeoutMilliseconds), "bulk OUT");
        long total = 0;
        while (true)
        {
            Header(request, 2, Chunk, 0);
            Check(_bulk(_handle, 0x02, request, 12, &transferred, TimeoutMilliseconds), "bulk OUT");
            Check(_bulk(_handle, 0x81, _in, Chunk + 512, &transferred, TimeoutMilliseconds), "bulk IN");
            total += *(uint*)(_in + 4);
            if ((_in[8] & 1) != 0)
                return total;
        }
    }

    /// <summary>The same calls without the GC transition (see <see cref="_bulkNoTransition"/>): a lower bound, not a design.</summary>
    public long QueryWithoutTransition()
    {
        var out_ = stackalloc byte[64];
        var request = stackalloc byte[12];
        int transferred;
        Header(out_, 1, 5, 1);
        *(uint*)(out_ + 12) = 0x4E44492A;
        *(uint*)(out_ + 16) = 0x3F;
        Check(_bulkNoTransition(_handle, 0x02, out_, 20, &transferred, TimeoutMilliseconds), "bulk OUT");
        long total = 0;
        while (true)
        {
            Header(request, 2, Chunk, 0);
            Check(_bulkNoTransition(_handle, 0x02, request, 12, &transferred, TimeoutMilliseconds), "bulk OUT");
            Check(_bulkNoTransition(_handle, 0x81, _in, Chunk + 512, &transferred, TimeoutMilliseconds), "bulk IN");
            total += *(uint*)(_in + 4);
            if ((_in[8] & 1) != 0)
                return total;
        }
    }

    private void Header(byte* h, byte id, uint size, byte attributes)
    {
        _tag = _tag == 255 ? (byte)1 : (byte)(_tag + 1);
        h[0] = id;
        h[1] = _tag;
        h[2] = (byte)~_tag;
        h[3] = 0;
        *(uint*)(h + 4) = size;
        h[8] = attributes;
        h[9] = h[10] = h[11] = 0;
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
            throw new InvalidOperationException($"{call} failed with libusb error {result}");
    }

    public void Dispose() => NativeMemory.Free(_in);
}
