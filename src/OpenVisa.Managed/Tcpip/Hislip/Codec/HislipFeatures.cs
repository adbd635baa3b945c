namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The feature bitmap in the control code of AsyncDeviceClearAcknowledge (server's preference), DeviceClearComplete
/// (client's request) and DeviceClearAcknowledge (the agreed setting). The same bits, in the same places, are the
/// control code of InitializeResponse, where bit 0 reads "prefers overlapped mode".
/// </summary>
[Flags]
public enum HislipFeatures : byte
{
    /// <summary>Synchronized mode, clear text allowed.</summary>
    None = 0,

    /// <summary>Overlapped mode instead of synchronized mode.</summary>
    Overlapped = 1,

    /// <summary>Encryption is mandatory: the server serves data only over TLS (2.0).</summary>
    EncryptionMandatory = 2,

    /// <summary>The client must establish the secure connection right after initialization (2.0).</summary>
    InitialEncryption = 4,
}
