using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// libusb-1.0's synchronous API, loaded at run time from <c>OPENVISA_LIBUSB</c> or the platform's library name
/// (<c>libusb-1.0.so.0</c>, <c>libusb-1.0.dll</c>, <c>libusb-1.0.dylib</c>), with its entry points bound once per file
/// and one libusb context per file. This is the only file that calls libusb; every result is returned to the caller,
/// which checks it with <see cref="LibUsbErrors"/>.
/// </summary>
internal sealed unsafe class LibUsb
{
    /// <summary>The environment variable that names the libusb library to load instead of the platform's default.</summary>
    public const string LibraryVariable = "OPENVISA_LIBUSB";

    private static readonly ConcurrentDictionary<string, Lazy<(LibUsb? Library, string? Why)>> Loaded = new(StringComparer.Ordinal);

    private readonly delegate* unmanaged<nint*, int> _init;
    private readonly delegate* unmanaged<nint, nint**, nint> _getDeviceList;
    private readonly delegate* unmanaged<nint*, int, void> _freeDeviceList;
    private readonly delegate* unmanaged<nint, LibUsbDeviceDescriptor*, int> _getDeviceDescriptor;
    private readonly delegate* unmanaged<nint, LibUsbConfigDescriptor**, int> _getActiveConfigDescriptor;
    private readonly delegate* unmanaged<LibUsbConfigDescriptor*, void> _freeConfigDescriptor;
    private readonly delegate* unmanaged<nint, byte> _getBusNumber;
    private readonly delegate* unmanaged<nint, byte> _getDeviceAddress;
    private readonly delegate* unmanaged<nint, nint*, int> _open;
    private readonly delegate* unmanaged<nint, void> _close;
    private readonly delegate* unmanaged<nint, byte, byte*, int, int> _getStringDescriptorAscii;
    private readonly delegate* unmanaged<nint, int, int> _kernelDriverActive;
    private readonly delegate* unmanaged<nint, int, int> _detachKernelDriver;
    private readonly delegate* unmanaged<nint, int, int> _attachKernelDriver;
    private readonly delegate* unmanaged<nint, int, int> _claimInterface;
    private readonly delegate* unmanaged<nint, int, int> _releaseInterface;
    private readonly delegate* unmanaged<nint, byte, int> _clearHalt;
    private readonly delegate* unmanaged<nint, byte, byte*, int, int*, uint, int> _bulkTransfer;
    private readonly delegate* unmanaged<nint, byte, byte*, int, int*, uint, int> _interruptTransfer;
    private readonly delegate* unmanaged<nint, byte, byte, ushort, ushort, byte*, ushort, uint, int> _controlTransfer;
    private readonly delegate* unmanaged<int, byte*> _errorName;
    private readonly nint _context;

