using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using static OpenVisa.Managed.Server.ConnectionThread;

namespace OpenVisa.Managed.Tcpip.Hislip;

internal sealed partial class HislipServerSession
{
    private Thread? _syncThread;

    /// <summary>
    /// Serves the synchronous channel on the calling thread, the connection's own, until the session ends. The channel
    /// is in blocking mode (<see cref="HislipConnection.Blocking"/>), so the handlers' reads and sends are blocking calls
    /// and a handler is complete when it returns; one that is not (it waits for a lock or a slow device) is waited for
    /// here, so the next message is again read on this thread.
    /// </summary>
    public void RunSync()
    {
        _syncThread = Thread.CurrentThread;
        var token = _closing.Token;
        HislipConnection? fatalOn = null;
        try
        {
            while (true)
            {
                var header = Complete(_sync.ReadHeaderAsync(token));
                if (!Complete(HandleSyncAsync(header, token)))
                {
                    fatalOn = _sync;
                    return;
                }
            }
        }
        catch (HislipProtocolException e) when (e.IsFatal)
        {
            Complete(SendFatalAsync(_sync, (HislipFatalErrorCode)e.Code, e.Message));
            fatalOn = _sync;
        }
        catch (HislipConnectionClosedException e) when (e.MissingHeaderBytes > 0)
        {
            // A truncated header: the client may only have shut its sending side, so it can still read why.
            Complete(SendFatalAsync(_sync, HislipFatalErrorCode.PoorlyFormedMessageHeader, e.Message));
            fatalOn = _sync;
        }
        catch (Exception e) when (IsDisconnect(e, token))
        {
            Logger.LogDebug("HiSLIP session {Session}: synchronous channel ended ({Reason})", Id, e.Message);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "HiSLIP session {Session}: synchronous channel failed", Id);
        }
        finally
        {
            try
            {
                Complete(ShutdownAsync(fatalOn));
            }
            finally
            {
                _syncEnded.TrySetResult();
            }
        }
    }

    /// <summary>Whether the caller is the synchronous channel's own thread, which waits in place rather than await.</summary>
    private bool OnSyncThread => Thread.CurrentThread == _syncThread;


    /// <summary>
    /// Waits until this session may use the device (the locks allow it) and takes the device's call gate. The
    /// synchronous channel's thread waits in place: handing the message to a pool thread to wait a few microseconds for
    /// a gate another session holds, and the channel's thread to wait for that one, is what made 64 clients slow (see
    /// the VXI-11 server link). A device clear cancels <paramref name="operation"/> and so ends the wait.
    /// </summary>
    private async ValueTask EnterDeviceAsync(CancellationToken operation)
    {
        if (!OnSyncThread)
        {
            await Served.Locks.WaitForAccessAsync(Id, operation).ConfigureAwait(false);
            await Served.DeviceLock.WaitAsync(operation).ConfigureAwait(false);
            return;
        }
        Complete(Served.Locks.WaitForAccessAsync(Id, operation));
        Served.DeviceLock.Wait(operation);
    }

    /// <summary>Handles one message of the synchronous channel; false after a FatalError was sent.</summary>
    private async Task<bool> HandleSyncAsync(HislipHeader header, CancellationToken token)
    {
        if (header.Type is HislipMessageType.Initialize or HislipMessageType.AsyncInitialize)
        {
            await SendFatalAsync(_sync, HislipFatalErrorCode.InvalidInitializationSequence,
                $"{header.Type} only opens a new connection; this synchronous channel of session {Id} is initialized already.").ConfigureAwait(false);
            return false;
        }
        try
        {
            HislipMessageRules.Validate(header, HislipChannelKind.Synchronous, HislipMessageRules.Sender.Server, Version, _options.MaxMessageSize);
        }
        catch (HislipProtocolException e) when (!e.IsFatal)
        {
            await RejectAsync(_sync, header, e, token).ConfigureAwait(false);
            return true;
        }
        if (!_asyncAttached.Task.IsCompleted && header.Type is not (HislipMessageType.Error or HislipMessageType.FatalError))
        {
            await SendFatalAsync(_sync, HislipFatalErrorCode.AttemptToUseConnectionWithoutBothChannels,
                $"{header.Type} arrived before the asynchronous channel of session {Id} was initialized (AsyncInitialize with session id {Id}).").ConfigureAwait(false);
            return false;
        }
        if (!await AllowedBeforeSecurityAsync(_sync, header).ConfigureAwait(false))
            return false;
        try
        {
            return await DispatchSyncAsync(header, token).ConfigureAwait(false);
        }
        catch (HislipProtocolException e) when (!e.IsFatal)
        {
            // The payload was read before it was found wanting (e.g. text that is not ASCII): report and carry on.
            Logger.LogInformation("HiSLIP session {Session}: {Error}", Id, e.Message);
            await SendErrorAsync(_sync, e, token).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<bool> DispatchSyncAsync(HislipHeader header, CancellationToken token)
    {
        switch (header.Type)
        {
            case HislipMessageType.Data:
            case HislipMessageType.DataEnd:
                return await OnDataAsync(header, token).ConfigureAwait(false);
            case HislipMessageType.Trigger:
                return await OnTriggerAsync(header, token).ConfigureAwait(false);
            case HislipMessageType.DeviceClearComplete:
                await OnDeviceClearCompleteAsync(header, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.GetDescriptors:
                // No descriptors are defined for this server; an empty list is the honest answer.
                await _sync.SendLockedAsync(new HislipHeader(HislipMessageType.GetDescriptorsResponse, 0, 0, 0), default, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.Error:
                Logger.LogWarning("HiSLIP session {Session}: client reported error {Code}: {Text}", Id, (HislipErrorCode)header.ControlCode,
                    await ReadTextAsync(_sync, header, token).ConfigureAwait(false));
                return true;
            case HislipMessageType.FatalError:
                Logger.LogWarning("HiSLIP session {Session}: client reported fatal error {Code}: {Text}", Id, (HislipFatalErrorCode)header.ControlCode,
                    await ReadTextAsync(_sync, header, token).ConfigureAwait(false));
                throw new HislipConnectionClosedException("The client sent FatalError.");
            default:
                return await HandleSecuritySyncAsync(header, token).ConfigureAwait(false);
        }
    }

    private async Task<bool> OnDataAsync(HislipHeader header, CancellationToken token)
    {
        NoteClientMessage(header);
        if (_clearing)
        {
            await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
            return true;
        }
        var length = (long)header.PayloadLength;
        if (_message.WrittenCount + length > _options.MaxAssembledMessageLength)
        {
            var total = _message.WrittenCount + length;
            ResetMessage();
            await RejectAsync(_sync, header, HislipProtocolException.NonFatal(HislipErrorCode.MessageTooLarge,
                $"The message would be {total} bytes long; this server assembles messages of at most {_options.MaxAssembledMessageLength} bytes. It was discarded."), token).ConfigureAwait(false);
            return true;
        }
        if (length > 0)
        {
            var target = _message.GetMemory((int)length)[..(int)length];
            await _sync.ReadExactAsync(target, token).ConfigureAwait(false);
            _message.Advance((int)length);
        }
        if (header.Type == HislipMessageType.DataEnd)
            return await ExecuteAsync(header.Parameter, token).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> OnTriggerAsync(HislipHeader header, CancellationToken token)
    {
        NoteClientMessage(header);
        if (_clearing)
            return true;
        var operation = _operation.Token;
        try
        {
            await EnterDeviceAsync(operation).ConfigureAwait(false);
            try
            {
                var pending = Served.Device.TriggerAsync(operation);
                if (OnSyncThread)
                    Complete(pending);
                else
                    await pending.ConfigureAwait(false);
            }
            finally
            {
                Served.DeviceLock.Release();
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested && !token.IsCancellationRequested)
        {
            Logger.LogDebug("HiSLIP session {Session}: trigger abandoned by device clear", Id);
        }
        return true;
    }

    /// <summary>Runs the assembled message through the device and sends the reply; false when the session must end.</summary>
    private async Task<bool> ExecuteAsync(uint messageId, CancellationToken token)
    {
        var operation = _operation.Token;
        bool hasReply;
        try
        {
            await EnterDeviceAsync(operation).ConfigureAwait(false);
            _executing = true;
            try
            {
                ValueTask<bool> pending;
                using (ServedClient.Calling(Client))
                    pending = Served.Device.HandleMessageAsync(_termination.Trim(_message.WrittenMemory), _reply, operation);
                hasReply = OnSyncThread ? Complete(pending) : await pending.ConfigureAwait(false);
                if (hasReply)
                    _termination.Append(_reply);
            }
            finally
            {
                _executing = false;
                Served.DeviceLock.Release();
            }
        }
        catch (OperationCanceledException) when (operation.IsCancellationRequested && !token.IsCancellationRequested)
        {
            Logger.LogDebug("HiSLIP session {Session}: message 0x{Id:X8} abandoned by device clear", Id, messageId);
            ResetReply();
            return true;
        }
        catch (MessageDeviceDisconnectException e)
        {
            Logger.LogInformation("HiSLIP session {Session}: the device dropped the client ({Reason})", Id, e.Message);
            if (_reply.WrittenCount > 0)
                await _sync.SendAsync(new HislipHeader(HislipMessageType.Data, 0, messageId, (ulong)_reply.WrittenCount), _reply.WrittenMemory, token).ConfigureAwait(false);
            throw new HislipConnectionClosedException("The device dropped the connection.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "HiSLIP session {Session}: the device failed on a message", Id);
            ResetReply();
            await SendErrorAsync(_sync, HislipProtocolException.NonFatal(HislipErrorCode.Unidentified,
                $"The instrument failed on the message 0x{messageId:X8}: {e.Message}"), token).ConfigureAwait(false);
            return true;
        }
        finally
        {
            ResetMessage();
        }
        if (!hasReply || _clearing)
        {
            ResetReply();
            return true;
        }
        if (!_overlapped && _sync.BufferedCount > 0)
        {
            // Synchronized mode: a new message is already queued, so this reply is stale. Drop it and say so on both channels.
            ResetReply();
            Logger.LogDebug("HiSLIP session {Session}: response to 0x{Id:X8} interrupted by queued input", Id, messageId);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.Interrupted, 0, messageId, 0), default, token).ConfigureAwait(false);
            await _async!.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncInterrupted, 0, messageId, 0), default, token).ConfigureAwait(false);
            return true;
        }
        await SendReplyAsync(messageId, token).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends the reply in messages no larger than the client accepts: Data…, then DataEnd, all with the request's MessageID.</summary>
    private async Task SendReplyAsync(uint messageId, CancellationToken token)
    {
        var data = _reply.WrittenMemory;
        var chunk = (int)Math.Clamp(_clientMaxMessageSize > HislipHeader.Size ? _clientMaxMessageSize - HislipHeader.Size : 1, 1, int.MaxValue);
        while (data.Length > chunk)
        {
            await _sync.SendAsync(new HislipHeader(HislipMessageType.Data, 0, messageId, (ulong)chunk), data[..chunk], token).ConfigureAwait(false);
            data = data[chunk..];
        }
        lock (_state)
        {
            _rmtExpected = true;
            _lastReplyId = messageId;
        }
        await _sync.SendAsync(new HislipHeader(HislipMessageType.DataEnd, 0, messageId, (ulong)data.Length), data, token).ConfigureAwait(false);
        ResetReply();
    }

    private async Task OnDeviceClearCompleteAsync(HislipHeader header, CancellationToken token)
    {
        if (!_clearing)
        {
            await RejectAsync(_sync, header, HislipProtocolException.NonFatal(HislipErrorCode.Unidentified,
                "DeviceClearComplete arrived without an AsyncDeviceClear before it."), token).ConfigureAwait(false);
            return;
        }
        await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
        var requested = (HislipFeatures)header.ControlCode;
        _overlapped = requested.HasFlag(HislipFeatures.Overlapped) && _options.SupportsOverlapped;
        lock (_state)
        {
            _rmtExpected = false;
            _lastReceivedId = HislipMessageIds.BeforeFirst;
            _lastReplyId = HislipMessageIds.Unknown;
        }
        ResetMessage();
        ResetReply();
        _clearing = false;
        var agreed = (PreferredFeatures() & ~HislipFeatures.Overlapped) | (_overlapped ? HislipFeatures.Overlapped : HislipFeatures.None);
        Logger.LogDebug("HiSLIP session {Session}: device clear complete, {Mode} mode", Id, _overlapped ? "overlapped" : "synchronized");
        await _sync.SendAsync(new HislipHeader(HislipMessageType.DeviceClearAcknowledge, (byte)agreed, 0, 0), default, token).ConfigureAwait(false);
    }

    private void ResetMessage() => _message.Reset();

    private void ResetReply() => _reply.Reset();

    private static bool IsDisconnect(Exception e, CancellationToken token) =>
        e is HislipConnectionClosedException or SocketException or IOException or ObjectDisposedException
        || (e is OperationCanceledException && token.IsCancellationRequested);
}
