using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tcpip.Vxi11;

// Status byte, trigger, clear, service requests and the end of a link.
internal sealed partial class Vxi11ServerLink
{
    // ---- status byte, trigger, clear -------------------------------------------------------------------------

    public async ValueTask<(Vxi11ErrorCode Error, byte Stb)> ReadStatusByteAsync(uint ioTimeoutMs, CancellationToken abort)
    {
        if (!await EnterDeviceAsync(ioTimeoutMs, abort).ConfigureAwait(false))
            return (Vxi11ErrorCode.IOTimeout, 0);
        byte stb;
        try
        {
            stb = await Device.Device.ReadStatusByteAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (DeviceFailed(e, "device_readstb"), 0);
        }
        finally
        {
            Device.CallGate.Release();
        }
        lock (_gate)
        {
            if (_output.Count > 0)
                stb |= MessageAvailable;
        }
        return (Vxi11ErrorCode.NoError, stb);
    }

    public async ValueTask<Vxi11ErrorCode> TriggerAsync(uint ioTimeoutMs, CancellationToken abort)
    {
        if (!await EnterDeviceAsync(ioTimeoutMs, abort).ConfigureAwait(false))
            return Vxi11ErrorCode.IOTimeout;
        try
        {
            await Device.Device.TriggerAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DeviceFailed(e, "device_trigger");
        }
        finally
        {
            Device.CallGate.Release();
        }
        return Vxi11ErrorCode.NoError;
    }

    /// <summary>
    /// <c>device_remote</c> / <c>device_local</c>: a device with a front panel (<see cref="IRemoteLocalDevice"/>) is put in
    /// remote or returned to local; any other device has nothing to switch, and the call simply succeeds.
    /// </summary>
    public async ValueTask<Vxi11ErrorCode> RemoteLocalAsync(bool remote, uint ioTimeoutMs, CancellationToken abort)
    {
        if (Device.Device is not IRemoteLocalDevice panel)
            return Vxi11ErrorCode.NoError;
        if (!await EnterDeviceAsync(ioTimeoutMs, abort).ConfigureAwait(false))
            return Vxi11ErrorCode.IOTimeout;
        try
        {
            await panel.SetRemoteLocalAsync(remote ? RenMode.AssertAddress : RenMode.AddressGoToLocal, abort).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DeviceFailed(e, remote ? "device_remote" : "device_local");
        }
        finally
        {
            Device.CallGate.Release();
        }
        return Vxi11ErrorCode.NoError;
    }

    /// <summary><c>device_clear</c>: cancels the device call in progress, drops input and output, clears the device.</summary>
    public async ValueTask<Vxi11ErrorCode> ClearAsync(uint ioTimeoutMs, CancellationToken abort)
    {
        await CancelOperationAsync().ConfigureAwait(false);
        DiscardBuffers();
        if (!await EnterDeviceAsync(ioTimeoutMs, abort).ConfigureAwait(false))
            return Vxi11ErrorCode.IOTimeout;
        try
        {
            await Device.Device.ClearAsync(abort).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DeviceFailed(e, "device_clear");
        }
        finally
        {
            Device.CallGate.Release();
        }
        return Vxi11ErrorCode.NoError;
    }

    // ---- service requests and the end of the link ----------------------------------------------------------

    /// <summary>Sends <c>device_intr_srq</c> when this link enabled service requests; true when it did.</summary>
    public bool TrySignalServiceRequest()
    {
        var handle = SrqHandle;
        return handle is not null && Connection.TrySendInterrupt(handle);
    }

    /// <summary>Ends the link: any wait ends, the device call is cancelled, the lock and buffers are released.</summary>
    public async ValueTask CloseAsync()
    {
        lock (_gate)
        {
            if (_closed)
                return;
            _closed = true;
            _callAbort.Cancel();
        }
        SrqHandle = null;
        Device.Lock.Release(this);
        Device.Detach(this);
        await CancelOperationAsync().ConfigureAwait(false);
        DiscardBuffers();
        _spare?.Dispose();
        _spare = null;
    }

    /// <summary>
    /// A device that cannot do an out-of-band operation (a served raw socket has no status byte) answers error 8; any
    /// other failure is logged and answers error 17, so the client hears what happened and the link stays usable.
    /// </summary>
    private Vxi11ErrorCode DeviceFailed(Exception e, string procedure)
    {
        if (e is VisaException { Status: StatusCode.ErrorNonsupportedOperation })
        {
            _logger.LogDebug("Device {Device} does not support {Procedure}: {Reason}", Device.Name, procedure, e.Message);
            return Vxi11ErrorCode.OperationNotSupported;
        }
        _logger.LogError(e, "Device {Device} failed during {Procedure} for VXI-11 client {Peer}", Device.Name, procedure, Connection.Peer);
        return Vxi11ErrorCode.IOError;
    }
}
