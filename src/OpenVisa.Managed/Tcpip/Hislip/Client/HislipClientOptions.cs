using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>How a <see cref="HislipClient"/> connects and negotiates.</summary>
public sealed class HislipClientOptions
{
    /// <summary>The default vendor id, <c>OV</c>, sent in Initialize.</summary>
    public const ushort DefaultVendorId = ('O' << 8) | 'V';

    /// <summary>The sub-address of the instrument, e.g. <c>hislip0</c> (from the resource name).</summary>
    public string SubAddress { get; init; } = "hislip0";

    /// <summary>The newest protocol version to offer (default 2.0); the session runs at the older of this and the server's.</summary>
    public HislipVersion Version { get; init; } = HislipVersion.V2_0;

    /// <summary>The two-letter vendor id as a 16-bit number.</summary>
    public ushort VendorId { get; init; } = DefaultVendorId;

    /// <summary>The largest message payload the client accepts from the server (<c>VI_ATTR_TCPIP_HISLIP_MAX_MESSAGE_KB</c>; default 1 MiB).</summary>
    public ulong MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>Overlapped (true) or synchronized (false) mode; null follows the server's preference.</summary>
    public bool? Overlapped { get; init; }

    /// <summary>How long connecting and the initialization handshake may take (default 2 s; zero means the default).</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The I/O timeout in milliseconds at open (<c>VI_ATTR_TMO_VALUE</c>; default 2000).</summary>
    public uint TimeoutMilliseconds { get; init; } = 2000;

    /// <summary>When to encrypt with TLS.</summary>
    public HislipEncryptionMode Encryption { get; init; } = HislipEncryptionMode.WhenRequired;

    /// <summary>User name and password for SASL PLAIN after TLS; without them the client authenticates with ANONYMOUS when offered.</summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>The name the server's certificate must carry; default the host of the resource name.</summary>
    public string? TargetHost { get; init; }

    /// <summary>Certificates trusted besides the system's roots: a self-signed server certificate, or a private CA.</summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>Replaces certificate validation altogether when set.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Where protocol events are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
