using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// One client connection to the core channel of a <see cref="Vxi11InstrumentServer"/>: decodes each DEVICE_CORE
/// procedure, runs it on the link it names, and encodes the result. The links it created, and its interrupt channel,
/// end with the connection, however the client goes away.
/// </summary>
internal sealed class Vxi11CoreConnection : IRpcCallHandler, IAsyncDisposable
{
    private readonly Vxi11InstrumentServer _server;
    private readonly RpcConnectionInfo _info;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, Vxi11ServerLink> _links = new();
    private readonly CancellationTokenRegistration _closing;
    private Vxi11InterruptSender? _interrupts;

    public Vxi11CoreConnection(Vxi11InstrumentServer server, RpcConnectionInfo info, ILogger logger)
    {
        _server = server;
        _info = info;
        _logger = logger;
        // A call waiting on a link (a read, a lock) must not keep a closed connection's handler alive.
        _closing = info.Closing.UnsafeRegister(static state =>
        {
            foreach (var link in ((Vxi11CoreConnection)state!)._links.Values)
                link.Abort();
        }, this);
    }

    /// <summary>The client's address.</summary>
    public IPEndPoint Peer => _info.Peer;

    /// <summary>How many links this connection holds (for <see cref="Vxi11ServerOptions.MaxLinksPerConnection"/>).</summary>
    public int LinkCount => _links.Count;

    /// <summary>Closes the client's connection (a device asked to drop it).</summary>
    public void Drop() => _info.Close();

    /// <summary>Queues a service request on the interrupt channel; false when the client set none up.</summary>
    public bool TrySendInterrupt(byte[] handle) => Volatile.Read(ref _interrupts)?.TrySend(handle) == true;

