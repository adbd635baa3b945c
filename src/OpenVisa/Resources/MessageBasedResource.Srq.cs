namespace OpenVisa;

/// <summary>Service requests: waiting for one, or being called on each.</summary>
public partial class MessageBasedResource
{
    /// <summary>The request-service bit (RQS/MSS) of the IEEE 488.2 status byte.</summary>
    public const byte RequestServiceBit = 0x40;

    private readonly Lock _srqGate = new();
    private EventHandler<ServiceRequestEventArgs>? _serviceRequested;

    /// <summary>
    /// Raised on each service request. The first subscriber enables SRQ events with the handler mechanism;
    /// the last one to leave disables them. Handlers run on the backend's event thread.
    /// </summary>
    public event EventHandler<ServiceRequestEventArgs>? ServiceRequested
    {
        add
        {
            lock (_srqGate)
            {
                if (_serviceRequested is null && value is not null)
                {
                    InstallHandler(EventType.ServiceRequest, OnServiceRequest);
                    EnableEvent(EventType.ServiceRequest, EventMechanism.Handler);
                }
                _serviceRequested += value;
            }
        }
        remove
        {
            lock (_srqGate)
            {
                _serviceRequested -= value;
                if (_serviceRequested is null && !IsClosed)
                {
                    DisableEvent(EventType.ServiceRequest, EventMechanism.Handler);
                    UninstallHandler(EventType.ServiceRequest, OnServiceRequest);
                }
            }
        }
    }

    /// <summary>
    /// Waits until the device requests service (status byte bit 6) and returns the status byte, which reading
    /// clears. Throws <see cref="StatusCode.ErrorTimeout"/> after <paramref name="timeout"/> (default 25 s, as PyVISA).
    /// </summary>
    public byte WaitForSrq(TimeSpan? timeout = null)
    {
        var deadline = Deadline(timeout);
        EnableEvent(EventType.ServiceRequest, EventMechanism.Queue);
        try
        {
            while (true)
            {
                // HiSLIP delivers the status byte with the request; other transports need a serial poll.
                var stb = WaitOnEvent(EventType.ServiceRequest, Remaining(deadline)).StatusByte ?? ReadStb();
                if ((stb & RequestServiceBit) != 0)
                    return stb;
            }
        }
        finally
        {
            StopQueueingServiceRequests();
        }
    }

    /// <summary>Waits for a service request without blocking a thread; see <see cref="WaitForSrq"/>.</summary>
    public async ValueTask<byte> WaitForSrqAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = Deadline(timeout);
        EnableEvent(EventType.ServiceRequest, EventMechanism.Queue);
        try
        {
            while (true)
            {
                var visaEvent = await WaitOnEventAsync(EventType.ServiceRequest, Remaining(deadline), cancellationToken).ConfigureAwait(false);
                var stb = visaEvent.StatusByte ?? await ReadStbAsync(cancellationToken).ConfigureAwait(false);
                if ((stb & RequestServiceBit) != 0)
                    return stb;
            }
        }
        finally
        {
            StopQueueingServiceRequests();
        }
    }

    /// <summary>
    /// Ends the queueing a wait for a service request started. A resource closed meanwhile, or whose connection is lost,
    /// has no events left to disable; trying would hide the wait's own error.
    /// </summary>
    private void StopQueueingServiceRequests()
    {
        if (IsClosed)
            return;
        try
        {
            DisableEvent(EventType.ServiceRequest, EventMechanism.Queue);
            DiscardEvents(EventType.ServiceRequest, EventMechanism.Queue);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorConnectionLost)
        {
        }
    }

    private static long? Deadline(TimeSpan? timeout)
    {
        var wait = timeout ?? TimeSpan.FromSeconds(25);
        return VisaTimeout.IsInfinite(wait) ? null : Environment.TickCount64 + (long)wait.TotalMilliseconds;
    }

    private static TimeSpan Remaining(long? deadline) =>
        deadline is null ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(0, deadline.Value - Environment.TickCount64));

    private void OnServiceRequest(int session, VisaEvent visaEvent, object? userHandle) =>
        _serviceRequested?.Invoke(this, new ServiceRequestEventArgs(visaEvent.StatusByte));
}

/// <summary>A service request arrived.</summary>
/// <param name="statusByte">The status byte that came with it, when the transport carries one.</param>
public sealed class ServiceRequestEventArgs(byte? statusByte) : EventArgs
{
    /// <summary>The status byte that came with the request, when the transport carries one (HiSLIP, VXI-11 do not; read it with ReadStb).</summary>
    public byte? StatusByte { get; } = statusByte;
}
