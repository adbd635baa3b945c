namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The outcome of <see cref="HislipClient.Lock"/>: the access key of a shared lock and the VISA status.</summary>
/// <param name="AccessKey">The shared lock string (null for an exclusive lock).</param>
/// <param name="Status"><see cref="StatusCode.Success"/>, or the nested-lock success codes when the session already held the lock.</param>
public readonly record struct HislipLockResult(string? AccessKey, StatusCode Status);
