using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>How a <see cref="HislipServer"/> negotiates with its clients.</summary>
public sealed class HislipServerOptions
{
    /// <summary>The default vendor id, <c>OV</c>, sent in AsyncInitializeResponse.</summary>
    public const ushort DefaultVendorId = ('O' << 8) | 'V';

    /// <summary>The newest protocol version offered; clients get the older of theirs and this. Default 2.0.</summary>
    public HislipVersion Version { get; init; } = HislipVersion.V2_0;

    /// <summary>The two-letter vendor id as a 16-bit number (<see cref="DefaultVendorId"/>).</summary>
    public ushort VendorId { get; init; } = DefaultVendorId;

    /// <summary>
    /// The message termination (default <c>"\n"</c>, empty for none). Devices see messages without it and reply without
    /// it, as <see cref="OpenVisa.Managed.Server.IMessageDevice"/> says: the server removes one from the end of what a client
    /// sends (with <c>"\n"</c>, a <c>"\r\n"</c> too, unless the last byte belongs to a definite-length block) and appends
    /// one to every reply before END, as SCPI instruments do over HiSLIP.
    /// </summary>
    public string Termination { get; init; } = "\n";

    /// <summary>Tell clients the server prefers overlapped mode (default false: synchronized).</summary>
    public bool PreferOverlapped { get; init; }

    /// <summary>Accept a client's request for overlapped mode at device clear (default true).</summary>
    public bool SupportsOverlapped { get; init; } = true;

    /// <summary>The largest message payload a client may send, announced in AsyncMaximumMessageSizeResponse (default 1 MiB).</summary>
    public ulong MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// The largest whole message (all Data up to DataEnd) the server assembles per session (default 64 MiB); beyond it
    /// the client gets Error 4 (message too large) and the partial message is discarded.
    /// </summary>
    public long MaxAssembledMessageLength { get => _maxAssembledMessageLength; init => _maxAssembledMessageLength = value; }

    private long _maxAssembledMessageLength = 64L * 1024 * 1024;

    /// <summary>
    /// The longest reply the device may write for one message (default 64 MiB). A device that writes more fails that
    /// message: the client gets Error 0 (unidentified) saying so, and the session goes on.
    /// </summary>
    public int MaxReplyBytes { get => _maxReplyBytes; init => _maxReplyBytes = value; }

    private int _maxReplyBytes = 64 * 1024 * 1024;

    /// <summary>A copy of these options with another <see cref="MaxReplyBytes"/> (a server that sets one limit for every protocol).</summary>
    public HislipServerOptions WithMaxReplyBytes(int maxReplyBytes)
    {
        var copy = (HislipServerOptions)MemberwiseClone();
        copy._maxReplyBytes = maxReplyBytes;
        return copy;
    }

    /// <summary>How many sessions may be open at once (default 64); more get FatalError "maximum clients exceeded".</summary>
    public int MaxSessions { get => _maxSessions; init => _maxSessions = value; }

    private int _maxSessions = 64;

    /// <summary>
    /// How many sessions one client address may have open at once (default 16), so one client cannot take every session
    /// of <see cref="MaxSessions"/>; more get FatalError 4 (maximum clients exceeded).
    /// </summary>
    public int MaxSessionsPerAddress { get => _maxSessionsPerAddress; init => _maxSessionsPerAddress = value; }

    private int _maxSessionsPerAddress = 16;

    /// <summary>
    /// A copy of these options with the client limits that are given (a server that sets them for every protocol, as
    /// <c>ovisa serve --max-clients</c> does); a null keeps this instance's value.
    /// </summary>
    public HislipServerOptions WithClientLimits(int? maxSessions, int? maxSessionsPerAddress, long? maxAssembledMessageLength)
    {
        var copy = (HislipServerOptions)MemberwiseClone();
        copy._maxSessions = maxSessions ?? _maxSessions;
        copy._maxSessionsPerAddress = maxSessionsPerAddress ?? _maxSessionsPerAddress;
        copy._maxAssembledMessageLength = maxAssembledMessageLength ?? _maxAssembledMessageLength;
        return copy;
    }

    /// <summary>Told when a session attaches to an instrument and when it closes (who uses which); none when null.</summary>
    public IServedClientObserver? Clients { get => _clients; init => _clients = value; }

    private IServedClientObserver? _clients;

    /// <summary>A copy of these options with another <see cref="Clients"/> observer (a server that observes every protocol).</summary>
    public HislipServerOptions WithClients(IServedClientObserver? clients)
    {
        var copy = (HislipServerOptions)MemberwiseClone();
        copy._clients = clients;
        return copy;
    }

    /// <summary>How long a new connection may take to send its first message (default 10 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after the InitializeResponse the client may attach the asynchronous channel (default 5 s). Only the
    /// first AsyncInitialize for a session, from the synchronous channel's address and within this window, succeeds; a
    /// later one, or one from another address, gets FatalError 3 (invalid initialization sequence).
    /// </summary>
    public TimeSpan AsyncInitializeWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many failed SASL authentications one session may make before the server ends it with FatalError 5 (secure
    /// connection failed); default 5.
    /// </summary>
    public int MaxAuthenticationFailures { get; init; } = 5;

    /// <summary>
    /// The wait before the answer to a failed SASL authentication (default 250 ms); it doubles with each further failure
    /// from the same client address, up to <see cref="MaxAuthenticationFailureDelay"/>, and a success resets it.
    /// </summary>
    public TimeSpan AuthenticationFailureDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait before answering a failed authentication (default 30 s).</summary>
    public TimeSpan MaxAuthenticationFailureDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Test seam: the address a connection is taken to come from (default: its remote address).</summary>
    internal Func<System.Net.Sockets.Socket, System.Net.IPAddress>? PeerAddressOf { get; init; }

    /// <summary>The certificate with private key for TLS (HiSLIP 2.0 secure connection); null offers no TLS.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Serve data only to clients that established TLS (and authenticated, when <see cref="Credentials"/> are set).</summary>
    public bool RequireEncryption { get; init; }

    /// <summary>User names and passwords for SASL PLAIN; when set, data needs a successful authentication first.</summary>
    public IReadOnlyDictionary<string, string>? Credentials { get; init; }

    /// <summary>Offer SASL ANONYMOUS (default true); with <see cref="Credentials"/> set it counts as authentication too.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Where sessions, protocol errors and device failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// Loads a certificate with its private key from a file: PKCS#12 (<c>.pfx</c>, <c>.p12</c>, with
    /// <paramref name="password"/>) or PEM holding both the certificate and the key.
    /// </summary>
    /// <exception cref="ArgumentException">The file holds no private key: a TLS server needs one.</exception>
    public static X509Certificate2 LoadCertificate(string path, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The certificate file \"{path}\" does not exist.", path);
        var text = File.ReadAllText(path);
        var pem = text.Contains("-----BEGIN", StringComparison.Ordinal);
        X509Certificate2 certificate;
        try
        {
            certificate = pem ? X509Certificate2.CreateFromPem(text, text) : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException(pem
                ? $"The PEM file \"{path}\" does not hold a certificate and its private key ({e.Message}); a TLS server needs both, e.g. cat server.crt server.key > server.pem."
                : $"The file \"{path}\" is not a PKCS#12 (.pfx) file with a certificate and key, or the password is wrong ({e.Message}). Use a .pfx, or a PEM file with certificate and key.",
                nameof(path), e);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"The certificate in \"{path}\" has no private key; a TLS server needs the certificate and its key (a .pfx, or a PEM file with both).", nameof(path));
        }
        return certificate;
    }
}