    private LibUsb(nint handle, string path)
    {
        Path = path;
        _init = (delegate* unmanaged<nint*, int>)Export(handle, "libusb_init");
        _getDeviceList = (delegate* unmanaged<nint, nint**, nint>)Export(handle, "libusb_get_device_list");
        _freeDeviceList = (delegate* unmanaged<nint*, int, void>)Export(handle, "libusb_free_device_list");
        _getDeviceDescriptor = (delegate* unmanaged<nint, LibUsbDeviceDescriptor*, int>)Export(handle, "libusb_get_device_descriptor");
        _getActiveConfigDescriptor = (delegate* unmanaged<nint, LibUsbConfigDescriptor**, int>)Export(handle, "libusb_get_active_config_descriptor");
        _freeConfigDescriptor = (delegate* unmanaged<LibUsbConfigDescriptor*, void>)Export(handle, "libusb_free_config_descriptor");
        _getBusNumber = (delegate* unmanaged<nint, byte>)Export(handle, "libusb_get_bus_number");
        _getDeviceAddress = (delegate* unmanaged<nint, byte>)Export(handle, "libusb_get_device_address");
        _open = (delegate* unmanaged<nint, nint*, int>)Export(handle, "libusb_open");
        _close = (delegate* unmanaged<nint, void>)Export(handle, "libusb_close");
        _getStringDescriptorAscii = (delegate* unmanaged<nint, byte, byte*, int, int>)Export(handle, "libusb_get_string_descriptor_ascii");
        _kernelDriverActive = (delegate* unmanaged<nint, int, int>)Export(handle, "libusb_kernel_driver_active");
        _detachKernelDriver = (delegate* unmanaged<nint, int, int>)Export(handle, "libusb_detach_kernel_driver");
        _attachKernelDriver = (delegate* unmanaged<nint, int, int>)Export(handle, "libusb_attach_kernel_driver");
        _claimInterface = (delegate* unmanaged<nint, int, int>)Export(handle, "libusb_claim_interface");
        _releaseInterface = (delegate* unmanaged<nint, int, int>)Export(handle, "libusb_release_interface");
        _clearHalt = (delegate* unmanaged<nint, byte, int>)Export(handle, "libusb_clear_halt");
        _bulkTransfer = (delegate* unmanaged<nint, byte, byte*, int, int*, uint, int>)Export(handle, "libusb_bulk_transfer");
        _interruptTransfer = (delegate* unmanaged<nint, byte, byte*, int, int*, uint, int>)Export(handle, "libusb_interrupt_transfer");
        _controlTransfer = (delegate* unmanaged<nint, byte, byte, ushort, ushort, byte*, ushort, uint, int>)Export(handle, "libusb_control_transfer");
        _errorName = (delegate* unmanaged<int, byte*>)Export(handle, "libusb_error_name");
        nint context;
        var result = _init(&context);
        if (result < 0)
            throw new InvalidOperationException($"libusb_init failed with {ErrorName(result)}");
        _context = context;
    }

    /// <summary>The file the library was loaded from (or the name the loader resolved).</summary>
    public string Path { get; }

