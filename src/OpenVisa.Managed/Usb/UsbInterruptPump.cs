using System.Collections.Concurrent;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// Reads a USB488 interface's interrupt-IN endpoint on its own thread: a READ_STATUS_BYTE answer (bNotify1 = 0x80 | bTag)
/// completes the waiting <see cref="UsbtmcSession.ReadStb"/>, an SRQ notification (bNotify1 = 0x81) becomes a
/// service-request event, and a device that vanished ends the pump.
/// </summary>
internal sealed class UsbInterruptPump : IDisposable
{
    /// <summary>How long one interrupt transfer waits, which bounds how long <see cref="Dispose"/> takes.</summary>
    private const uint PollMilliseconds = 200;

    private readonly UsbDeviceHandle _device;
    private readonly byte _endpoint;
    private readonly int _packetSize;
    private readonly Action<byte> _serviceRequest;
    private readonly Action<string> _lost;
    private readonly ConcurrentDictionary<byte, StatusByteWaiter> _statusWaiters = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public UsbInterruptPump(UsbDeviceHandle device, UsbEndpointInfo endpoint, Action<byte> serviceRequest, Action<string> lost)
    {
        _device = device;
        _endpoint = endpoint.Address;
        _packetSize = Math.Max(2, endpoint.MaxPacketSize);
        _serviceRequest = serviceRequest;
        _lost = lost;
        _thread = new Thread(Run) { IsBackground = true, Name = "OpenVisa USB interrupt " + device.ResourceName };
        _thread.Start();
    }

    /// <summary>Why the pump stopped (the device vanished or the endpoint failed); null while it runs.</summary>
    public string? Failure { get; private set; }

    /// <summary>Registers interest in the status-byte notification for <paramref name="tag"/> before the request is sent.</summary>
    public StatusByteWaiter ExpectStatusByte(byte tag)
    {
        var waiter = new StatusByteWaiter();
        _statusWaiters[tag] = waiter;
        return waiter;
    }

    /// <summary>Forgets a waiter that timed out.</summary>
    public void Forget(byte tag) => _statusWaiters.TryRemove(tag, out _);

    private void Run()
    {
        var buffer = new byte[_packetSize];
        while (!_stopping)
        {
            var result = _device.InterruptIn(_endpoint, buffer, out var count, PollMilliseconds);
            if (result == LibUsbErrors.Timeout)
                continue;
            if (result < 0)
            {
                if (_stopping)
                    return;
                Failure = $"the interrupt endpoint 0x{_endpoint:X2} failed with {_device.Library.ErrorName(result)}";
                foreach (var waiter in _statusWaiters.Values)
                    waiter.Fail(Failure);
                _lost(Failure);
                return;
            }
            if (count < 2)
                continue;
            var notify = buffer[0];
            if (notify == 0x81)
                _serviceRequest(buffer[1]);
            else if ((notify & 0x80) != 0 && _statusWaiters.TryRemove((byte)(notify & 0x7F), out var waiter))
                waiter.Complete(buffer[1]);
        }
    }

    /// <summary>Stops the thread (within one poll period).</summary>
    public void Dispose()
    {
        _stopping = true;
        if (Thread.CurrentThread != _thread)
            _thread.Join(TimeSpan.FromSeconds(5));
    }
}

/// <summary>One READ_STATUS_BYTE waiting for its answer on the interrupt endpoint: an event, not a task, so the synchronous ReadStb waits without blocking on a task.</summary>
internal sealed class StatusByteWaiter
{
    private readonly ManualResetEventSlim _done = new();
    private byte _value;
    private string? _failure;

    public void Complete(byte value)
    {
        _value = value;
        _done.Set();
    }

    public void Fail(string reason)
    {
        _failure = reason;
        _done.Set();
    }

    /// <summary>Waits for the answer: true with <paramref name="value"/>, false when the time ran out; throws <see cref="IOException"/> when the endpoint failed.</summary>
    public bool Wait(TimeSpan timeout, out byte value)
    {
        value = 0;
        if (!_done.Wait(timeout))
            return false;
        if (_failure is not null)
            throw new IOException(_failure);
        value = _value;
        return true;
    }
}
