using System.Net;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// One VXI-11 link to one device: the core channel (a TCP RPC connection) with the link <c>create_link</c> made, the
/// abort channel opened on first use, and the interrupt channel while service requests are enabled. Operations take
/// the session's settings (timeout, termination character, END handling) as arguments and throw
/// <see cref="VisaException"/> with the VISA status the VXI-11 error maps to.
/// </summary>
/// <remarks>
/// Core calls run one at a time (the core channel is one RPC stream); <see cref="Abort"/> goes over its own connection,
/// so it can end a read another thread is blocked in. Each call's RPC deadline is the instrument's own I/O timeout plus
/// a margin, so the instrument's timeout error (with its explanation) wins over a bare RPC timeout.
/// </remarks>
internal sealed partial class Vxi11Client : IDisposable
{
    /// <summary>Added to the instrument's timeout for the RPC deadline, so the instrument answers first.</summary>
    private static readonly TimeSpan RpcMargin = TimeSpan.FromSeconds(1);

    /// <summary>The most a single write RPC carries even when the instrument accepts more (pyvisa-py's cap too).</summary>
    private const uint MaxChunk = 1 << 30;

    private readonly RpcTcpClient _core;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _abortGate = new();
    private readonly IPEndPoint _coreEndPoint;
    private RpcTcpClient? _abortChannel;
    private int _closed;

    private Vxi11Client(RpcTcpClient core, Vxi11Target target, string resourceName, int linkId, int abortPort, int maxReceiveSize)
    {
        _core = core;
        _coreEndPoint = core.RemoteEndPoint;
        Target = target;
        ResourceName = resourceName;
        LinkId = linkId;
        AbortPort = abortPort;
        MaxReceiveSize = maxReceiveSize;
    }

    /// <summary>Where the link goes.</summary>
    public Vxi11Target Target { get; }

    /// <summary>The resource name, for messages.</summary>
    public string ResourceName { get; }

    /// <summary>The link id the instrument gave.</summary>
    public int LinkId { get; }

    /// <summary>The abort channel's port, from <c>create_link</c>.</summary>
    public int AbortPort { get; }

    /// <summary>The most data the instrument accepts per <c>device_write</c>.</summary>
    public int MaxReceiveSize { get; }

    /// <summary>The core channel's address.</summary>
    public IPEndPoint CoreEndPoint => _coreEndPoint;

    /// <summary>Our side of the core channel: the address the instrument reaches this computer at.</summary>
    public IPEndPoint LocalEndPoint => _core.LocalEndPoint;

    /// <summary>The core channel's socket, for TCP options (keep-alive, no-delay).</summary>
    public System.Net.Sockets.Socket CoreSocket => _core.Socket;

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Connects and creates the link. With <paramref name="lockDevice"/> the instrument locks the device for this link,
    /// waiting at most <paramref name="lockTimeout"/> for another link's lock.
    /// </summary>
    /// <param name="target">Host, optional fixed port, device name.</param>
    /// <param name="openTimeout">Bounds the port lookup, the connect and <c>create_link</c>.</param>
    /// <param name="lockDevice">Lock the device for this link as it is created.</param>
    /// <param name="lockTimeout">How long to wait for another link's lock.</param>
    /// <param name="resolve">Resolves host names.</param>
    /// <param name="resourceName">For messages.</param>
    /// <param name="portmapperPort">The portmapper's port: 111 except in tests.</param>
    public static Vxi11Client Open(Vxi11Target target, TimeSpan openTimeout, bool lockDevice, TimeSpan lockTimeout,
        Func<string, IPAddress[]> resolve, string resourceName, int portmapperPort = Portmap.Portmap.WellKnownPort)
    {
        var core = Vxi11Connector.Connect(target, openTimeout, resolve, resourceName, portmapperPort);
        try
        {
            return CreateLink(core, target, openTimeout, lockDevice, lockTimeout, resourceName);
        }
        catch
        {
            core.Dispose();
            throw;
        }
    }

