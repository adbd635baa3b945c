using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Usb;

// Bulk transfers and their recovery: a timeout aborts the transfer, a stall clears the endpoint, so the next message
// starts clean; the error says which happened.
internal sealed partial class UsbtmcSession
{
    /// <summary>How long the abort requests and the reads that drain an aborted reply may take.</summary>
    private const uint AbortTimeoutMilliseconds = 5000;

    /// <summary>How many times CHECK_*_STATUS is asked while the device says STATUS_PENDING.</summary>
    private const int PendingChecks = 100;

    private void SendOut(Span<byte> message, byte tag, string operation)
    {
        var result = _device.BulkOut(_bulkOut, message, out _, LibUsbTimeout);
        if (result >= 0)
            return;
        if (result == LibUsbErrors.Timeout)
        {
            AbortBulkOut(tag);
            throw new VisaException(StatusCode.ErrorTimeout,
                $"USB device {_device.Device.Id} did not take the message within {Milliseconds} (libusb_bulk_transfer: LIBUSB_ERROR_TIMEOUT); the transfer was aborted (INITIATE_ABORT_BULK_OUT) so the next one starts clean. Raise the timeout, or clear the device if it is busy.",
                operation, ResourceName);
        }
        throw TransferFailed(result, _bulkOut, operation);
    }

    private int ReceiveIn(Span<byte> transfer, byte tag, string operation)
    {
        var result = _device.BulkIn(_bulkIn, transfer, out var count, LibUsbTimeout);
        if (result >= 0)
            return count;
        if (result == LibUsbErrors.Timeout)
        {
            AbortBulkIn(tag);
            throw new VisaException(StatusCode.ErrorTimeout,
                $"USB device {_device.Device.Id} sent no reply within {Milliseconds} (libusb_bulk_transfer: LIBUSB_ERROR_TIMEOUT); the request was aborted (INITIATE_ABORT_BULK_IN) so the next read starts clean. Was a query sent before the read? Otherwise raise the timeout.",
                operation, ResourceName);
        }
        throw TransferFailed(result, _bulkIn, operation);
    }

    /// <summary>The error for a failed bulk transfer; a stalled endpoint is cleared first so the next transfer can run.</summary>
    private VisaException TransferFailed(int result, byte endpoint, string operation)
    {
        if (result == LibUsbErrors.NoDevice)
        {
            _events.ConnectionLost("the USB device was unplugged");
            return new VisaException(StatusCode.ErrorConnectionLost,
                $"USB device {_device.Device.Id} vanished during the transfer (libusb_bulk_transfer: {_device.Library.ErrorName(result)}). Plug it in again and reopen the session.",
                operation, ResourceName);
        }
        if (result == LibUsbErrors.Pipe)
        {
            var cleared = _device.ClearHalt(endpoint);
            return new VisaException(StatusCode.ErrorIO,
                $"Endpoint 0x{endpoint:X2} of USB device {_device.Device.Id} stalled (libusb_bulk_transfer: {_device.Library.ErrorName(result)}): the device refused the transfer. " +
                (cleared >= 0 ? "The stall was cleared, so the next transfer can run; a device clear (viClear) resets the device's side too."
                    : $"Clearing the stall failed too ({_device.Library.ErrorName(cleared)}); reopen the session."),
                operation, ResourceName);
        }
        return LibUsbErrors.ToVisa(_device.Library, result, "libusb_bulk_transfer", operation, ResourceName, _device.Device.Id);
    }

    private string Milliseconds => TimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>
    /// INITIATE_ABORT_BULK_IN for <paramref name="tag"/>, then reads what the device still had queued up to a short
    /// packet and asks CHECK_ABORT_BULK_IN_STATUS until it is done (USBTMC 1.0 §4.2.1.4–5). Failures are logged: the
    /// caller reports the original error.
    /// </summary>
    private void AbortBulkIn(byte tag)
    {
        Span<byte> reply = stackalloc byte[8];
        var result = _device.Control(UsbtmcRequests.ClassEndpointIn, UsbtmcRequests.InitiateAbortBulkIn, tag, _bulkIn, reply[..2], AbortTimeoutMilliseconds);
        if (result < 2 || reply[0] != UsbtmcRequests.StatusSuccess)
        {
            Log("INITIATE_ABORT_BULK_IN", result, reply[0]);
            return;
        }
        var drain = new byte[InBufferLength(_bulkInPacket * 4)];
        for (var check = 0; check < PendingChecks; check++)
        {
            DrainBulkIn(drain);
            result = _device.Control(UsbtmcRequests.ClassEndpointIn, UsbtmcRequests.CheckAbortBulkInStatus, 0, _bulkIn, reply, AbortTimeoutMilliseconds);
            if (result < 1 || reply[0] != UsbtmcRequests.StatusPending)
            {
                if (result < 1 || reply[0] != UsbtmcRequests.StatusSuccess)
                    Log("CHECK_ABORT_BULK_IN_STATUS", result, reply[0]);
                return;
            }
            Thread.Sleep(20);
        }
    }

    /// <summary>Reads the bulk-IN endpoint until a short packet (the end of what the device had), or until it has nothing.</summary>
    private void DrainBulkIn(byte[] buffer)
    {
        for (var i = 0; i < 1024; i++)
        {
            var result = _device.BulkIn(_bulkIn, buffer, out var count, AbortTimeoutMilliseconds / 5);
            if (result < 0 || count < buffer.Length)
                return;
        }
    }

    /// <summary>INITIATE_ABORT_BULK_OUT for <paramref name="tag"/>, CHECK_ABORT_BULK_OUT_STATUS until done, then clears the endpoint's halt (USBTMC 1.0 §4.2.1.2–3).</summary>
    private void AbortBulkOut(byte tag)
    {
        Span<byte> reply = stackalloc byte[8];
        var result = _device.Control(UsbtmcRequests.ClassEndpointIn, UsbtmcRequests.InitiateAbortBulkOut, tag, _bulkOut, reply[..2], AbortTimeoutMilliseconds);
        if (result < 2 || reply[0] != UsbtmcRequests.StatusSuccess)
        {
            Log("INITIATE_ABORT_BULK_OUT", result, reply[0]);
            return;
        }
        for (var check = 0; check < PendingChecks; check++)
        {
            result = _device.Control(UsbtmcRequests.ClassEndpointIn, UsbtmcRequests.CheckAbortBulkOutStatus, 0, _bulkOut, reply, AbortTimeoutMilliseconds);
            if (result < 1 || reply[0] != UsbtmcRequests.StatusPending)
                break;
            Thread.Sleep(20);
        }
        _device.ClearHalt(_bulkOut);
    }

    private void Log(string request, int result, byte status) =>
        Opening.Library.Logger.LogDebug("{Resource}: {Request} did not succeed ({Result})", ResourceName, request,
            result < 0 ? _device.Library.ErrorName(result) : UsbtmcRequests.StatusName(status));
}
