namespace OpenVisa.Managed.Usb;

// viClear, viReadSTB, viAssertTrigger, remote/local control and viUsbControlIn/Out: the USBTMC and USB488 control
// requests on the default pipe.
internal sealed partial class UsbtmcSession
{
    /// <inheritdoc/>
    public override void Clear()
    {
        lock (_io)
        {
            Span<byte> reply = stackalloc byte[2];
            ClassRequest(UsbtmcRequests.InitiateClear, 0, reply[..1], "Clear");
            var drain = new byte[InBufferLength(_bulkInPacket * 4)];
            for (var check = 0; ; check++)
            {
                var count = _device.Check(
                    _device.Control(UsbtmcRequests.ClassInterfaceIn, UsbtmcRequests.CheckClearStatus, 0, InterfaceIndex, reply, AbortTimeoutMilliseconds),
                    "libusb_control_transfer (CHECK_CLEAR_STATUS)", "Clear");
                if (count < 1 || reply[0] != UsbtmcRequests.StatusPending)
                    break;
                if (check == PendingChecks)
                    throw new VisaException(StatusCode.ErrorIO, $"USB device {_device.Device.Id} still reports the clear pending after {PendingChecks} checks; unplug it or power-cycle it.", "Clear", ResourceName);
                if (count > 1 && (reply[1] & 1) != 0)
                    DrainBulkIn(drain); // bmClear bit 0: the device waits for its bulk-IN FIFO to be read
                Thread.Sleep(20);
            }
            // USBTMC 1.0 §4.2.1.6: after the clear the host clears the bulk-OUT endpoint's halt.
            _device.Check(_device.ClearHalt(_bulkOut), "libusb_clear_halt (bulk-OUT)", "Clear");
        }
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        if (_device.Interface.Protocol != 1)
            throw Unsupported("ReadStb", "The interface is plain USBTMC, not USB488: query *STB? instead.");
        lock (_io)
        {
            // USB488 §4.3.1: the bTag of READ_STATUS_BYTE is 2 to 127.
            _statusTag = _statusTag >= 127 ? (byte)2 : (byte)(_statusTag + 1);
            var tag = _statusTag;
            var waiter = _interrupts?.ExpectStatusByte(tag);
            Span<byte> reply = stackalloc byte[3];
            try
            {
                var count = _device.Check(
                    _device.Control(UsbtmcRequests.ClassInterfaceIn, UsbtmcRequests.ReadStatusByte, tag, InterfaceIndex, reply, LibUsbTimeout),
                    "libusb_control_transfer (READ_STATUS_BYTE)", "ReadStb");
                if (count < 3 || reply[0] != UsbtmcRequests.StatusSuccess || reply[1] != tag)
                {
                    throw new VisaException(StatusCode.ErrorIO,
                        $"USB device {_device.Device.Id} answered READ_STATUS_BYTE with {UsbtmcRequests.StatusName(reply[0])} and bTag {reply[1]} (asked {tag}, {count} bytes).",
                        "ReadStb", ResourceName);
                }
                if (waiter is null)
                    return reply[2];
                var timeout = TimeoutMilliseconds == VisaTimeout.InfiniteValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(1, TimeoutMilliseconds));
                try
                {
                    if (!waiter.Wait(timeout, out var statusByte))
                        throw new VisaException(StatusCode.ErrorTimeout,
                            $"USB device {_device.Device.Id} sent no status byte on its interrupt endpoint within {Milliseconds} after READ_STATUS_BYTE.", "ReadStb", ResourceName);
                    return statusByte;
                }
                catch (IOException lost)
                {
                    throw new VisaException(StatusCode.ErrorConnectionLost, $"USB device {_device.Device.Id}: {lost.Message}.", "ReadStb", ResourceName);
                }
            }
            finally
            {
                _interrupts?.Forget(tag);
            }
        }
    }

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"USB INSTR sessions trigger with TriggerProtocol.Default (the USB488 TRIGGER message), not {protocol}.", "AssertTrigger", ResourceName);
        if (!_capabilities.Trigger)
            throw Unsupported("AssertTrigger", "The device's GET_CAPABILITIES does not offer the USB488 TRIGGER message; write *TRG instead.");
        lock (_io)
        {
            var tag = NextTag();
            Span<byte> message = stackalloc byte[UsbtmcMessages.HeaderLength];
            UsbtmcMessages.WriteTrigger(message, tag);
            SendOut(message, tag, "AssertTrigger");
        }
    }

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        if (!_capabilities.RemoteLocal)
            throw Unsupported("GpibControlRen", "The device's GET_CAPABILITIES does not offer REN_CONTROL, GO_TO_LOCAL and LOCAL_LOCKOUT.");
        Span<byte> reply = stackalloc byte[1];
        lock (_io)
        {
            // USB488 §4.3.2: the VISA modes as sequences of the three requests.
            switch (mode)
            {
                case RenMode.Deassert:
                    ClassRequest(UsbtmcRequests.RenControl, 0, reply, "GpibControlRen");
                    break;
                case RenMode.Assert:
                case RenMode.AssertAddress:
                    ClassRequest(UsbtmcRequests.RenControl, 1, reply, "GpibControlRen");
                    break;
                case RenMode.DeassertGoToLocal:
                    ClassRequest(UsbtmcRequests.GoToLocal, 0, reply, "GpibControlRen");
                    ClassRequest(UsbtmcRequests.RenControl, 0, reply, "GpibControlRen");
                    break;
                case RenMode.AssertLocalLockout:
                    ClassRequest(UsbtmcRequests.LocalLockout, 0, reply, "GpibControlRen");
                    break;
                case RenMode.AssertAddressLocalLockout:
                    ClassRequest(UsbtmcRequests.RenControl, 1, reply, "GpibControlRen");
                    ClassRequest(UsbtmcRequests.LocalLockout, 0, reply, "GpibControlRen");
                    break;
                case RenMode.AddressGoToLocal:
                    ClassRequest(UsbtmcRequests.GoToLocal, 0, reply, "GpibControlRen");
                    break;
                default:
                    throw new VisaException(StatusCode.ErrorInvalidMode, $"{mode} is not a remote/local mode.", "GpibControlRen", ResourceName);
            }
        }
    }

    /// <inheritdoc/>
    public override void UsbControlOut(byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        lock (_io)
            _device.Check(_device.Control(requestType, request, value, index, copy, LibUsbTimeout), "libusb_control_transfer", "UsbControlOut");
    }

    /// <inheritdoc/>
    public override int UsbControlIn(byte requestType, byte request, ushort value, ushort index, Span<byte> buffer)
    {
        lock (_io)
            return _device.Check(_device.Control(requestType, request, value, index, buffer, LibUsbTimeout), "libusb_control_transfer", "UsbControlIn");
    }

    private ushort InterfaceIndex => (ushort)_device.Interface.Number;

    /// <summary>A class request to the interface whose first reply byte is a USBTMC status that must be STATUS_SUCCESS.</summary>
    private void ClassRequest(byte request, ushort value, Span<byte> reply, string operation)
    {
        var name = RequestName(request);
        var count = _device.Check(_device.Control(UsbtmcRequests.ClassInterfaceIn, request, value, InterfaceIndex, reply, LibUsbTimeout),
            $"libusb_control_transfer ({name})", operation);
        if (count < 1 || reply[0] != UsbtmcRequests.StatusSuccess)
        {
            throw new VisaException(StatusCode.ErrorIO,
                $"USB device {_device.Device.Id} answered {name} with {(count < 1 ? "nothing" : UsbtmcRequests.StatusName(reply[0]))}.", operation, ResourceName);
        }
    }

    private static string RequestName(byte request) => request switch
    {
        UsbtmcRequests.InitiateClear => "INITIATE_CLEAR",
        UsbtmcRequests.RenControl => "REN_CONTROL",
        UsbtmcRequests.GoToLocal => "GO_TO_LOCAL",
        UsbtmcRequests.LocalLockout => "LOCAL_LOCKOUT",
        _ => $"request {request}",
    };
}
