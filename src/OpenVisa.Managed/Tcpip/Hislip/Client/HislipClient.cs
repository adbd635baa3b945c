using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Socket;
using System.Net;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// A HiSLIP client session (IVI-6.1, up to 2.0) to one instrument: the synchronous channel carries data in order,
/// the asynchronous channel status, service requests, locks, remote/local, device clear and TLS. This is what a
/// <c>TCPIP::host::hislip0[,port]::INSTR</c> session of the <c>@managed</c> backend speaks.
/// </summary>
/// <remarks>
/// <para>Reads follow VISA: they stop at END (the last byte of a DataEnd), at the termination character when enabled,
/// or when the buffer is full. A large payload is received straight into the caller's buffer; a short reply costs one
/// receive. A write is one send per message (header and payload together up to 64 KiB).</para>
/// <para>In synchronized mode replies are matched to the last message sent by MessageID; stale replies (to a query
/// that a newer message interrupted) are dropped, and the Interrupted/AsyncInterrupted pair is honoured. In overlapped
/// mode replies are taken in order. The mode follows the server's preference unless the options say otherwise, and
/// can be changed by <see cref="SetOverlapped"/> (a device clear negotiates it).</para>
/// <para>Thread safety: reads are serialised, writes are serialised, requests on the asynchronous channel are
/// serialised; a read, a write and a status query may run at once from different threads. A device clear from one
/// thread abandons a read blocked in another (it fails with <see cref="StatusCode.ErrorAbort"/>).</para>
/// </remarks>
public sealed partial class HislipClient : IDisposable
{
    private readonly HislipClientOptions _options;
    private readonly HislipConnection _sync;
    private HislipConnection? _async;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private HislipFeatures _initializeFlags;
    private uint _nextMessageId = HislipMessageIds.Initial;
    private uint _lastSentId = HislipMessageIds.BeforeFirst;
    private uint _lastReplyRead = HislipMessageIds.Unknown;
    private int _rmtDelivered;
    private volatile string? _lostReason;
    private int _lostRaised;
    private int _disposed;
    private IHostResolver? _resolver;

    private HislipClient(HislipClientOptions options, string host, int port, string resourceName, HislipConnection sync)
    {
        _options = options;
        Host = host;
        Port = port;
        ResourceName = resourceName;
        _sync = sync;
        TimeoutMilliseconds = options.TimeoutMilliseconds;
    }

    /// <summary>The host the session is connected to.</summary>
    public string Host { get; }

    /// <summary>The IP address the session is connected to.</summary>
    public string RemoteAddress => ((System.Net.IPEndPoint)_sync.Socket.RemoteEndPoint!).Address.ToString();

    /// <summary>The largest message payload this client accepts from the server, as it last told the server.</summary>
    public ulong MaxMessageSize { get; private set; }

    /// <summary>The TCP port (both channels).</summary>
    public int Port { get; }

    /// <summary>The resource name used in error messages.</summary>
    public string ResourceName { get; }

    /// <summary>The instrument's sub-address, e.g. <c>hislip0</c>.</summary>
    public string SubAddress => _options.SubAddress;

    /// <summary>The session id the server assigned.</summary>
    public ushort SessionId { get; private set; }

    /// <summary>The negotiated protocol version.</summary>
    public HislipVersion Version { get; private set; }

    /// <summary>The server's vendor id (two ASCII letters as a number).</summary>
    public ushort ServerVendorId { get; private set; }

    /// <summary>The largest payload the server accepts; writes are split to fit.</summary>
    public ulong ServerMaxMessageSize { get; private set; }

    /// <summary>True when the server said at initialization that it prefers overlapped mode.</summary>
    public bool ServerPrefersOverlapped => _initializeFlags.HasFlag(HislipFeatures.Overlapped);

    /// <summary>True when the server offers the secure connection (TLS, HiSLIP 2.0).</summary>
    public bool SecureConnectionSupported { get; private set; }

