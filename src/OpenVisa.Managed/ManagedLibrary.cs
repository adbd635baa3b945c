using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using OpenVisa.Managed.Sessions;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed;

/// <summary>
/// The <c>@managed</c> backend: VISA implemented in .NET itself, speaking each instrument protocol over the operating
/// system's sockets and devices. <c>new ResourceManager("@managed")</c> opens it.
/// </summary>
/// <remarks>
/// Session handles are unique across resource managers and resources. Each resource-manager session owns the sessions
/// opened through it; closing it closes them. All members are thread-safe; each session serialises its own reads and
/// its own writes.
/// </remarks>
public sealed partial class ManagedLibrary : VisaLibrary
{
    private readonly ConcurrentDictionary<int, ResourceManagerSession> _managers = new();
    private readonly ConcurrentDictionary<int, ManagedSession> _sessions = new();
    private readonly ConcurrentDictionary<string, byte> _knownResources = new(StringComparer.OrdinalIgnoreCase);
    private int _lastHandle;

    /// <summary>Creates the backend; <paramref name="argument"/> (the part before <c>@managed</c>) is not used yet.</summary>
    public ManagedLibrary(string argument)
        : base(argument)
    {
    }

    /// <summary>Resolves host names; tests replace it to check resolution failures without a DNS server.</summary>
    internal IHostResolver HostResolver { get; set; } = DnsHostResolver.Instance;

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        var handle = NextHandle();
        _managers[handle] = new ResourceManagerSession(handle);
        LastStatus = StatusCode.Success;
        return handle;
    }

    /// <summary>
    /// The resources matching <paramref name="query"/>: those this library has opened so far (open now or before), the
    /// serial ports the system has, and the VXI-11 instruments that answer a portmapper broadcast within <see cref="DiscoveryTimeout"/>.
    /// </summary>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        FindManager(resourceManagerSession, nameof(ListResources));
        var pattern = VisaPattern.Parse(query);
        var serial = pattern.IsMatch("ASRL1::INSTR") || pattern.IsMatch("ASRL/dev/ttyUSB0::INSTR")
            ? Serial.SerialPortDiscovery.Find().Select(p => p.ResourceName).Where(pattern.IsMatch)
            : [];
        return [.. _knownResources.Keys.Where(pattern.IsMatch).Concat(Discover(pattern)).Concat(serial).Concat(Usb.UsbDiscovery.Find(pattern)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        var manager = FindManager(resourceManagerSession, nameof(Open));
        var name = ResourceName.Parse(resourceName);
        var session = ManagedProtocols.Open(new SessionOpening(this, name, openTimeout, accessMode));
        LockOnOpen(session, accessMode, openTimeout, resourceName);
        var handle = NextHandle();
        session.Handle = handle;
        _sessions[handle] = session;
        if (!manager.TryAdopt(session))
        {
            _sessions.TryRemove(handle, out _);
            session.Dispose();
            throw new VisaException(StatusCode.ErrorInvalidObject,
                $"Resource-manager session {resourceManagerSession} was closed while {resourceName} was opening.", nameof(Open), resourceName);
        }
        _knownResources.TryAdd(session.ResourceName, 0);
        LastStatus = StatusCode.Success;
        return handle;
    }

    /// <summary>Takes the lock the access mode asks for, unless opening took it already; closes the session if it cannot.</summary>
    private static void LockOnOpen(ManagedSession session, AccessMode accessMode, TimeSpan openTimeout, string resourceName)
    {
        var lockType = accessMode & (AccessMode.ExclusiveLock | AccessMode.SharedLock);
        if (lockType == 0 || session.LockedOnOpen)
            return;
        try
        {
            session.Lock(lockType, openTimeout, null, out _);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorNonsupportedOperation)
        {
            session.Dispose();
            throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                $"The @managed backend does not implement locking yet for {session.InterfaceDescription} sessions, so it cannot open with {accessMode}; open with AccessMode.None.",
                nameof(Open), resourceName, e);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        if (_sessions.TryRemove(session, out var resource))
        {
            resource.Owner?.Release(resource);
            resource.Dispose();
        }
        else if (_managers.TryRemove(session, out var manager))
        {
            foreach (var owned in manager.CloseAndTakeSessions())
            {
                _sessions.TryRemove(owned.Handle, out _);
                owned.Dispose();
            }
        }
        else
        {
            throw UnknownSession(session, nameof(Close));
        }
        LastStatus = StatusCode.Success;
    }

    /// <summary>Every resource kind and whether this backend can open it, plus the runtime it runs on.</summary>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo()
    {
        var info = new List<KeyValuePair<string, string>>
        {
            new("Runtime", RuntimeInformation.FrameworkDescription),
            new("OS", RuntimeInformation.OSDescription),
        };
        foreach (var protocol in ManagedProtocols.All)
            info.Add(new(protocol.Description, protocol.IsAvailable ? "available" : "not implemented yet"));
        foreach (var port in Serial.SerialPortDiscovery.Find())
            info.Add(new("Serial port " + port.ResourceName, port.Device + (port.Alias is null ? "" : $", alias {port.Alias}") + (port.UsbId is null ? "" : $", USB {port.UsbId}")));
        info.AddRange(Usb.UsbDebugInfo.Describe());
        info.Add(new("Discovery (ListResources)", DiscoveryTimeout > TimeSpan.Zero
            ? $"resources opened in this process, VXI-11 instruments answering a portmapper broadcast and instruments announcing _lxi, _vxi-11, _hislip or _scpi-raw over mDNS, within {(long)DiscoveryTimeout.TotalMilliseconds} ms ({DiscoveryTimeoutVariable} sets it, 0 turns it off)"
            : $"resources opened in this process only ({DiscoveryTimeoutVariable}=0)"));
        return info;
    }

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) =>
        _sessions.TryGetValue(session, out var found) ? found.ResourceName : null;

    /// <summary>Releases every session still open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var handle in _managers.Keys)
            {
                try
                {
                    Close(handle);
                }
                catch (VisaException)
                {
                    // Closed by another thread meanwhile: nothing left to release.
                }
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>The session behind a handle, for tests that look inside a session.</summary>
    internal ManagedSession GetSession(int session) => Find(session, nameof(GetSession));

    private int NextHandle() => Interlocked.Increment(ref _lastHandle);

    private ManagedSession Find(int session, string operation) =>
        _sessions.TryGetValue(session, out var found) ? found : throw UnknownSession(session, operation);

    private ResourceManagerSession FindManager(int session, string operation) =>
        _managers.TryGetValue(session, out var found)
            ? found
            : throw new VisaException(StatusCode.ErrorInvalidObject,
                _sessions.ContainsKey(session)
                    ? $"Session {session} is a resource session, not a resource-manager session."
                    : $"Resource-manager session {session} is not open in @managed (it was closed, or it belongs to another backend).",
                operation);

    private VisaException UnknownSession(int session, string operation) =>
        new(StatusCode.ErrorInvalidObject,
            _managers.ContainsKey(session)
                ? $"Session {session} is a resource-manager session; {operation} needs a resource session."
                : $"Session {session} is not open in @managed (it was closed, or it belongs to another backend).",
            operation);
}
