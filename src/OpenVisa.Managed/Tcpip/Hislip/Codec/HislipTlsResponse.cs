namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The control code of AsyncStartTLSResponse and AsyncEndTLSResponse.</summary>
public enum HislipTlsResponse : byte
{
    /// <summary>The server still has messages in flight; the client retries later.</summary>
    Busy = 0,

    /// <summary>Both sides switch now.</summary>
    Success = 1,

    /// <summary>The server cannot switch (no certificate, or encryption is mandatory and cannot be ended).</summary>
    Error = 3,
}
