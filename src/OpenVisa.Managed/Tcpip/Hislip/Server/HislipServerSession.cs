using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// One client of a <see cref="HislipServer"/>: its synchronous channel (data, in order), its asynchronous channel
/// (status, locks, clear, TLS), and the state the two share — mode, MessageIDs, the RMT bookkeeping of synchronized
/// mode, the device-clear and secure-connection progress.
/// </summary>
internal sealed partial class HislipServerSession
{
    /// <summary>The MAV bit of the status byte.</summary>
    private const byte MessageAvailable = 0x10;

    /// <summary>A reply buffer that grew past this is dropped after use, so one big block does not stay in memory.</summary>

    private readonly HislipServerOptions _options;
    private readonly HislipTermination _termination;
    private readonly HislipConnection _sync;
    private readonly Action<HislipServerSession> _closed;
    private readonly CancellationTokenSource _closing = new();
    private readonly object _state = new();
    private readonly byte[] _scratch = new byte[HislipMessageRules.MaxTextLength];
    private readonly TaskCompletionSource _asyncAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _syncEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HislipConnection? _async;
    private CancellationTokenSource _operation = new();
    // Pooled; never disposed, because an operation cancelled at shutdown may still be writing to them (the GC takes them).
    private readonly PooledBufferWriter _message = new();
    private readonly PooledBufferWriter _reply = new();
    private volatile bool _overlapped;
    private volatile bool _clearing;
    private volatile bool _executing;
    private uint _lastReceivedId = HislipMessageIds.BeforeFirst;
    private uint _lastReplyId = HislipMessageIds.Unknown;
    private bool _rmtExpected;
    private ulong _clientMaxMessageSize = 1024 * 1024;
    private int _shutDown;

    public HislipServerSession(ushort id, HislipVersion version, HislipServedDevice served, HislipConnection sync, HislipServerOptions options, Action<HislipServerSession> closed)
    {
        Id = id;
        Version = version;
        Served = served;
        _sync = sync;
        _options = options;
        _closed = closed;
        _termination = new HislipTermination(options.Termination);
        _reply.Limit(options.MaxReplyBytes, options.Termination.Length);
    }

    public ushort Id { get; }

    public HislipVersion Version { get; }

    public HislipServedDevice Served { get; }

    /// <summary>The client as <see cref="HislipServerOptions.Clients"/> was told of it; null when nobody observes.</summary>
    public ServedClient? Client { get; set; }

