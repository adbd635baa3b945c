using System.Text;

namespace OpenVisa.Managed.Tcpip.Hislip;

// Status byte, locks, remote/local and descriptors: request/response pairs on the asynchronous channel.
public sealed partial class HislipClient
{
    private readonly object _lockCounts = new();
    private int _exclusiveCount;
    private int _sharedCount;
    private string? _sharedKey;

    /// <summary>Reads the status byte (AsyncStatusQuery). In synchronized mode the server sets MAV for a reply not yet read.</summary>
    public byte ReadStatusByte()
    {
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        return Request(StatusQuery(), default, HislipMessageType.AsyncStatusResponse, deadline, "ReadStb").Header.ControlCode;
    }

    /// <summary>The asynchronous <see cref="ReadStatusByte"/>.</summary>
    public async ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken = default)
    {
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var response = await RequestAsync(StatusQuery(), default, HislipMessageType.AsyncStatusResponse, deadline, "ReadStb", cancellationToken).ConfigureAwait(false);
        return response.Header.ControlCode;
    }

    private HislipHeader StatusQuery() => new(HislipMessageType.AsyncStatusQuery, TakeRmtDelivered(), Volatile.Read(ref _lastSentId), 0);

    /// <summary>
    /// Locks the instrument: <see cref="AccessMode.ExclusiveLock"/>, or <see cref="AccessMode.SharedLock"/> with
    /// <paramref name="requestedKey"/> (null makes a new key). Waits up to <paramref name="timeout"/> for other clients'
    /// locks. Locking again nests (counted here) and returns the nested success code.
    /// </summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorTimeout"/> when the lock was not granted in time;
    /// <see cref="StatusCode.ErrorInvalidLockType"/>, <see cref="StatusCode.ErrorInvalidAccessKey"/> for bad arguments.</exception>
    public HislipLockResult Lock(AccessMode lockType, TimeSpan timeout, string? requestedKey = null)
    {
        if (TryNest(lockType, requestedKey) is { } nested)
            return nested;
        var key = LockKey(lockType, requestedKey);
        var (header, payload, deadline) = LockRequest(key, timeout);
        var response = Request(header, payload, HislipMessageType.AsyncLockResponse, deadline, "Lock");
        return Granted(lockType, key, (HislipLockResponse)response.Header.ControlCode, timeout);
    }

    /// <summary>The asynchronous <see cref="Lock"/>.</summary>
    public async ValueTask<HislipLockResult> LockAsync(AccessMode lockType, TimeSpan timeout, string? requestedKey = null, CancellationToken cancellationToken = default)
    {
        if (TryNest(lockType, requestedKey) is { } nested)
            return nested;
        var key = LockKey(lockType, requestedKey);
        var (header, payload, deadline) = LockRequest(key, timeout);
        var response = await RequestAsync(header, payload, HislipMessageType.AsyncLockResponse, deadline, "Lock", cancellationToken).ConfigureAwait(false);
        return Granted(lockType, key, (HislipLockResponse)response.Header.ControlCode, timeout);
    }

    /// <summary>Releases one level of this session's lock (the exclusive one first when it holds both).</summary>
    /// <returns><see cref="StatusCode.Success"/>, or a nested success code while the session still holds a lock.</returns>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorSessionNotLocked"/> when the session holds no lock.</exception>
    public StatusCode Unlock()
    {
        bool exclusive;
        lock (_lockCounts)
        {
            if (_exclusiveCount > 1)
                return --_exclusiveCount > 0 ? StatusCode.SuccessNestedExclusive : StatusCode.Success;
            if (_exclusiveCount == 0 && _sharedCount > 1)
                return --_sharedCount > 0 ? StatusCode.SuccessNestedShared : StatusCode.Success;
            if (_exclusiveCount == 0 && _sharedCount == 0)
                throw new VisaException(StatusCode.ErrorSessionNotLocked, "This session holds no lock to release.", "Unlock", ResourceName);
            exclusive = _exclusiveCount == 1;
        }
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var response = Request(new HislipHeader(HislipMessageType.AsyncLock, 0, Volatile.Read(ref _lastSentId), 0), default,
            HislipMessageType.AsyncLockResponse, deadline, "Unlock");
        var released = (HislipLockResponse)response.Header.ControlCode;
        lock (_lockCounts)
        {
            if (exclusive)
                _exclusiveCount = 0;
            else
            {
                _sharedCount = 0;
                _sharedKey = null;
            }
            if (released == HislipLockResponse.Error)
            {
                throw new VisaException(StatusCode.ErrorSessionNotLocked,
                    $"The instrument says this session held no {(exclusive ? "exclusive" : "shared")} lock; the local count was reset.", "Unlock", ResourceName);
            }
            return _sharedCount > 0 ? StatusCode.SuccessNestedShared : StatusCode.Success;
        }
    }

    /// <summary>Asks who holds locks: whether an exclusive lock is granted and how many clients hold locks (AsyncLockInfo).</summary>
    public (bool Exclusive, int Holders) LockInfo()
    {
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var response = Request(new HislipHeader(HislipMessageType.AsyncLockInfo, 0, 0, 0), default, HislipMessageType.AsyncLockInfoResponse, deadline, "LockInfo");
        return (response.Header.ControlCode == 1, (int)Math.Min(response.Header.Parameter, int.MaxValue));
    }

    /// <summary>Remote/local control (<c>viGpibControlREN</c> over HiSLIP).</summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorInvalidMode"/> for a mode outside 0–6.</exception>
    public void RemoteLocal(RenMode mode)
    {
        if (mode is < RenMode.Deassert or > RenMode.AddressGoToLocal)
            throw new VisaException(StatusCode.ErrorInvalidMode, $"{(int)mode} is not a remote/local mode; use 0 (deassert REN) to 6 (go to local).", "GpibControlRen", ResourceName);
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        Request(new HislipHeader(HislipMessageType.AsyncRemoteLocalControl, (byte)mode, Volatile.Read(ref _lastSentId), 0), default,
            HislipMessageType.AsyncRemoteLocalResponse, deadline, "GpibControlRen");
    }

    /// <summary>The server's descriptors (HiSLIP 2.0 GetDescriptors), raw.</summary>
    public byte[] GetDescriptors()
    {
        if (Version < HislipVersion.V2_0)
            throw new VisaException(StatusCode.ErrorNonsupportedOperation, $"Descriptors need HiSLIP 2.0; this session speaks {Version}.", "GetDescriptors", ResourceName);
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        return Request(new HislipHeader(HislipMessageType.GetDescriptors, 0, 0, 0), default, HislipMessageType.GetDescriptorsResponse, deadline, "GetDescriptors").Payload;
    }

    /// <summary>Tells the server again the largest message payload this client accepts (AsyncMaximumMessageSize); returns the server's.</summary>
    public ulong SetMaxMessageSize(ulong bytes)
    {
        if (bytes <= HislipHeader.Size)
            throw new VisaException(StatusCode.ErrorInvalidParameter, $"A maximum message size of {bytes} bytes leaves no room for data; use at least 1 KB.", "SetAttribute", ResourceName);
        var payload = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(payload, bytes);
        var deadline = new HislipDeadline(TimeoutMilliseconds);
        var response = Request(new HislipHeader(HislipMessageType.AsyncMaximumMessageSize, 0, 0, 8), payload,
            HislipMessageType.AsyncMaximumMessageSizeResponse, deadline, "SetAttribute");
        MaxMessageSize = bytes;
        ServerMaxMessageSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(response.Payload);
        return ServerMaxMessageSize;
    }

    /// <summary>Turns Nagle's algorithm off (true, the default) or on for both channels.</summary>
    public void SetNoDelay(bool noDelay)
    {
        _sync.Socket.NoDelay = noDelay;
        if (_async is not null)
            _async.Socket.NoDelay = noDelay;
    }

    /// <summary>Turns TCP keep-alive on or off for both channels, so a dead connection is noticed.</summary>
    public void SetKeepAlive(bool keepAlive)
    {
        _sync.Socket.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.KeepAlive, keepAlive);
        _async?.Socket.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.KeepAlive, keepAlive);
    }

    private HislipLockResult? TryNest(AccessMode lockType, string? requestedKey)
    {
        lock (_lockCounts)
        {
            if (lockType == AccessMode.ExclusiveLock && _exclusiveCount > 0)
            {
                _exclusiveCount++;
                return new HislipLockResult(null, StatusCode.SuccessNestedExclusive);
            }
            if (lockType == AccessMode.SharedLock && _sharedCount > 0)
            {
                if (requestedKey is not null && requestedKey != _sharedKey)
                {
                    throw new VisaException(StatusCode.ErrorInvalidAccessKey,
                        $"This session holds the shared lock with key \"{_sharedKey}\"; it cannot also join \"{requestedKey}\".", "Lock", ResourceName);
                }
                _sharedCount++;
                return new HislipLockResult(_sharedKey, StatusCode.SuccessNestedShared);
            }
        }
        return null;
    }

    private string LockKey(AccessMode lockType, string? requestedKey)
    {
        if (lockType == AccessMode.ExclusiveLock)
            return "";
        if (lockType != AccessMode.SharedLock)
            throw new VisaException(StatusCode.ErrorInvalidLockType, $"{lockType} is not a lock type; use ExclusiveLock or SharedLock.", "Lock", ResourceName);
        var key = requestedKey ?? $"OpenVisa.{Guid.NewGuid():N}";
        if (key.Length == 0 || key.Length > HislipMessageRules.MaxTextLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw new VisaException(StatusCode.ErrorInvalidAccessKey,
                $"The access key \"{key}\" cannot travel over HiSLIP: use 1 to {HislipMessageRules.MaxTextLength} printable ASCII characters.", "Lock", ResourceName);
        }
        return key;
    }

    private (HislipHeader Header, byte[] Payload, HislipDeadline Deadline) LockRequest(string key, TimeSpan timeout)
    {
        var timeoutMs = VisaTimeout.ToAttribute(timeout);
        var payload = Encoding.ASCII.GetBytes(key);
        // The server may wait the whole lock timeout before it answers; allow the I/O timeout on top for the answer itself.
        var wait = timeoutMs == VisaTimeout.InfiniteValue || TimeoutMilliseconds == VisaTimeout.InfiniteValue
            ? VisaTimeout.InfiniteValue
            : (uint)Math.Min((ulong)timeoutMs + TimeoutMilliseconds, VisaTimeout.InfiniteValue - 1);
        return (new HislipHeader(HislipMessageType.AsyncLock, 1, timeoutMs, (ulong)payload.Length), payload, new HislipDeadline(wait));
    }

    private HislipLockResult Granted(AccessMode lockType, string key, HislipLockResponse response, TimeSpan timeout)
    {
        switch (response)
        {
            case HislipLockResponse.Success:
                lock (_lockCounts)
                {
                    if (lockType == AccessMode.ExclusiveLock)
                        _exclusiveCount = 1;
                    else
                    {
                        _sharedCount = 1;
                        _sharedKey = key;
                    }
                }
                return new HislipLockResult(lockType == AccessMode.SharedLock ? key : null, StatusCode.Success);
            case HislipLockResponse.Failure:
                throw new VisaException(StatusCode.ErrorTimeout,
                    $"Another client held the {(lockType == AccessMode.ExclusiveLock ? "resource locked" : "resource locked with a different key or exclusively")} for the whole lock timeout of {VisaTimeout.ToAttribute(timeout)} ms.",
                    "Lock", ResourceName);
            default:
                throw new VisaException(StatusCode.ErrorResourceLocked,
                    $"The instrument refused the {(lockType == AccessMode.ExclusiveLock ? "exclusive" : "shared")} lock request (it answered {response}).", "Lock", ResourceName);
        }
    }
}
