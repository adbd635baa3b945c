namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>When a <see cref="HislipClient"/> encrypts its session with TLS (HiSLIP 2.0 secure connection).</summary>
public enum HislipEncryptionMode
{
    /// <summary>Encrypt only when the server demands it (its initialization says encryption is mandatory). The default.</summary>
    WhenRequired,

    /// <summary>Always encrypt; opening fails when the server offers no secure connection.</summary>
    Required,

    /// <summary>Never encrypt; opening fails when the server demands encryption.</summary>
    Off,
}