    /// <summary>The synchronous channel's remote address and port, for <see cref="Client"/>.</summary>
    public string Peer
    {
        get
        {
            try
            {
                return ServedClient.Describe(_sync.Socket.RemoteEndPoint);
            }
            catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                return "?";
            }
        }
    }

    /// <summary>True once the client's asynchronous channel is attached.</summary>
    public bool HasAsyncChannel => _async is not null;

    /// <summary>Completes when both channel loops have ended.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    private ILogger Logger => _options.Logger;

    /// <summary>Marks the synchronous channel as served (the InitializeResponse has been sent); <see cref="RunSync"/> serves it.</summary>
    public void StartSync() => Completion = _syncEnded.Task;

    /// <summary>Who may attach the asynchronous channel: the synchronous channel's address, within the window.</summary>
    public required HislipAsyncChannelBinding Binding { get; init; }

    /// <summary>
    /// Attaches the asynchronous channel and answers AsyncInitialize; null when attached, else why not: one is attached
    /// already (only the first attach succeeds), the session is closing, or <see cref="Binding"/> refuses the peer.
    /// </summary>
    public async Task<string?> AttachAsyncAsync(HislipConnection channel, System.Net.IPAddress peer, CancellationToken cancellationToken)
    {
        lock (_state)
        {
            if (_async is not null)
                return "the session already has its asynchronous channel";
            if (_closing.IsCancellationRequested)
                return "the session is closing";
            if (Binding.Refusal(peer, System.Diagnostics.Stopwatch.GetTimestamp()) is { } refusal)
                return refusal;
            _async = channel;
        }
        // Attached before the answer goes out, since the client may use the synchronous channel as soon as it has the
        // answer; the send lock keeps anything else (an SRQ) from going out on this channel before the answer.
        var secure = SecureConnectionOffered ? (byte)1 : (byte)0;
        await channel.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Served.Attach(this);
            _asyncAttached.TrySetResult();
            await channel.SendAsync(new HislipHeader(HislipMessageType.AsyncInitializeResponse, secure, _options.VendorId, 0), default, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            channel.SendLock.Release();
        }
        var asyncLoop = RunAsyncChannelAsync(channel);
        var syncLoop = Completion;
        Completion = Task.WhenAll(syncLoop, asyncLoop);
        return null;
    }

    /// <summary>Sends AsyncServiceRequest with the status byte (device SRQ forwarding).</summary>
    public async Task SendServiceRequestAsync(byte statusByte)
    {
        if (_async is not { } channel || _closing.IsCancellationRequested)
            return;
        await channel.SendLockedAsync(new HislipHeader(HislipMessageType.AsyncServiceRequest, statusByte, 0, 0), default, _closing.Token).ConfigureAwait(false);
    }

    /// <summary>Closes both channels (server stopping).</summary>
    public Task AbortAsync() => ShutdownAsync(null);

    /// <summary>
    /// Ends the session once: stops both loops, lets a FatalError just sent on <paramref name="fatalChannel"/> reach the
    /// client (send side shut, input drained briefly) and releases the session's locks.
    /// </summary>
    private async Task ShutdownAsync(HislipConnection? fatalChannel)
    {
        if (Interlocked.Exchange(ref _shutDown, 1) != 0)
            return;
        await _closing.CancelAsync().ConfigureAwait(false);
        await _operation.CancelAsync().ConfigureAwait(false);
        if (fatalChannel is not null)
            await HislipServer.CloseGracefullyAsync(fatalChannel).ConfigureAwait(false);
        _sync.Dispose();
        _async?.Dispose();
        Served.Detach(this);
        _closed(this);
        Logger.LogDebug("HiSLIP session {Session} on {SubAddress} closed", Id, Served.SubAddress);
    }

    // ---- helpers shared by both channels ----------------------------------------------------------------------

    private bool SecureConnectionOffered => _options.Certificate is not null && Version >= HislipVersion.V2_0;

    /// <summary>Sends a non-fatal Error and reads past the payload of the message that caused it.</summary>
    private async Task RejectAsync(HislipConnection channel, HislipHeader header, HislipProtocolException error, CancellationToken cancellationToken)
    {
        Logger.LogInformation("HiSLIP session {Session}: {Error}", Id, error.Message);
        await SendErrorAsync(channel, error, cancellationToken).ConfigureAwait(false);
        await channel.SkipAsync(header.PayloadLength, cancellationToken).ConfigureAwait(false);
    }

    private static Task SendErrorAsync(HislipConnection channel, HislipProtocolException error, CancellationToken cancellationToken) =>
        channel.SendLockedAsync(new HislipHeader(error.ReplyType, error.Code, 0, (ulong)Encoding.ASCII.GetByteCount(error.Message)),
            Encoding.ASCII.GetBytes(error.Message), cancellationToken).AsTask();

    /// <summary>Sends a FatalError (best effort); the caller then ends the session.</summary>
    private async Task SendFatalAsync(HislipConnection channel, HislipFatalErrorCode code, string text)
    {
        Logger.LogWarning("HiSLIP session {Session}: fatal error {Code}: {Text}", Id, code, text);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendErrorAsync(channel, HislipProtocolException.Fatal(code, text), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone already; the session closes either way.
        }
    }

    /// <summary>Reads a small payload (checked by the rules to be at most <see cref="HislipMessageRules.MaxTextLength"/>) into the scratch buffer.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadSmallPayloadAsync(HislipConnection channel, HislipHeader header, CancellationToken cancellationToken)
    {
        var length = (int)header.PayloadLength;
        var target = length <= _scratch.Length ? _scratch.AsMemory(0, length) : new byte[length];
        await channel.ReadExactAsync(target, cancellationToken).ConfigureAwait(false);
        return target;
    }

    private async ValueTask<string> ReadTextAsync(HislipConnection channel, HislipHeader header, CancellationToken cancellationToken)
    {
        var payload = await ReadSmallPayloadAsync(channel, header, cancellationToken).ConfigureAwait(false);
        HislipMessageRules.ValidateText(header.Type, payload.Span);
        return Encoding.ASCII.GetString(payload.Span);
    }

    private static ulong ReadUInt64(ReadOnlyMemory<byte> payload) => BinaryPrimitives.ReadUInt64BigEndian(payload.Span);

    /// <summary>The features this server prefers, as sent in AsyncDeviceClearAcknowledge.</summary>
    private HislipFeatures PreferredFeatures()
    {
        var features = _options.PreferOverlapped && _options.SupportsOverlapped ? HislipFeatures.Overlapped : HislipFeatures.None;
        if (_options.RequireEncryption && SecureConnectionOffered)
            features |= HislipFeatures.EncryptionMandatory | HislipFeatures.InitialEncryption;
        return features;
    }

    /// <summary>The RMT bookkeeping of synchronized mode for a Data, DataEnd or Trigger from the client.</summary>
    private void NoteClientMessage(HislipHeader header)
    {
        var rmtDelivered = (header.ControlCode & 1) != 0;
        lock (_state)
        {
            if (!_overlapped && _rmtExpected != rmtDelivered)
            {
                // A new message while the last response was not (or not known to be) consumed: the client interrupted a
                // query. The rules report this only inside the server; the client discards the stale reply by MessageID.
                Logger.LogDebug("HiSLIP session {Session}: message 0x{Id:X8} interrupted the response to 0x{Reply:X8}", Id, header.Parameter, _lastReplyId);
            }
            _rmtExpected = false;
            _lastReceivedId = header.Parameter;
        }
    }
}
