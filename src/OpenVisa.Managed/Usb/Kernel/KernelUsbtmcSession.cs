using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Usb.Kernel;

/// <summary>
/// A <c>USB…::INSTR</c> session through Linux's usbtmc driver (<c>/dev/usbtmcN</c>), used when libusb cannot claim
/// the interface (libusb missing, or the driver cannot be detached, e.g. without write access to the bus). The driver
/// does the USBTMC framing: <c>write</c> sends DEV_DEP_MSG_OUT (EOM per <c>USBTMC_IOCTL_EOM_ENABLE</c>), <c>read</c>
/// asks REQUEST_DEV_DEP_MSG_IN (stopping at the TermChar configured with <c>USBTMC_IOCTL_CONFIG_TERMCHAR</c>), and
/// <c>USBTMC_IOCTL_MSG_IN_ATTR</c> says whether the reply ended with EOM. Clear, abort, status byte, trigger and
/// remote/local are the driver's ioctls. SRQ events and control transfers need the libusb path.
/// </summary>
internal sealed unsafe class KernelUsbtmcSession : ManagedSession
{
    /// <summary>The driver refuses timeouts under 100 ms (USBTMC_MIN_TIMEOUT).</summary>
    private const uint MinimumTimeout = 100;

    private readonly UsbtmcKernelCalls _calls;
    private readonly int _fd;
    private readonly KernelUsbtmcDevice _device;
    private readonly byte _capabilities;
    private readonly SessionEventQueue _events;
    private readonly Lock _io = new();
    private uint? _timeoutSet;
    private bool? _eomSet;
    private (byte Character, bool Enabled)? _termCharSet;
    private bool _termCharRefused;
    private bool _messageAttributesMissing;