    /// <summary>True when the server serves data only over TLS.</summary>
    public bool EncryptionMandatory => Version >= HislipVersion.V2_0 && _initializeFlags.HasFlag(HislipFeatures.EncryptionMandatory);

    /// <summary>True while the session runs in overlapped mode (false: synchronized).</summary>
    public bool IsOverlapped { get; private set; }

    /// <summary>True while both channels are encrypted.</summary>
    public bool IsEncrypted => _sync.IsSecure;

    /// <summary>The SASL mechanism the session authenticated with, or null.</summary>
    public string? AuthenticationMechanism { get; private set; }

    /// <summary>The certificate the server presented, while encrypted.</summary>
    public X509Certificate? ServerCertificate => _sync.Tls?.RemoteCertificate;

    /// <summary>The TLS cipher suite, while encrypted.</summary>
    public string? CipherSuite => _sync.Tls?.NegotiatedCipherSuite.ToString();

    /// <summary>The I/O timeout in milliseconds (<see cref="VisaTimeout.InfiniteValue"/> waits forever).</summary>
    public uint TimeoutMilliseconds { get; set; }

    /// <summary>The termination character (<c>VI_ATTR_TERMCHAR</c>).</summary>
    public byte TerminationCharacter { get; set; } = (byte)'\n';

    /// <summary>Reads stop after the termination character (<c>VI_ATTR_TERMCHAR_EN</c>).</summary>
    public bool TerminationCharacterEnabled { get; set; }

    /// <summary>END does not end a read (<c>VI_ATTR_SUPPRESS_END_EN</c>).</summary>
    public bool SuppressEndEnabled { get; set; }

    /// <summary>The last message of a write carries END (<c>VI_ATTR_SEND_END_EN</c>); off, writes send Data only.</summary>
    public bool SendEndEnabled { get; set; } = true;

    /// <summary>Raised on a thread-pool thread when the server reports a service request; the argument is the status byte.</summary>
    public event EventHandler<byte>? ServiceRequested;

    /// <summary>Raised once when the session is lost (the reason), e.g. so waits for service requests end at once.</summary>
    public event EventHandler<string>? ConnectionLost;

    /// <summary>True once the connection failed for good (FatalError, a stream out of step, the server went away).</summary>
    public bool IsLost => _lostReason is not null;

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private ILogger Logger => _options.Logger;

    /// <summary>Connects both channels and runs the initialization handshake, then TLS and mode negotiation as the options ask.</summary>
    /// <exception cref="VisaException">
    /// <see cref="StatusCode.ErrorResourceNotFound"/> when nothing answers or the sub-address is not served;
    /// <see cref="StatusCode.ErrorResourceBusy"/> when the server is full; <see cref="StatusCode.ErrorNoPermission"/> when
    /// encryption or authentication cannot be agreed; certificate errors when the server's certificate is not trusted.
    /// </exception>
    public static HislipClient Connect(string host, int port, HislipClientOptions? options = null, string? resourceName = null) =>
        Connect(host, port, options, resourceName, null);

