using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// One instrument behind a sub-address: the device, its call lock (shared with every other server serving it), the
/// HiSLIP locks its sessions share, and the sessions to which its service requests go.
/// </summary>
internal sealed class HislipServedDevice
{
    private readonly ConcurrentDictionary<HislipServerSession, byte> _sessions = new();
    private readonly ILogger _logger;

    public HislipServedDevice(string subAddress, IMessageDevice device, ILogger logger)
    {
        SubAddress = subAddress;
        Device = device;
        DeviceLock = MessageDeviceLock.For(device);
        _logger = logger;
    }

    public string SubAddress { get; }

    public IMessageDevice Device { get; }

    /// <summary>Taken around every call into <see cref="Device"/>.</summary>
    public SemaphoreSlim DeviceLock { get; }

    public HislipLockManager Locks { get; } = new();

    /// <summary>Told when a session attaches and when it closes (<see cref="HislipServerOptions.Clients"/>); none when null.</summary>
    public IServedClientObserver? Clients { get; init; }

    public void Attach(HislipServerSession session)
    {
        if (!_sessions.TryAdd(session, 0) || Clients is null)
            return;
        session.Client = new ServedClient("HiSLIP", session.Peer, Device, $"session {session.Id} on {SubAddress}", () => Locks.Holds(session.Id));
        Clients.Attached(session.Client);
    }

    public void Detach(HislipServerSession session)
    {
        if (_sessions.TryRemove(session, out _) && session.Client is { } client)
            Clients?.Detached(client);
        Locks.ReleaseAll(session.Id);
    }

    /// <summary>Starts forwarding the device's service requests, when it makes any.</summary>
    public void Start()
    {
        if (Device is IServiceRequestSource source)
            source.ServiceRequested += OnServiceRequested;
    }

    public void Stop()
    {
        if (Device is IServiceRequestSource source)
            source.ServiceRequested -= OnServiceRequested;
    }

    private void OnServiceRequested(object? sender, byte statusByte)
    {
        foreach (var session in _sessions.Keys)
        {
            // Fire and forget: a slow or dead client must not hold up the device or the other clients.
            _ = ForwardAsync(session, statusByte);
        }
    }

    private async Task ForwardAsync(HislipServerSession session, byte statusByte)
    {
        try
        {
            await session.SendServiceRequestAsync(statusByte).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug("HiSLIP session {Session}: service request not delivered ({Error})", session.Id, e.Message);
        }
    }
}