    /// <summary><c>OPENVISA_LIBUSB</c> when set, else the platform's library name.</summary>
    public static string ConfiguredPath => Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } path ? path : DefaultName;

    /// <summary>The platform's name for libusb-1.0 (Debian's package <c>libusb-1.0-0</c> on Linux).</summary>
    public static string DefaultName =>
        OperatingSystem.IsWindows() ? "libusb-1.0.dll" : OperatingSystem.IsMacOS() ? "libusb-1.0.dylib" : "libusb-1.0.so.0";

    /// <summary>The library at <paramref name="path"/>, or null (with <paramref name="why"/>) when it cannot be loaded, lacks a function or does not initialise.</summary>
    public static LibUsb? TryLoad(string path, out string? why)
    {
        var (library, reason) = Loaded.GetOrAdd(path, p => new Lazy<(LibUsb?, string?)>(() => Load(p))).Value;
        why = reason;
        return library;
    }

    private static (LibUsb?, string?) Load(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var handle))
            return (null, "it could not be loaded (not installed, or not a library for this platform)");
        try
        {
            return (new LibUsb(handle, path), null);
        }
        catch (EntryPointNotFoundException e)
        {
            return (null, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>libusb's name for an error code, e.g. <c>LIBUSB_ERROR_ACCESS</c>.</summary>
    public string ErrorName(int code) => Marshal.PtrToStringAnsi((nint)_errorName(code)) ?? $"libusb error {code}";

    /// <summary>The devices attached now (referenced until <see cref="FreeDeviceList"/>); a negative count is an error code.</summary>
    public nint GetDeviceList(out nint* list)
    {
        nint* devices;
        var count = _getDeviceList(_context, &devices);
        list = devices;
        return count;
    }

    public void FreeDeviceList(nint* list) => _freeDeviceList(list, 1);

    public int GetDeviceDescriptor(nint device, out LibUsbDeviceDescriptor descriptor)
    {
        LibUsbDeviceDescriptor value;
        var result = _getDeviceDescriptor(device, &value);
        descriptor = value;
        return result;
    }

    public int GetActiveConfigDescriptor(nint device, out LibUsbConfigDescriptor* config)
    {
        LibUsbConfigDescriptor* value;
        var result = _getActiveConfigDescriptor(device, &value);
        config = value;
        return result;
    }

    public void FreeConfigDescriptor(LibUsbConfigDescriptor* config) => _freeConfigDescriptor(config);

    public byte BusNumber(nint device) => _getBusNumber(device);

    public byte DeviceAddress(nint device) => _getDeviceAddress(device);

    public int Open(nint device, out nint handle)
    {
        nint value;
        var result = _open(device, &value);
        handle = value;
        return result;
    }

    public void Close(nint handle) => _close(handle);

    /// <summary>Reads string descriptor <paramref name="index"/>; a negative result is an error code.</summary>
    public int GetStringDescriptorAscii(nint handle, byte index, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
            return _getStringDescriptorAscii(handle, index, p, buffer.Length);
    }

    public int KernelDriverActive(nint handle, int interfaceNumber) => _kernelDriverActive(handle, interfaceNumber);

    public int DetachKernelDriver(nint handle, int interfaceNumber) => _detachKernelDriver(handle, interfaceNumber);

    public int AttachKernelDriver(nint handle, int interfaceNumber) => _attachKernelDriver(handle, interfaceNumber);

    public int ClaimInterface(nint handle, int interfaceNumber) => _claimInterface(handle, interfaceNumber);

    public int ReleaseInterface(nint handle, int interfaceNumber) => _releaseInterface(handle, interfaceNumber);

    public int ClearHalt(nint handle, byte endpoint) => _clearHalt(handle, endpoint);

    /// <summary>A bulk transfer in the direction of <paramref name="endpoint"/>; <paramref name="transferred"/> is set even on a timeout.</summary>
    public int BulkTransfer(nint handle, byte endpoint, Span<byte> data, out int transferred, uint timeoutMilliseconds)
    {
        int count = 0;
        int result;
        fixed (byte* p = data)
            result = _bulkTransfer(handle, endpoint, p, data.Length, &count, timeoutMilliseconds);
        transferred = count;
        return result;
    }

    public int InterruptTransfer(nint handle, byte endpoint, Span<byte> data, out int transferred, uint timeoutMilliseconds)
    {
        int count = 0;
        int result;
        fixed (byte* p = data)
            result = _interruptTransfer(handle, endpoint, p, data.Length, &count, timeoutMilliseconds);
        transferred = count;
        return result;
    }

    /// <summary>A control transfer; returns the bytes transferred or a negative error code.</summary>
    public int ControlTransfer(nint handle, byte requestType, byte request, ushort value, ushort index, Span<byte> data, uint timeoutMilliseconds)
    {
        fixed (byte* p = data)
            return _controlTransfer(handle, requestType, request, value, index, p, (ushort)Math.Min(data.Length, ushort.MaxValue), timeoutMilliseconds);
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? address : throw new EntryPointNotFoundException($"it has no function {name}");
}

/// <summary>libusb's <c>struct libusb_device_descriptor</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibUsbDeviceDescriptor
{
    public byte Length, DescriptorType;
    public ushort BcdUsb;
    public byte DeviceClass, DeviceSubClass, DeviceProtocol, MaxPacketSize0;
    public ushort VendorId, ProductId, BcdDevice;
    public byte ManufacturerIndex, ProductIndex, SerialNumberIndex, ConfigurationCount;
}

/// <summary>libusb's <c>struct libusb_endpoint_descriptor</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LibUsbEndpointDescriptor
{
    public byte Length, DescriptorType, EndpointAddress, Attributes;
    public ushort MaxPacketSize;
    public byte Interval, Refresh, SynchAddress;
    public nint Extra;
    public int ExtraLength;
}

/// <summary>libusb's <c>struct libusb_interface_descriptor</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbInterfaceDescriptor
{
    public byte Length, DescriptorType, InterfaceNumber, AlternateSetting, EndpointCount, InterfaceClass, InterfaceSubClass, InterfaceProtocol, InterfaceIndex;
    public LibUsbEndpointDescriptor* Endpoints;
    public nint Extra;
    public int ExtraLength;
}

/// <summary>libusb's <c>struct libusb_interface</c>: the alternate settings of one interface.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbInterface
{
    public LibUsbInterfaceDescriptor* AlternateSettings;
    public int AlternateSettingCount;
}

/// <summary>libusb's <c>struct libusb_config_descriptor</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LibUsbConfigDescriptor
{
    public byte Length, DescriptorType;
    public ushort TotalLength;
    public byte InterfaceCount, ConfigurationValue, ConfigurationIndex, Attributes, MaxPower;
    public LibUsbInterface* Interfaces;
    public nint Extra;
    public int ExtraLength;
}