    public async ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken)
    {
        switch (call.Procedure)
        {
            case 0:
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.CreateLink:
                await CreateLinkAsync(arguments, results).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DestroyLink:
                results.WriteUInt32((uint)await DestroyLinkAsync(ReadLinkId(arguments.Span)).ConfigureAwait(false));
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceWrite:
                await WriteAsync(arguments, results).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceRead:
                await ReadAsync(arguments, results).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceReadStb:
            case Vxi11Protocol.DeviceTrigger:
            case Vxi11Protocol.DeviceClear:
            case Vxi11Protocol.DeviceRemote:
            case Vxi11Protocol.DeviceLocal:
                await GenericAsync(call.Procedure, arguments, results).ConfigureAwait(false);
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceLock:
                results.WriteUInt32((uint)await LockAsync(arguments).ConfigureAwait(false));
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceUnlock:
                results.WriteUInt32((uint)Unlock(ReadLinkId(arguments.Span)));
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceEnableSrq:
                results.WriteUInt32((uint)EnableSrq(arguments.Span));
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DeviceDoCmd:
                DoCommand(arguments.Span, results);
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.CreateInterruptChannel:
                results.WriteUInt32((uint)CreateInterruptChannel(arguments.Span));
                return RpcAcceptStatus.Success;
            case Vxi11Protocol.DestroyInterruptChannel:
                results.WriteUInt32((uint)await DestroyInterruptChannelAsync().ConfigureAwait(false));
                return RpcAcceptStatus.Success;
            default:
                return RpcAcceptStatus.ProcedureUnavailable;
        }
    }

    /// <summary>The client went away: its links end (releasing their locks) and its interrupt channel closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.DisposeAsync().ConfigureAwait(false);
        foreach (var link in _links.Values)
        {
            _server.Forget(link);
            await link.CloseAsync().ConfigureAwait(false);
        }
        if (_links.Count > 0)
            _logger.LogDebug("VXI-11 client {Peer} went away; {Count} link(s) destroyed", Peer, _links.Count);
        _links.Clear();
        var interrupts = Interlocked.Exchange(ref _interrupts, null);
        if (interrupts is not null)
            await interrupts.DisposeAsync().ConfigureAwait(false);
    }

    // ---- links -----------------------------------------------------------------------------------------------

    private async ValueTask CreateLinkAsync(ReadOnlyMemory<byte> arguments, XdrWriter results)
    {
        var reader = new XdrReader(arguments.Span);
        var clientId = reader.ReadInt32("clientId");
        var lockDevice = reader.ReadBool("lockDevice");
        var lockTimeout = reader.ReadUInt32("lock_timeout");
        var name = reader.ReadString("device", Vxi11Protocol.MaxDeviceNameLength);
        var (error, link) = await _server.CreateLinkAsync(this, name, lockDevice, lockTimeout).ConfigureAwait(false);
        if (link is not null)
        {
            _links[link.Id] = link;
            _logger.LogDebug("VXI-11 client {Peer} (id {ClientId}) linked to {Device} as link {Link}", Peer, clientId, name, link.Id);
        }
        results.WriteUInt32((uint)error);
        results.WriteInt32(link?.Id ?? 0);
        results.WriteUInt32((uint)_server.AbortEndPoint.Port);
        results.WriteUInt32((uint)_server.Options.MaxReceiveSize);
    }

    private async ValueTask<Vxi11ErrorCode> DestroyLinkAsync(int linkId)
    {
        if (!_links.TryRemove(linkId, out var link))
            return Vxi11ErrorCode.InvalidLinkIdentifier;
        _server.Forget(link);
        await link.CloseAsync().ConfigureAwait(false);
        return Vxi11ErrorCode.NoError;
    }

    // ---- I/O --------------------------------------------------------------------------------------------------

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> arguments, XdrWriter results)
    {
        var (linkId, ioTimeout, lockTimeout, flags, dataOffset, dataLength) = ParseWrite(arguments.Span);
        var data = arguments.Slice(dataOffset, dataLength);
        Vxi11ErrorCode error;
        if (!_links.TryGetValue(linkId, out var link))
        {
            error = Vxi11ErrorCode.InvalidLinkIdentifier;
        }
        else
        {
            var abort = link.BeginCall();
            try
            {
                error = await WaitForLockAsync(link, flags, lockTimeout, abort).ConfigureAwait(false)
                    ?? await link.WriteAsync(data, (flags & Vxi11Flags.End) != 0, ioTimeout, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                error = Vxi11ErrorCode.Abort;
            }
            finally
            {
                link.EndCall();
            }
        }
        results.WriteUInt32((uint)error);
        results.WriteUInt32(error == Vxi11ErrorCode.NoError ? (uint)dataLength : 0);
    }

    private static (int Link, uint IoTimeout, uint LockTimeout, Vxi11Flags Flags, int DataOffset, int DataLength) ParseWrite(ReadOnlySpan<byte> arguments)
    {
        var reader = new XdrReader(arguments);
        var link = reader.ReadInt32("lid");
        var io = reader.ReadUInt32("io_timeout");
        var lockTimeout = reader.ReadUInt32("lock_timeout");
        var flags = (Vxi11Flags)reader.ReadUInt32("flags");
        var before = reader.Position + 4;
        var data = reader.ReadOpaque("data");
        return (link, io, lockTimeout, flags, before, data.Length);
    }

    private async ValueTask ReadAsync(ReadOnlyMemory<byte> arguments, XdrWriter results)
    {
        var reader = new XdrReader(arguments.Span);
        var linkId = reader.ReadInt32("lid");
        var requestSize = reader.ReadUInt32("requestSize");
        var ioTimeout = reader.ReadUInt32("io_timeout");
        var lockTimeout = reader.ReadUInt32("lock_timeout");
        var flags = (Vxi11Flags)reader.ReadUInt32("flags");
        var termChar = (byte)reader.ReadUInt32("termChar");
        var start = results.Length;
        Vxi11ErrorCode error;
        if (!_links.TryGetValue(linkId, out var link))
        {
            error = Vxi11ErrorCode.InvalidLinkIdentifier;
        }
        else
        {
            var abort = link.BeginCall();
            try
            {
                error = await WaitForLockAsync(link, flags, lockTimeout, abort).ConfigureAwait(false) ?? Vxi11ErrorCode.NoError;
                if (error == Vxi11ErrorCode.NoError)
                    await link.ReadAsync(requestSize, ioTimeout, (flags & Vxi11Flags.TermCharSet) != 0, termChar, results, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                error = Vxi11ErrorCode.Abort;
            }
            finally
            {
                link.EndCall();
            }
        }
        if (error != Vxi11ErrorCode.NoError)
        {
            results.Truncate(start);
            results.WriteUInt32((uint)error);
            results.WriteUInt32(0);
            results.WriteOpaque([]);
        }
    }

    private async ValueTask GenericAsync(uint procedure, ReadOnlyMemory<byte> arguments, XdrWriter results)
    {
        var reader = new XdrReader(arguments.Span);
        var linkId = reader.ReadInt32("lid");
        var flags = (Vxi11Flags)reader.ReadUInt32("flags");
        var lockTimeout = reader.ReadUInt32("lock_timeout");
        var ioTimeout = reader.ReadUInt32("io_timeout");
        byte stb = 0;
        Vxi11ErrorCode error;
        if (!_links.TryGetValue(linkId, out var link))
        {
            error = Vxi11ErrorCode.InvalidLinkIdentifier;
        }
        else
        {
            var abort = link.BeginCall();
            try
            {
                error = await WaitForLockAsync(link, flags, lockTimeout, abort).ConfigureAwait(false) ?? Vxi11ErrorCode.NoError;
                if (error == Vxi11ErrorCode.NoError)
                {
                    switch (procedure)
                    {
                        case Vxi11Protocol.DeviceReadStb:
                            (error, stb) = await link.ReadStatusByteAsync(ioTimeout, abort).ConfigureAwait(false);
                            break;
                        case Vxi11Protocol.DeviceTrigger:
                            error = await link.TriggerAsync(ioTimeout, abort).ConfigureAwait(false);
                            break;
                        case Vxi11Protocol.DeviceClear:
                            error = await link.ClearAsync(ioTimeout, abort).ConfigureAwait(false);
                            break;
                        default:
                            error = await link.RemoteLocalAsync(procedure == Vxi11Protocol.DeviceRemote, ioTimeout, abort).ConfigureAwait(false);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                error = Vxi11ErrorCode.Abort;
            }
            finally
            {
                link.EndCall();
            }
        }
        results.WriteUInt32((uint)error);
        if (procedure == Vxi11Protocol.DeviceReadStb)
            results.WriteUInt32(stb);
    }

    // ---- locks, SRQ, docmd --------------------------------------------------------------------------------------

    private async ValueTask<Vxi11ErrorCode> LockAsync(ReadOnlyMemory<byte> arguments)
    {
        var reader = new XdrReader(arguments.Span);
        var linkId = reader.ReadInt32("lid");
        var flags = (Vxi11Flags)reader.ReadUInt32("flags");
        var lockTimeout = reader.ReadUInt32("lock_timeout");
        if (!_links.TryGetValue(linkId, out var link))
            return Vxi11ErrorCode.InvalidLinkIdentifier;
        var abort = link.BeginCall();
        try
        {
            var taken = await link.Device.Lock.WaitAsync(link, acquire: true, wait: (flags & Vxi11Flags.WaitLock) != 0, lockTimeout, abort).ConfigureAwait(false);
            return taken ? Vxi11ErrorCode.NoError : Vxi11ErrorCode.DeviceLockedByAnotherLink;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return Vxi11ErrorCode.Abort;
        }
        finally
        {
            link.EndCall();
        }
    }

    private Vxi11ErrorCode Unlock(int linkId)
    {
        if (!_links.TryGetValue(linkId, out var link))
            return Vxi11ErrorCode.InvalidLinkIdentifier;
        return link.Device.Lock.Release(link) ? Vxi11ErrorCode.NoError : Vxi11ErrorCode.NoLockHeldByThisLink;
    }

    private Vxi11ErrorCode EnableSrq(ReadOnlySpan<byte> arguments)
    {
        var reader = new XdrReader(arguments);
        var linkId = reader.ReadInt32("lid");
        var enable = reader.ReadBool("enable");
        var handle = reader.ReadOpaque("handle", Vxi11Protocol.MaxSrqHandleLength);
        if (!_links.TryGetValue(linkId, out var link))
            return Vxi11ErrorCode.InvalidLinkIdentifier;
        link.SrqHandle = enable ? handle.ToArray() : null;
        return Vxi11ErrorCode.NoError;
    }

    private void DoCommand(ReadOnlySpan<byte> arguments, XdrWriter results)
    {
        var reader = new XdrReader(arguments);
        var linkId = reader.ReadInt32("lid");
        reader.ReadUInt32("flags");
        reader.ReadUInt32("io_timeout");
        reader.ReadUInt32("lock_timeout");
        var command = reader.ReadUInt32("cmd");
        reader.ReadBool("network_order");
        reader.ReadInt32("datasize");
        reader.ReadOpaque("data_in");
        // A served message device is not a GPIB gateway: it has no bus to command.
        var error = _links.ContainsKey(linkId) ? Vxi11ErrorCode.OperationNotSupported : Vxi11ErrorCode.InvalidLinkIdentifier;
        _logger.LogDebug("VXI-11 client {Peer}: device_docmd 0x{Command:X6} refused ({Error})", Peer, command, error);
        results.WriteUInt32((uint)error);
        results.WriteOpaque([]);
    }

    private Vxi11ErrorCode CreateInterruptChannel(ReadOnlySpan<byte> arguments)
    {
        var reader = new XdrReader(arguments);
        var address = reader.ReadUInt32("hostAddr");
        var port = reader.ReadUInt32("hostPort");
        var program = reader.ReadUInt32("progNum");
        var version = reader.ReadUInt32("progVers");
        var family = reader.ReadUInt32("progFamily");
        if (family != Vxi11Protocol.FamilyTcp)
            return Vxi11ErrorCode.OperationNotSupported;
        if (port is 0 or > 65535)
            return Vxi11ErrorCode.ParameterError;
        if (Volatile.Read(ref _interrupts) is not null)
            return Vxi11ErrorCode.ChannelAlreadyEstablished;
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        var target = new IPEndPoint(new IPAddress(bytes), (int)port);
        if (!Vxi11PeerAddress.Same(target.Address, Peer.Address))
        {
            // Only the caller's own address: otherwise any client could make the server connect to any host and port.
            _logger.LogWarning("VXI-11 client {Peer}: create_intr_chan to {Target} refused: the interrupt channel goes only to the caller's own address", Peer, target);
            return Vxi11ErrorCode.ParameterError;
        }
        Volatile.Write(ref _interrupts, new Vxi11InterruptSender(target, program, version, _logger));
        _logger.LogDebug("VXI-11 client {Peer}: interrupt channel to {Target}", Peer, target);
        return Vxi11ErrorCode.NoError;
    }

    private async ValueTask<Vxi11ErrorCode> DestroyInterruptChannelAsync()
    {
        var interrupts = Interlocked.Exchange(ref _interrupts, null);
        if (interrupts is null)
            return Vxi11ErrorCode.ChannelNotEstablished;
        await interrupts.DisposeAsync().ConfigureAwait(false);
        return Vxi11ErrorCode.NoError;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Honours other links' locks before an operation: waits with WAITLOCK (up to the lock timeout), else fails at
    /// once. Null when the link may go ahead, error 11 when it may not.
    /// </summary>
    private static async ValueTask<Vxi11ErrorCode?> WaitForLockAsync(Vxi11ServerLink link, Vxi11Flags flags, uint lockTimeout, CancellationToken abort) =>
        await link.Device.Lock.WaitAsync(link, acquire: false, wait: (flags & Vxi11Flags.WaitLock) != 0, lockTimeout, abort).ConfigureAwait(false)
            ? null
            : Vxi11ErrorCode.DeviceLockedByAnotherLink;

    private static int ReadLinkId(ReadOnlySpan<byte> arguments)
    {
        var reader = new XdrReader(arguments);
        return reader.ReadInt32("lid");
    }
}
