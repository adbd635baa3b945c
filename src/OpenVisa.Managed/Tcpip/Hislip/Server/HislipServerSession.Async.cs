using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tcpip.Hislip;

internal sealed partial class HislipServerSession
{
    private async Task RunAsyncChannelAsync(HislipConnection channel)
    {
        await Task.Yield();
        var token = _closing.Token;
        HislipConnection? fatalOn = null;
        try
        {
            while (true)
            {
                var header = await channel.ReadHeaderAsync(token).ConfigureAwait(false);
                if (!await HandleAsyncAsync(channel, header, token).ConfigureAwait(false))
                {
                    fatalOn = channel;
                    return;
                }
            }
        }
        catch (HislipProtocolException e) when (e.IsFatal)
        {
            await SendFatalAsync(channel, (HislipFatalErrorCode)e.Code, e.Message).ConfigureAwait(false);
            fatalOn = channel;
        }
        catch (HislipConnectionClosedException e) when (e.MissingHeaderBytes > 0)
        {
            await SendFatalAsync(channel, HislipFatalErrorCode.PoorlyFormedMessageHeader, e.Message).ConfigureAwait(false);
            fatalOn = channel;
        }
        catch (Exception e) when (IsDisconnect(e, token))
        {
            Logger.LogDebug("HiSLIP session {Session}: asynchronous channel ended ({Reason})", Id, e.Message);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "HiSLIP session {Session}: asynchronous channel failed", Id);
        }
        finally
        {
            await ShutdownAsync(fatalOn).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one message of the asynchronous channel; false after a FatalError was sent.</summary>
    private async Task<bool> HandleAsyncAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        if (header.Type is HislipMessageType.Initialize or HislipMessageType.AsyncInitialize)
        {
            await SendFatalAsync(channel, HislipFatalErrorCode.InvalidInitializationSequence,
                $"{header.Type} only opens a new connection; the asynchronous channel of session {Id} is initialized already.").ConfigureAwait(false);
            return false;
        }
        try
        {
            HislipMessageRules.Validate(header, HislipChannelKind.Asynchronous, HislipMessageRules.Sender.Server, Version, _options.MaxMessageSize);
        }
        catch (HislipProtocolException e) when (!e.IsFatal)
        {
            await RejectAsync(channel, header, e, token).ConfigureAwait(false);
            return true;
        }
        if (!await AllowedBeforeSecurityAsync(channel, header).ConfigureAwait(false))
            return false;
        try
        {
            return await DispatchAsyncAsync(channel, header, token).ConfigureAwait(false);
        }
        catch (HislipProtocolException e) when (!e.IsFatal)
        {
            // The payload was read before it was found wanting: report and carry on.
            Logger.LogInformation("HiSLIP session {Session}: {Error}", Id, e.Message);
            await SendErrorAsync(channel, e, token).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<bool> DispatchAsyncAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        switch (header.Type)
        {
            case HislipMessageType.AsyncLock:
                await OnLockAsync(channel, header, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AsyncLockInfo:
                await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncLockInfoResponse,
                    Served.Locks.IsExclusivelyLocked ? (byte)1 : (byte)0, (uint)Served.Locks.HolderCount, 0), default, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AsyncRemoteLocalControl:
                await OnRemoteLocalAsync(channel, header, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AsyncMaximumMessageSize:
            {
                var payload = await ReadSmallPayloadAsync(channel, header, token).ConfigureAwait(false);
                // Below a header and one byte no reply could move at all; such a client gets one byte per message.
                _clientMaxMessageSize = Math.Max(ReadUInt64(payload), HislipHeader.Size + 1UL);
                var answer = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(answer, _options.MaxMessageSize);
                await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncMaximumMessageSizeResponse, 0, 0, 8), answer, token).ConfigureAwait(false);
                return true;
            }
            case HislipMessageType.AsyncDeviceClear:
                await OnAsyncDeviceClearAsync(channel, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AsyncStatusQuery:
                await OnStatusQueryAsync(channel, header, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.GetDescriptors:
                await channel.SendLockedAsync(new HislipHeader(HislipMessageType.GetDescriptorsResponse, 0, 0, 0), default, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AsyncStartTLS:
                return await OnAsyncStartTlsAsync(channel, header, token).ConfigureAwait(false);
            case HislipMessageType.AsyncEndTLS:
                return await OnAsyncEndTlsAsync(channel, header, token).ConfigureAwait(false);
            case HislipMessageType.Error:
                Logger.LogWarning("HiSLIP session {Session}: client reported error {Code}: {Text}", Id, (HislipErrorCode)header.ControlCode,
                    await ReadTextAsync(channel, header, token).ConfigureAwait(false));
                return true;
            case HislipMessageType.FatalError:
                Logger.LogWarning("HiSLIP session {Session}: client reported fatal error {Code}: {Text}", Id, (HislipFatalErrorCode)header.ControlCode,
                    await ReadTextAsync(channel, header, token).ConfigureAwait(false));
                throw new HislipConnectionClosedException("The client sent FatalError.");
            default:
                // Validate lets through only client messages of this channel, and each is handled above.
                await channel.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType, $"{header.Type} is not served on the asynchronous channel.");
        }
    }

    private async Task OnLockAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        HislipLockResponse response;
        if (header.ControlCode == 1)
        {
            var key = await ReadTextAsync(channel, header, token).ConfigureAwait(false);
            var timeout = TimeSpan.FromMilliseconds(header.Parameter);
            response = await Served.Locks.AcquireAsync(Id, key, timeout, token).ConfigureAwait(false);
            Logger.LogDebug("HiSLIP session {Session}: {Kind} lock request → {Response}", Id, key.Length == 0 ? "exclusive" : "shared", response);
        }
        else
        {
            await channel.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
            response = Served.Locks.Release(Id);
            Logger.LogDebug("HiSLIP session {Session}: lock release → {Response}", Id, response);
        }
        await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncLockResponse, (byte)response, 0, 0), default, token).ConfigureAwait(false);
    }

    private async Task OnRemoteLocalAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        var mode = (RenMode)header.ControlCode;
        if (Served.Device is IRemoteLocalDevice remote)
        {
            await Served.DeviceLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await remote.SetRemoteLocalAsync(mode, token).ConfigureAwait(false);
            }
            finally
            {
                Served.DeviceLock.Release();
            }
        }
        await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncRemoteLocalResponse, 0, 0, 0), default, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a device clear: abandon what the synchronous channel is doing (its device call is cancelled), clear the
    /// instrument, and acknowledge with the preferred features. The synchronous channel discards input until
    /// DeviceClearComplete.
    /// </summary>
    private async Task OnAsyncDeviceClearAsync(HislipConnection channel, CancellationToken token)
    {
        _clearing = true;
        var abandoned = Interlocked.Exchange(ref _operation, new CancellationTokenSource());
        await abandoned.CancelAsync().ConfigureAwait(false);
        if (Served.Locks.CanAccess(Id))
        {
            await Served.DeviceLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await Served.Device.ClearAsync(token).ConfigureAwait(false);
            }
            finally
            {
                Served.DeviceLock.Release();
            }
        }
        else
        {
            Logger.LogDebug("HiSLIP session {Session}: device clear without the lock: the instrument is left alone", Id);
        }
        await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncDeviceClearAcknowledge, (byte)PreferredFeatures(), 0, 0), default, token)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Answers a status query. In synchronized mode MAV is the server's own: set only when the query names the last
    /// message received, a reply to it went out and the client has not said it consumed that reply.
    /// </summary>
    private async Task OnStatusQueryAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        var rmtDelivered = (header.ControlCode & 1) != 0;
        bool replyPending;
        lock (_state)
        {
            if (rmtDelivered)
                _rmtExpected = false;
            replyPending = _rmtExpected && _lastReplyId == header.Parameter && _lastReceivedId == header.Parameter;
        }
        byte statusByte;
        await Served.DeviceLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            statusByte = await Served.Device.ReadStatusByteAsync(token).ConfigureAwait(false);
        }
        finally
        {
            Served.DeviceLock.Release();
        }
        statusByte = _overlapped
            ? (byte)(statusByte | (replyPending ? MessageAvailable : 0))
            : (byte)((statusByte & ~MessageAvailable) | (replyPending ? MessageAvailable : 0));
        await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncStatusResponse, statusByte, 0, 0), default, token).ConfigureAwait(false);
    }
}
