using System.Net.Sockets;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// A <c>TCPIP::host[,port][::device]::INSTR</c> session over VXI-11: the session's attributes drive a
/// <see cref="Vxi11Client"/>. Locks are the instrument's link locks (exclusive; nested locks count locally),
/// <c>Terminate</c> aborts the call in progress over the abort channel, and service requests arrive over the interrupt
/// channel as <see cref="EventType.ServiceRequest"/> events.
/// </summary>
internal sealed class Vxi11Session : ManagedSession
{
    private readonly Vxi11Client _client;
    private readonly SessionEventQueue _events;
    private readonly Lock _lockGate = new();
    private readonly bool _lockedOnOpen;
    private int _lockCount;

    private Vxi11Session(SessionOpening opening, Vxi11Client client, bool locked)
        : base(opening)
    {
        _client = client;
        _lockCount = locked ? 1 : 0;
        _lockedOnOpen = locked;
        _events = new SessionEventQueue(() => Handle, opening.ResourceName, [EventType.ServiceRequest], EventHandlerDispatch.Inline)
        {
            FirstEnabled = _ => _client.EnableServiceRequests(OnServiceRequest, TimeoutMilliseconds),
            LastDisabled = _ => _client.DisableServiceRequests(TimeoutMilliseconds),
            LostProbe = CoreConnectionClosed,
        };
        Record(VisaAttribute.TcpipAddress, client.CoreEndPoint.Address.ToString());
        Record(VisaAttribute.TcpipHostname, client.Target.Host);
        Record(VisaAttribute.TcpipDeviceName, client.Target.DeviceName);
        Record(VisaAttribute.TcpipPort, (ushort)client.CoreEndPoint.Port);
        Record(VisaAttribute.TcpipIsHislip, false);
        Record(VisaAttribute.TcpipNoDelay, true);
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "TCPIP INSTR (VXI-11)";

    /// <summary>The client under the session, for tests.</summary>
    internal Vxi11Client Client => _client;

    /// <inheritdoc/>
    protected override SessionEventQueue Events => _events;

    /// <summary>Finds the instrument, connects and creates the link (locked when the access mode asks).</summary>
    public static ManagedSession Open(SessionOpening opening)
    {
        var name = opening.Name;
        if ((opening.AccessMode & AccessMode.SharedLock) != 0)
        {
            throw new VisaException(StatusCode.ErrorInvalidLockType,
                "VXI-11 instruments have only exclusive locks; open with AccessMode.ExclusiveLock or AccessMode.None.", "Open", opening.ResourceName);
        }
        var locked = (opening.AccessMode & AccessMode.ExclusiveLock) != 0;
        var client = Vxi11Client.Open(Vxi11Target.From(name), opening.OpenTimeout, locked, opening.OpenTimeout,
            opening.Library.HostResolver.Resolve, opening.ResourceName);
        client.Logger = opening.Library.Logger;
        try
        {
            return new Vxi11Session(opening, client, locked);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // ---- I/O ----------------------------------------------------------------------------------------------

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer) =>
        _client.Read(buffer, TimeoutMilliseconds, TerminationCharacterEnabled, TerminationCharacter, SuppressEndEnabled);

    /// <inheritdoc/>
    public override bool TryReadCancellable(Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        result = _client.Read(buffer, TimeoutMilliseconds, TerminationCharacterEnabled, TerminationCharacter, SuppressEndEnabled, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public override ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _client.ReadAsync(buffer, TimeoutMilliseconds, TerminationCharacterEnabled, TerminationCharacter, SuppressEndEnabled, cancellationToken);

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data) => _client.Write(data, TimeoutMilliseconds, SendEndEnabled);

    /// <inheritdoc/>
    public override ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _client.WriteAsync(data, TimeoutMilliseconds, SendEndEnabled, cancellationToken);

    // ---- out-of-band operations ---------------------------------------------------------------------------

    /// <inheritdoc/>
    public override void Clear() => _client.Clear(TimeoutMilliseconds);

    /// <inheritdoc/>
    public override ValueTask ClearAsync(CancellationToken cancellationToken) => _client.ClearAsync(TimeoutMilliseconds, cancellationToken);

    /// <inheritdoc/>
    public override byte ReadStb() => _client.ReadStatusByte(TimeoutMilliseconds);

    /// <inheritdoc/>
    public override ValueTask<byte> ReadStbAsync(CancellationToken cancellationToken) => _client.ReadStatusByteAsync(TimeoutMilliseconds, cancellationToken);

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
        {
            throw new VisaException(StatusCode.ErrorInvalidProtocol,
                $"VXI-11 sessions trigger with device_trigger, TriggerProtocol.Default; {protocol} is for other interfaces.", "AssertTrigger", ResourceName);
        }
        _client.Trigger(TimeoutMilliseconds);
    }

    /// <inheritdoc/>
    public override void Flush(BufferOperation mask)
    {
        const BufferOperation Known = BufferOperation.ReadBuffer | BufferOperation.WriteBuffer | BufferOperation.DiscardReadBuffer |
            BufferOperation.DiscardWriteBuffer | BufferOperation.IOInputBuffer | BufferOperation.IOOutputBuffer |
            BufferOperation.DiscardIOInputBuffer | BufferOperation.DiscardIOOutputBuffer;
        if (mask == 0 || (mask & ~Known) != 0)
            throw new VisaException(StatusCode.ErrorInvalidMask, $"{mask} is not a flush mask (VI_READ_BUF, VI_IO_IN_BUF_DISCARD …).", "Flush", ResourceName);
        // Writes go straight to the instrument; reads may hold data read ahead, which the read-side flags drop (the
        // non-discard forms too: "flush the read buffer" means empty it).
        if ((mask & (BufferOperation.ReadBuffer | BufferOperation.IOInputBuffer | BufferOperation.DiscardReadBuffer | BufferOperation.DiscardIOInputBuffer)) != 0)
            _client.DiscardReadAhead();
    }

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        switch (mode)
        {
            case RenMode.Assert or RenMode.AssertAddress or RenMode.AssertLocalLockout or RenMode.AssertAddressLocalLockout:
                _client.Remote(TimeoutMilliseconds);
                break;
            case RenMode.Deassert or RenMode.DeassertGoToLocal or RenMode.AddressGoToLocal:
                _client.Local(TimeoutMilliseconds);
                break;
            default:
                throw new VisaException(StatusCode.ErrorInvalidMode, $"{mode} is not a remote/local mode.", "GpibControlRen", ResourceName);
        }
    }

    /// <inheritdoc/>
    public override void Terminate(int degree, int jobId) => _client.Abort(TimeSpan.FromSeconds(2));

    // ---- locks ----------------------------------------------------------------------------------------------

    /// <inheritdoc/>
    public override bool LockedOnOpen => _lockedOnOpen;

    /// <inheritdoc/>
    public override string? Lock(AccessMode lockType, TimeSpan timeout, string? requestedKey, out StatusCode status)
    {
        if (lockType != AccessMode.ExclusiveLock)
        {
            throw new VisaException(StatusCode.ErrorInvalidLockType,
                $"VXI-11 instruments have only exclusive locks, not {lockType}: use LockExclusive.", "Lock", ResourceName);
        }
        lock (_lockGate)
        {
            if (_lockCount > 0)
            {
                _lockCount++;
                status = StatusCode.SuccessNestedExclusive;
                return null;
            }
        }
        _client.Lock(timeout);
        lock (_lockGate)
            _lockCount++;
        status = StatusCode.Success;
        return null;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock()
    {
        lock (_lockGate)
        {
            if (_lockCount == 0)
                throw new VisaException(StatusCode.ErrorSessionNotLocked, "This session holds no lock to release.", "Unlock", ResourceName);
            if (_lockCount > 1)
            {
                _lockCount--;
                return StatusCode.SuccessNestedExclusive;
            }
        }
        _client.Unlock();
        lock (_lockGate)
            _lockCount = 0;
        return StatusCode.Success;
    }

    // ---- attributes and close ----------------------------------------------------------------------------------

    /// <inheritdoc/>
    protected override StatusCode OnSetAttribute(VisaAttribute attribute, object value)
    {
        switch (attribute)
        {
            case VisaAttribute.TcpipNoDelay:
                var noDelay = (bool)Attributes.Validate(attribute, value);
                _client.CoreSocket.NoDelay = noDelay;
                Attributes.SetInternal(attribute, noDelay);
                return StatusCode.Success;
            case VisaAttribute.TcpipKeepAlive:
                var keepAlive = (bool)Attributes.Validate(attribute, value);
                _client.CoreSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, keepAlive);
                Attributes.SetInternal(attribute, keepAlive);
                return StatusCode.Success;
            default:
                return base.OnSetAttribute(attribute, value);
        }
    }

    /// <inheritdoc/>
    protected override void Close() => _client.Dispose();

    /// <summary>Whether the instrument has closed the core channel (end of stream or reset), without consuming anything.</summary>
    private string? CoreConnectionClosed()
    {
        try
        {
            var socket = _client.CoreSocket;
            return socket.Poll(0, System.Net.Sockets.SelectMode.SelectRead) && socket.Available == 0 ? "the instrument closed the VXI-11 core channel" : null;
        }
        catch (ObjectDisposedException)
        {
            return null; // the session is being closed
        }
    }

    private void OnServiceRequest() => _events.Raise(new VisaEvent(EventType.ServiceRequest));

    private void Record(VisaAttribute attribute, object value)
    {
        if (Attributes.AppliesTo(attribute))
            Attributes.SetInternal(attribute, value);
    }
}
