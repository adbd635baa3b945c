using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// One device a <see cref="Vxi11InstrumentServer"/> serves, under one or more names: the device, its VXI-11 lock shared
/// by every link to it, and the links to tell when it requests service.
/// </summary>
internal sealed class Vxi11ServedDevice : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Vxi11ServerLink> _links = [];
    private readonly ILogger _logger;
    private readonly IServiceRequestSource? _requests;

    public Vxi11ServedDevice(string name, IMessageDevice device, ILogger logger)
    {
        Name = name;
        Device = device;
        _logger = logger;
        _requests = device as IServiceRequestSource;
        if (_requests is not null)
            _requests.ServiceRequested += OnServiceRequested;
    }

    /// <summary>The first name the device was given, for logs.</summary>
    public string Name { get; }

    public IMessageDevice Device { get; }

    /// <summary>The lock every link to this device shares.</summary>
    public Vxi11DeviceLock Lock { get; } = new();

    /// <summary>The one-call-at-a-time gate every server (SOCKET, VXI-11, HiSLIP) takes around a call into the device.</summary>
    public SemaphoreSlim CallGate => MessageDeviceLock.For(Device);

    public void Attach(Vxi11ServerLink link)
    {
        lock (_gate)
            _links.Add(link);
    }

    public void Detach(Vxi11ServerLink link)
    {
        lock (_gate)
            _links.Remove(link);
    }

    public void Dispose()
    {
        if (_requests is not null)
            _requests.ServiceRequested -= OnServiceRequested;
    }

    private void OnServiceRequested(object? sender, byte statusByte)
    {
        Vxi11ServerLink[] links;
        lock (_gate)
            links = [.. _links];
        var delivered = 0;
        foreach (var link in links)
        {
            if (link.TrySignalServiceRequest())
                delivered++;
        }
        _logger.LogDebug("Device {Device} requested service; forwarded to {Count} link(s)", Name, delivered);
    }
}
