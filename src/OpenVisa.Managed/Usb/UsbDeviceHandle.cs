using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// An opened USB device with one interface claimed: the kernel driver bound to the interface (Linux's <c>usbtmc</c>) is
/// detached first and reattached on <see cref="Dispose"/>. Transfers return libusb's result; <see cref="Check"/>
/// turns a failure into a <see cref="VisaException"/> naming the libusb error, the device and what to try.
/// </summary>
internal sealed class UsbDeviceHandle : IDisposable
{
    private readonly nint _handle;
    private readonly bool _reattachDriver;
    private readonly ILogger _logger;
    private int _disposed;

    private UsbDeviceHandle(LibUsb library, nint handle, UsbDeviceInfo device, UsbInterfaceInfo usbInterface, bool reattachDriver, string resourceName, ILogger logger)
    {
        Library = library;
        _handle = handle;
        Device = device;
        Interface = usbInterface;
        _reattachDriver = reattachDriver;
        ResourceName = resourceName;
        _logger = logger;
    }

    /// <summary>The libusb the handle came from.</summary>
    public LibUsb Library { get; }

    /// <summary>The device.</summary>
    public UsbDeviceInfo Device { get; }

    /// <summary>The claimed interface.</summary>
    public UsbInterfaceInfo Interface { get; }

    /// <summary>The resource name for messages.</summary>
    public string ResourceName { get; }

    /// <summary>True when a kernel driver was detached to claim the interface (and will be reattached).</summary>
    public bool DetachedKernelDriver => _reattachDriver;

    /// <summary>Opens <paramref name="device"/> and claims <paramref name="usbInterface"/>, detaching a kernel driver that holds it.</summary>
    public static UsbDeviceHandle Open(LibUsb library, nint device, UsbDeviceInfo info, UsbInterfaceInfo usbInterface, string resourceName, ILogger logger)
    {
        var result = library.Open(device, out var handle);
        if (result < 0)
            throw LibUsbErrors.ToVisa(library, result, "libusb_open", "Open", resourceName, info.Id);
        var detached = false;
        try
        {
            if (library.KernelDriverActive(handle, usbInterface.Number) == 1)
            {
                result = library.DetachKernelDriver(handle, usbInterface.Number);
                if (result < 0)
                    throw LibUsbErrors.ToVisa(library, result, $"libusb_detach_kernel_driver (interface {usbInterface.Number})", "Open", resourceName, info.Id);
                detached = true;
                logger.LogDebug("{Resource}: detached the kernel driver from interface {Interface} of {Device}", resourceName, usbInterface.Number, info.Id);
            }
            result = library.ClaimInterface(handle, usbInterface.Number);
            if (result < 0)
                throw LibUsbErrors.ToVisa(library, result, $"libusb_claim_interface (interface {usbInterface.Number})", "Open", resourceName, info.Id);
        }
        catch
        {
            if (detached)
                library.AttachKernelDriver(handle, usbInterface.Number);
            library.Close(handle);
            throw;
        }
        logger.LogDebug("{Resource}: opened {Device} interface {Interface} through libusb ({Path})", resourceName, info.Id, usbInterface.Number, library.Path);
        return new UsbDeviceHandle(library, handle, info, usbInterface, detached, resourceName, logger);
    }

    public int BulkOut(byte endpoint, Span<byte> data, out int transferred, uint timeout) => Library.BulkTransfer(_handle, endpoint, data, out transferred, timeout);

    public int BulkIn(byte endpoint, Span<byte> data, out int transferred, uint timeout) => Library.BulkTransfer(_handle, endpoint, data, out transferred, timeout);

    public int InterruptIn(byte endpoint, Span<byte> data, out int transferred, uint timeout) => Library.InterruptTransfer(_handle, endpoint, data, out transferred, timeout);

    public int Control(byte requestType, byte request, ushort value, ushort index, Span<byte> data, uint timeout) =>
        Library.ControlTransfer(_handle, requestType, request, value, index, data, timeout);

    public int ClearHalt(byte endpoint) => Library.ClearHalt(_handle, endpoint);

    /// <summary>Throws for a negative libusb result; returns it otherwise.</summary>
    public int Check(int result, string call, string operation) =>
        result < 0 ? throw LibUsbErrors.ToVisa(Library, result, call, operation, ResourceName, Device.Id) : result;

    /// <summary>Releases the interface, gives it back to the kernel driver it was taken from, and closes the device.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        var released = Library.ReleaseInterface(_handle, Interface.Number);
        if (released < 0)
            _logger.LogDebug("{Resource}: libusb_release_interface failed with {Error}", ResourceName, Library.ErrorName(released));
        if (_reattachDriver)
        {
            var attached = Library.AttachKernelDriver(_handle, Interface.Number);
            if (attached < 0)
                _logger.LogWarning("{Resource}: the kernel driver could not be reattached to {Device} ({Error}); unplug and replug the device to get it back", ResourceName, Device.Id, Library.ErrorName(attached));
        }
        Library.Close(_handle);
    }
}