    private KernelUsbtmcSession(SessionOpening opening, UsbtmcKernelCalls calls, int fd, KernelUsbtmcDevice device, byte capabilities)
        : base(opening, Initial(device))
    {
        _calls = calls;
        _fd = fd;
        _device = device;
        _capabilities = capabilities;
        Attributes.SetInternal(VisaAttribute.Is4882Compliant, (capabilities & UsbtmcIoctls.Capability4882) != 0);
        _events = new SessionEventQueue(() => Handle, opening.ResourceName, [], EventHandlerDispatch.Inline);
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "USB INSTR (kernel usbtmc)";

    /// <inheritdoc/>
    protected override SessionEventQueue Events => _events;

    /// <summary>How the session reaches the device, for Debug logs and messages.</summary>
    public string Path => $"the kernel's usbtmc driver ({_device.DevicePath}, system calls from {_calls.Path})";

    /// <summary>Opens <paramref name="device"/>'s node and reads the USB488 capabilities; <paramref name="why"/> says why libusb was not used.</summary>
    public static KernelUsbtmcSession Open(SessionOpening opening, KernelUsbtmcDevice device, string why)
    {
        var calls = UsbtmcKernelCalls.TryLoad(UsbtmcKernelCalls.ConfiguredPath, out var problem) ?? throw new VisaException(StatusCode.ErrorLibraryNotFound,
            $"USB device {device.Id} is served by the kernel's usbtmc driver ({device.DevicePath}), since {why}, but its system calls could not be bound: {problem}. " +
            $"{UsbtmcKernelCalls.LibraryVariable} names the C library.", "Open", opening.ResourceName);
        var fd = calls.Open(device.DevicePath, out var errno);
        if (fd < 0)
        {
            var hint = errno is Errno.Access or Errno.Permission
                ? $"This user may not open it: add a udev rule such as /etc/udev/rules.d/99-usbtmc.rules with the line KERNEL==\"usbtmc*\", ATTRS{{idVendor}}==\"{device.Id.VendorId:x4}\", ATTRS{{idProduct}}==\"{device.Id.ProductId:x4}\", MODE=\"0660\", GROUP=\"plugdev\" (and be in the plugdev group), then replug the device."
                : "Check that the device is still plugged in.";
            throw new VisaException(errno is Errno.Access or Errno.Permission ? StatusCode.ErrorNoPermission : errno == Errno.NoDevice ? StatusCode.ErrorConnectionLost : StatusCode.ErrorResourceNotFound,
                $"USB device {device.Id}: libusb could not be used ({why}), and open({device.DevicePath}) for the kernel's usbtmc driver failed with {Errno.Describe(errno)}. {hint}",
                "Open", opening.ResourceName);
        }
        byte capabilities = 0;
        if (calls.Ioctl(fd, UsbtmcIoctls.GetCapabilities, &capabilities, out errno) < 0)
            capabilities = 0; // a driver too old for USB488 ioctls: assume nothing optional
        var session = new KernelUsbtmcSession(opening, calls, fd, device, capabilities);
        opening.Library.Logger.LogDebug("{Resource}: USBTMC through {Path}, because {Why}; USB488 capabilities 0x{Capabilities:X2}",
            opening.ResourceName, session.Path, why, capabilities);
        return session;
    }

    private static IEnumerable<KeyValuePair<VisaAttribute, object>> Initial(KernelUsbtmcDevice device)
    {
        yield return new(VisaAttribute.ManufacturerId, (ushort)device.Id.VendorId);
        yield return new(VisaAttribute.ModelCode, (ushort)device.Id.ProductId);
        yield return new(VisaAttribute.UsbSerialNumber, device.Id.SerialNumber ?? "");
        yield return new(VisaAttribute.UsbInterfaceNumber, (short)device.InterfaceNumber);
        yield return new(VisaAttribute.UsbProtocol, (short)device.Protocol);
        yield return new(VisaAttribute.UsbMaxInterruptSize, (ushort)0);
    }

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        lock (_io)
        {
            ApplyTimeout("Write");
            var eom = SendEndEnabled;
            if (_eomSet != eom)
            {
                var value = (byte)(eom ? 1 : 0);
                Control(UsbtmcIoctls.EomEnable, &value, "USBTMC_IOCTL_EOM_ENABLE", "Write");
                _eomSet = eom;
            }
            var written = 0;
            while (written < data.Length)
            {
                var count = _calls.Write(_fd, data[written..], out var errno);
                if (count < 0)
                {
                    if (errno == Errno.TimedOut)
                        Abort(UsbtmcIoctls.AbortBulkOut, "USBTMC_IOCTL_ABORT_BULK_OUT");
                    throw Failed("write", errno, "Write");
                }
                written += (int)count;
            }
            return written;
        }
    }

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        lock (_io)
        {
            ApplyTimeout("Read");
            var termEnabled = TerminationCharacterEnabled;
            var term = TerminationCharacter;
            ApplyTermChar(term, termEnabled);
            var total = 0;
            while (true)
            {
                var count = (int)_calls.Read(_fd, buffer[total..], out var errno);
                if (count < 0)
                {
                    if (errno == Errno.TimedOut)
                        Abort(UsbtmcIoctls.AbortBulkIn, "USBTMC_IOCTL_ABORT_BULK_IN");
                    else if (errno == Errno.BrokenPipe)
                        ClearHalt();
                    throw Failed("read", errno, "Read");
                }
                var asked = buffer.Length - total;
                total += count;
                if (termEnabled && total > 0 && buffer[total - 1] == term)
                    return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
                // The driver keeps the last reply's bmTransferAttributes (API version 2, Linux 4.20+); an older one
                // ends a message with a short read.
                var endOfMessage = MessageEnded(count, asked);
                if (endOfMessage && !SuppressEndEnabled)
                    return new ReadResult(total, StatusCode.Success);
                if (total == buffer.Length)
                    return new ReadResult(total, StatusCode.SuccessMaxCountRead);
                if (count == 0)
                    return new ReadResult(total, StatusCode.Success); // nothing more and no EOM: do not spin
            }
        }
    }

    private bool MessageEnded(int count, int asked)
    {
        if (!_messageAttributesMissing)
        {
            byte attributes = 0;
            if (_calls.Ioctl(_fd, UsbtmcIoctls.MessageInAttributes, &attributes, out _) >= 0)
                return (attributes & UsbtmcIoctls.AttributeEndOfMessage) != 0;
            _messageAttributesMissing = true;
        }
        return count < asked;
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        lock (_io)
            Control(UsbtmcIoctls.Clear, null, "USBTMC_IOCTL_CLEAR", "Clear");
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        if (_device.Protocol != 1)
            throw Unsupported("ReadStb", "The interface is plain USBTMC, not USB488: query *STB? instead.");
        lock (_io)
        {
            byte statusByte = 0;
            Control(UsbtmcIoctls.ReadStatusByte, &statusByte, "USBTMC488_IOCTL_READ_STB", "ReadStb");
            return statusByte;
        }
    }

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"USB INSTR sessions trigger with TriggerProtocol.Default (the USB488 TRIGGER message), not {protocol}.", "AssertTrigger", ResourceName);
        if ((_capabilities & UsbtmcIoctls.CapabilityTrigger) == 0)
            throw Unsupported("AssertTrigger", "The device's USB488 capabilities (USBTMC488_IOCTL_GET_CAPS) do not offer the TRIGGER message; write *TRG instead.");
        lock (_io)
            Control(UsbtmcIoctls.Trigger, null, "USBTMC488_IOCTL_TRIGGER", "AssertTrigger");
    }

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        if ((_capabilities & UsbtmcIoctls.CapabilitySimple) == 0)
            throw Unsupported("GpibControlRen", "The device's USB488 capabilities (USBTMC488_IOCTL_GET_CAPS) do not offer REN_CONTROL, GO_TO_LOCAL and LOCAL_LOCKOUT.");
        lock (_io)
        {
            // USB488 §4.3.2: the VISA modes as sequences of the three requests, as on the libusb path.
            switch (mode)
            {
                case RenMode.Deassert:
                    Ren(false);
                    break;
                case RenMode.Assert:
                case RenMode.AssertAddress:
                    Ren(true);
                    break;
                case RenMode.DeassertGoToLocal:
                    Control(UsbtmcIoctls.GoToLocal, null, "USBTMC488_IOCTL_GOTO_LOCAL", "GpibControlRen");
                    Ren(false);
                    break;
                case RenMode.AssertLocalLockout:
                    Control(UsbtmcIoctls.LocalLockout, null, "USBTMC488_IOCTL_LOCAL_LOCKOUT", "GpibControlRen");
                    break;
                case RenMode.AssertAddressLocalLockout:
                    Ren(true);
                    Control(UsbtmcIoctls.LocalLockout, null, "USBTMC488_IOCTL_LOCAL_LOCKOUT", "GpibControlRen");
                    break;
                case RenMode.AddressGoToLocal:
                    Control(UsbtmcIoctls.GoToLocal, null, "USBTMC488_IOCTL_GOTO_LOCAL", "GpibControlRen");
                    break;
                default:
                    throw new VisaException(StatusCode.ErrorInvalidMode, $"{mode} is not a remote/local mode.", "GpibControlRen", ResourceName);
            }
        }
    }

    /// <inheritdoc/>
    public override void UsbControlOut(byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data) =>
        throw Unsupported("UsbControlOut", $"This session goes through the kernel's usbtmc driver ({_device.DevicePath}), which passes no arbitrary control transfers; give libusb access to the device to use them.");

    /// <inheritdoc/>
    public override int UsbControlIn(byte requestType, byte request, ushort value, ushort index, Span<byte> buffer) =>
        throw Unsupported("UsbControlIn", $"This session goes through the kernel's usbtmc driver ({_device.DevicePath}), which passes no arbitrary control transfers; give libusb access to the device to use them.");

    /// <inheritdoc/>
    protected override void Close() => _calls.Close(_fd);

    private void Ren(bool assert)
    {
        var value = (byte)(assert ? 1 : 0);
        Control(UsbtmcIoctls.RenControl, &value, "USBTMC488_IOCTL_REN_CONTROL", "GpibControlRen");
    }

    /// <summary>VI_ATTR_TMO_VALUE as the driver takes it: at least 100 ms, and "infinite" as the longest it has.</summary>
    private void ApplyTimeout(string operation)
    {
        var timeout = TimeoutMilliseconds switch
        {
            VisaTimeout.InfiniteValue => uint.MaxValue,
            var ms => Math.Max(MinimumTimeout, ms),
        };
        if (_timeoutSet == timeout)
            return;
        Control(UsbtmcIoctls.SetTimeout, &timeout, "USBTMC_IOCTL_SET_TIMEOUT", operation);
        _timeoutSet = timeout;
    }

    /// <summary>
    /// Configures the TermChar for the next reads. The driver refuses to enable it (EINVAL) when the device lacks the
    /// capability; then reads run without it and the termination is found in the data, as VISA does.
    /// </summary>
    private void ApplyTermChar(byte term, bool enabled)
    {
        var wanted = (term, enabled && !_termCharRefused);
        if (_termCharSet == wanted)
            return;
        var setting = stackalloc byte[2] { wanted.Item1, (byte)(wanted.Item2 ? 1 : 0) };
        if (_calls.Ioctl(_fd, UsbtmcIoctls.ConfigTermChar, setting, out var errno) < 0)
        {
            if (errno != Errno.Invalid || !wanted.Item2)
                throw Failed("ioctl USBTMC_IOCTL_CONFIG_TERMCHAR", errno, "Read");
            _termCharRefused = true;
            ApplyTermChar(term, enabled);
            return;
        }
        _termCharSet = wanted;
    }

    private void Control(uint request, void* argument, string name, string operation)
    {
        if (_calls.Ioctl(_fd, request, argument, out var errno) < 0)
            throw Failed("ioctl " + name, errno, operation);
    }

    /// <summary>Aborts the transfer a timeout left (the driver sends INITIATE_ABORT_BULK_* and checks it); a failure is logged, the timeout reported.</summary>
    private void Abort(uint request, string name)
    {
        if (_calls.Ioctl(_fd, request, null, out var errno) < 0)
            Opening.Library.Logger.LogDebug("{Resource}: {Request} failed with {Error}", ResourceName, name, Errno.Describe(errno));
    }

    private void ClearHalt()
    {
        if (_calls.Ioctl(_fd, UsbtmcIoctls.ClearInHalt, null, out var errno) < 0)
            Opening.Library.Logger.LogDebug("{Resource}: USBTMC_IOCTL_CLEAR_IN_HALT failed with {Error}", ResourceName, Errno.Describe(errno));
    }

    private string Milliseconds => TimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>The error for a failed call, naming the errno and what to try.</summary>
    private VisaException Failed(string call, int errno, string operation)
    {
        var what = $"{call} on {_device.DevicePath} (USB device {_device.Id}, kernel usbtmc driver) failed with {Errno.Describe(errno)}";
        if (errno is Errno.NoDevice or Errno.Shutdown)
        {
            _events.ConnectionLost("the USB device was unplugged");
            return new VisaException(StatusCode.ErrorConnectionLost, $"{what}: the device vanished. Plug it in again and reopen the session.", operation, ResourceName);
        }
        return errno switch
        {
            Errno.TimedOut or Errno.Time => new VisaException(StatusCode.ErrorTimeout,
                $"{what}: nothing within {Milliseconds}. The transfer was aborted so the next one starts clean; was a query sent before the read? Otherwise raise the timeout.", operation, ResourceName),
            Errno.BrokenPipe => new VisaException(StatusCode.ErrorIO,
                $"{what}: the endpoint stalled (the device refused the transfer). The halt was cleared; a device clear (viClear) resets the device's side too.", operation, ResourceName),
            Errno.Invalid => new VisaException(StatusCode.ErrorIO,
                $"{what}: the driver or the device refused the request (check the device's USB488 capabilities).", operation, ResourceName),
            _ => new VisaException(StatusCode.ErrorIO, $"{what}.", operation, ResourceName),
        };
    }
}
