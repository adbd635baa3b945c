namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The control code of AsyncLockResponse.</summary>
public enum HislipLockResponse : byte
{
    /// <summary>Lock request: the lock was not granted within the timeout.</summary>
    Failure = 0,

    /// <summary>Lock request: granted. Release: an exclusive lock was released.</summary>
    Success = 1,

    /// <summary>Release: a shared lock was released.</summary>
    SuccessShared = 2,

    /// <summary>The request was invalid: releasing a lock not held, or asking again for a lock already held.</summary>
    Error = 3,
}