    /// <summary>Connects, resolving the host with <paramref name="resolver"/> (the library's, so tests can stand in for DNS).</summary>
    internal static HislipClient Connect(string host, int port, HislipClientOptions? options, string? resourceName, IHostResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(host);
        options ??= new HislipClientOptions();
        resourceName ??= $"TCPIP::{host}::{options.SubAddress},{port}::INSTR";
        var openTimeout = options.OpenTimeout == TimeSpan.Zero ? TimeSpan.FromSeconds(2) : options.OpenTimeout;
        var deadline = new HislipDeadline(VisaTimeout.ToAttribute(openTimeout));
        var socket = HislipConnector.Connect(host, port, deadline, resourceName, resolver);
        var client = new HislipClient(options, host, port, resourceName, new HislipConnection(socket)) { _resolver = resolver };
        try
        {
            client.Initialize(deadline);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Initialize(in HislipDeadline deadline)
    {
        var subAddress = Encoding.ASCII.GetBytes(_options.SubAddress);
        HislipMessageRules.ValidateText(HislipMessageType.Initialize, subAddress);
        var parameter = ((uint)_options.Version.Value << 16) | _options.VendorId;
        _sync.Send(new HislipHeader(HislipMessageType.Initialize, 0, parameter, (ulong)subAddress.Length), subAddress, deadline);
        var (response, _) = ReadHandshakeReply(_sync, HislipMessageType.InitializeResponse, deadline);
        Version = HislipVersion.Min(HislipVersion.FromValue((ushort)(response.Parameter >> 16)), _options.Version);
        SessionId = (ushort)response.Parameter;
        _initializeFlags = (HislipFeatures)response.ControlCode;

        // The asynchronous channel goes to the address the synchronous one reached, not to whatever the name resolves to next.
        var reached = ((IPEndPoint)_sync.Socket.RemoteEndPoint!).Address.ToString();
        _async = new HislipConnection(HislipConnector.Connect(reached, Port, deadline, ResourceName, _resolver));
        _async.Send(new HislipHeader(HislipMessageType.AsyncInitialize, 0, SessionId, 0), default, deadline);
        var (asyncResponse, _) = ReadHandshakeReply(_async, HislipMessageType.AsyncInitializeResponse, deadline);
        ServerVendorId = (ushort)asyncResponse.Parameter;
        SecureConnectionSupported = Version >= HislipVersion.V2_0 && (asyncResponse.ControlCode & 1) != 0;

        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(size, _options.MaxMessageSize);
        _async.Send(new HislipHeader(HislipMessageType.AsyncMaximumMessageSize, 0, 0, 8), size, deadline);
        var (_, maximum) = ReadHandshakeReply(_async, HislipMessageType.AsyncMaximumMessageSizeResponse, deadline);
        ServerMaxMessageSize = BinaryPrimitives.ReadUInt64BigEndian(maximum);
        MaxMessageSize = _options.MaxMessageSize;
        Logger.LogDebug("HiSLIP {Resource}: session {Session}, version {Version}, server max message {Max} bytes",
            ResourceName, SessionId, Version, ServerMaxMessageSize);

        _readerTask = Task.Run(RunAsyncChannelReaderAsync);
        NegotiateSecurity(deadline);
        var overlapped = _options.Overlapped ?? ServerPrefersOverlapped;
        if (overlapped)
            SetOverlapped(true);
    }

    private void NegotiateSecurity(in HislipDeadline deadline)
    {
        if (EncryptionMandatory && _options.Encryption == HislipEncryptionMode.Off)
        {
            throw new VisaException(StatusCode.ErrorNoPermission,
                "The instrument serves data only over TLS, but encryption is turned off for this session; allow encryption.", "Open", ResourceName);
        }
        if (_options.Encryption == HislipEncryptionMode.Required && !SecureConnectionSupported)
        {
            throw new VisaException(StatusCode.ErrorNoPermission,
                Version < HislipVersion.V2_0
                    ? $"Encryption was required, but the instrument speaks HiSLIP {Version}; TLS needs HiSLIP 2.0."
                    : "Encryption was required, but the instrument offers no secure connection (it has no TLS certificate configured).",
                "Open", ResourceName);
        }
        if (EncryptionMandatory || _options.Encryption == HislipEncryptionMode.Required)
            StartTls(deadline);
    }

    /// <summary>Reads one handshake reply; FatalError and Error from the server become exceptions with its text.</summary>
    private (HislipHeader Header, byte[] Payload) ReadHandshakeReply(HislipConnection channel, HislipMessageType expected, in HislipDeadline deadline)
    {
        try
        {
            while (true)
            {
                var header = channel.ReadHeader(deadline);
                var kind = ReferenceEquals(channel, _sync) ? HislipChannelKind.Synchronous : HislipChannelKind.Asynchronous;
                HislipMessageRules.Validate(header, kind, HislipMessageRules.Sender.Client, HislipVersion.Latest, _options.MaxMessageSize);
                var payload = new byte[header.PayloadLength];
                channel.ReadExact(payload, deadline);
                if (header.Type == expected)
                    return (header, payload);
                ThrowIfServerError(header, payload, "Open");
                Logger.LogDebug("HiSLIP {Resource}: ignored {Header} while waiting for {Expected}", ResourceName, header, expected);
            }
        }
        catch (TimeoutException)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"The server at {Host}:{Port} accepted the connection but sent no {expected} within the open timeout: is it a HiSLIP server?", "Open", ResourceName);
        }
        catch (HislipProtocolException e)
        {
            throw new VisaException(StatusCode.ErrorIO, $"The server at {Host}:{Port} broke the HiSLIP handshake: {e.Message}", "Open", ResourceName);
        }
        catch (Exception e) when (e is HislipConnectionClosedException or SocketException or IOException)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"The server at {Host}:{Port} closed the connection during the HiSLIP handshake ({e.Message}).", "Open", ResourceName, e);
        }
    }

    /// <summary>Throws for Error (non-fatal) and FatalError (the session is then lost) from the server.</summary>
    private void ThrowIfServerError(HislipHeader header, ReadOnlySpan<byte> payload, string operation)
    {
        var text = Encoding.ASCII.GetString(payload);
        if (header.Type == HislipMessageType.FatalError)
        {
            var code = (HislipFatalErrorCode)header.ControlCode;
            MarkLost($"the server sent {HislipErrorMapping.Describe(code)}: {text}");
            throw new VisaException(HislipErrorMapping.ToStatus(code), $"The server ended the session with {HislipErrorMapping.Describe(code)}: {text}", operation, ResourceName);
        }
        if (header.Type == HislipMessageType.Error)
        {
            var code = (HislipErrorCode)header.ControlCode;
            throw new VisaException(HislipErrorMapping.ToStatus(code), $"The server reported {HislipErrorMapping.Describe(code)}: {text}", operation, ResourceName);
        }
    }

    // ---- connection state ------------------------------------------------------------------------------------------

    private void MarkLost(string reason)
    {
        _lostReason ??= reason;
        _closing.Cancel();
        if (Interlocked.Exchange(ref _lostRaised, 1) == 0 && !IsDisposed)
            ConnectionLost?.Invoke(this, _lostReason);
    }

    private void ThrowIfUnusable(string operation)
    {
        if (IsDisposed)
            throw new VisaException(StatusCode.ErrorInvalidObject, $"The HiSLIP session to {Host}:{Port} is closed.", operation, ResourceName);
        if (_lostReason is { } reason)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"The HiSLIP session to {Host}:{Port} was lost earlier ({reason}); close the resource and open it again.", operation, ResourceName);
        }
    }

    /// <summary>The error for a failure of the connection itself during an operation; the session is lost from then on.</summary>
    private VisaException ConnectionFailure(Exception e, string operation)
    {
        if (IsDisposed)
            return new VisaException(StatusCode.ErrorInvalidObject, $"The HiSLIP session to {Host}:{Port} was closed while {operation} was using it.", operation, ResourceName, e);
        var cause = e switch
        {
            HislipConnectionClosedException => "the instrument closed the connection",
            HislipProtocolException p => $"the instrument broke the protocol: {p.Message}",
            SocketException s => $"{s.SocketErrorCode}",
            _ => e.Message,
        };
        MarkLost(cause);
        return new VisaException(StatusCode.ErrorConnectionLost,
            $"The connection to {Host}:{Port} was lost during {operation} ({cause}). Close the resource and open it again.", operation, ResourceName, e);
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is HislipConnectionClosedException or SocketException or IOException or ObjectDisposedException || e is HislipProtocolException { IsFatal: true };

    /// <summary>Takes the RMT-delivered flag: true once after each complete reply the application received.</summary>
    private byte TakeRmtDelivered() => (byte)Interlocked.Exchange(ref _rmtDelivered, 0);

    /// <summary>Closes both channels; operations blocked in other threads fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _closing.Cancel();
        _sync.Dispose();
        _async?.Dispose();
        FailPending(new ObjectDisposedException(nameof(HislipClient)));
    }
}