    private static Vxi11Client CreateLink(RpcTcpClient core, Vxi11Target target, TimeSpan openTimeout, bool lockDevice, TimeSpan lockTimeout, string resourceName)
    {
        var args = core.BeginCall(Vxi11Protocol.CreateLink);
        args.WriteInt32(Random.Shared.Next()); // clientId: the instrument may show it; any value will do
        args.WriteBool(lockDevice);
        args.WriteUInt32(lockDevice ? ToMilliseconds(lockTimeout) : 0);
        args.WriteString(target.DeviceName);
        var wait = openTimeout == TimeSpan.Zero ? Vxi11Connector.DefaultOpenTimeout : openTimeout;
        var deadline = Deadline(VisaTimeout.ToAttribute(wait), lockDevice ? ToMilliseconds(lockTimeout) : 0);
        Vxi11ErrorCode error;
        int linkId, abortPort;
        uint maxReceive;
        try
        {
            var reader = new XdrReader(core.Invoke(deadline));
            error = (Vxi11ErrorCode)reader.ReadUInt32("error");
            linkId = reader.ReadInt32("link id");
            abortPort = (int)(reader.ReadUInt32("abort port") & 0xFFFF);
            maxReceive = reader.ReadUInt32("max receive size");
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            throw TransportFailure(e, "Open", "create_link", core.RemoteEndPoint, resourceName, deadline);
        }
        if (error != Vxi11ErrorCode.NoError)
        {
            var detail = error switch
            {
                Vxi11ErrorCode.DeviceNotAccessible or Vxi11ErrorCode.InvalidAddress or Vxi11ErrorCode.ParameterError =>
                    $"The instrument at {core.RemoteEndPoint} refused the device name \"{target.DeviceName}\" ({Vxi11Errors.Describe(error)}): check the LAN device name; most instruments answer to inst0, gateways to gpib0,<address>.",
                Vxi11ErrorCode.DeviceLockedByAnotherLink =>
                    $"The device \"{target.DeviceName}\" is locked by another client and did not become free within {RpcTcpClient.FormatTimeout(lockTimeout)} ({Vxi11Errors.Describe(error)}).",
                Vxi11ErrorCode.OutOfResources =>
                    $"The instrument at {core.RemoteEndPoint} has no room for another link ({Vxi11Errors.Describe(error)}): close other sessions to it.",
                _ => $"The instrument at {core.RemoteEndPoint} refused to create a link to \"{target.DeviceName}\" ({Vxi11Errors.Describe(error)}).",
            };
            var status = error is Vxi11ErrorCode.DeviceNotAccessible or Vxi11ErrorCode.InvalidAddress or Vxi11ErrorCode.ParameterError
                ? StatusCode.ErrorResourceNotFound
                : Vxi11Errors.ToStatus(error);
            throw new VisaException(status, detail, "Open", resourceName);
        }
        // The specification says at least 1024; a server that says less is taken at its word but never below 1 byte.
        var maxChunk = (int)Math.Clamp(maxReceive, 1, MaxChunk);
        return new Vxi11Client(core, target, resourceName, linkId, abortPort, maxChunk);
    }

    /// <summary>Destroys the link (when no call is in progress) and closes every channel. A blocked call fails at once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        StopInterruptChannel();
        if (_gate.Wait(0))
        {
            try
            {
                // Polite, not required: the instrument also drops the link when the connection closes.
                var args = _core.BeginCall(Vxi11Protocol.DestroyLink);
                args.WriteInt32(LinkId);
                _core.Invoke(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
            }
            finally
            {
                _gate.Release();
            }
        }
        _core.Dispose();
        lock (_abortGate)
        {
            _abortChannel?.Dispose();
            _abortChannel = null;
        }
    }

    // ---- shared helpers ------------------------------------------------------------------------------

