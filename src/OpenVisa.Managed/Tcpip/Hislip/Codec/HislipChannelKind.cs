namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The two TCP connections of a HiSLIP session.</summary>
public enum HislipChannelKind
{
    /// <summary>The synchronous channel: data, END, trigger and device-clear completion, strictly in order.</summary>
    Synchronous,

    /// <summary>The asynchronous channel: status, service requests, locks, remote/local, device-clear start, TLS start.</summary>
    Asynchronous,
}