    /// <summary>A VISA timeout (milliseconds, <see cref="VisaTimeout.InfiniteValue"/> for none) as the RPC deadline, margin included.</summary>
    private static TimeSpan Deadline(uint ioTimeoutMs, uint lockTimeoutMs = 0)
    {
        if (ioTimeoutMs >= Vxi11Protocol.InfiniteTimeout || lockTimeoutMs >= Vxi11Protocol.InfiniteTimeout)
            return Timeout.InfiniteTimeSpan;
        return TimeSpan.FromMilliseconds((double)ioTimeoutMs + lockTimeoutMs) + RpcMargin;
    }

    private static uint ToMilliseconds(TimeSpan timeout) => VisaTimeout.ToAttribute(timeout);

    private static bool IsTransportFailure(Exception e) => e is TimeoutException or IOException or RpcException or XdrException or ObjectDisposedException;

    /// <summary>The VISA error for a failure below VXI-11: no RPC reply in time, a lost connection, a refused or malformed call.</summary>
    private static VisaException TransportFailure(Exception e, string operation, string procedure, IPEndPoint endPoint, string resourceName, TimeSpan deadline) => e switch
    {
        TimeoutException => new VisaException(StatusCode.ErrorTimeout,
            $"The instrument at {endPoint} did not answer {procedure} within {RpcTcpClient.FormatTimeout(deadline)} (its own I/O timeout plus 1 s): it may be hung, or the network path is broken.",
            operation, resourceName, e),
        IOException or ObjectDisposedException => new VisaException(StatusCode.ErrorConnectionLost,
            $"The connection to the instrument at {endPoint} was lost during {procedure} ({e.Message}); close the resource and open it again.", operation, resourceName, e),
        RpcException rpc => new VisaException(StatusCode.ErrorIO,
            $"The instrument at {endPoint} refused {procedure}: {rpc.Message}", operation, resourceName, e),
        _ => new VisaException(StatusCode.ErrorIO,
            $"The instrument at {endPoint} answered {procedure} with a malformed reply: {e.Message}", operation, resourceName, e),
    };

    private VisaException TransportFailure(Exception e, string operation, uint procedure, TimeSpan deadline)
    {
        if (IsClosed)
        {
            return new VisaException(StatusCode.ErrorInvalidObject,
                $"The session to {_coreEndPoint} was closed while {operation} was using it.", operation, ResourceName, e);
        }
        return TransportFailure(e, operation, Vxi11Protocol.ProcedureName(procedure), _coreEndPoint, ResourceName, deadline);
    }

    /// <summary>The VISA error for a VXI-11 error code, with what it means for <paramref name="operation"/>.</summary>
    private VisaException Failure(Vxi11ErrorCode error, string operation, uint procedure, string? detail = null)
    {
        var what = $"The instrument answered {Vxi11Protocol.ProcedureName(procedure)} with {Vxi11Errors.Describe(error)}";
        var hint = error switch
        {
            Vxi11ErrorCode.DeviceLockedByAnotherLink => ": another client holds the device's lock; wait for it to unlock, or ask it to.",
            Vxi11ErrorCode.NoLockHeldByThisLink => ": this session holds no lock to release.",
            Vxi11ErrorCode.OperationNotSupported => $": {Target.DeviceName} does not support {operation}.",
            Vxi11ErrorCode.InvalidLinkIdentifier => ": the instrument no longer knows this link (it restarted, or dropped the link); close the resource and open it again.",
            Vxi11ErrorCode.Abort => $": {operation} was aborted.",
            Vxi11ErrorCode.ChannelNotEstablished => ": no interrupt channel is set up for service requests.",
            _ => ".",
        };
        return new VisaException(Vxi11Errors.ToStatus(error), what + hint + (detail is null ? "" : " " + detail), operation, ResourceName);
    }

    private void ThrowIfClosed(string operation)
    {
        if (IsClosed)
            throw new VisaException(StatusCode.ErrorInvalidObject, $"The session to {_coreEndPoint} is closed.", operation, ResourceName);
    }
}
