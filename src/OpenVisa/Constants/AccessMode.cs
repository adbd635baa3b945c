namespace OpenVisa;

/// <summary>How a session is opened or locked (<c>ViAccessMode</c>).</summary>
[Flags]
public enum AccessMode
{
    /// <summary>No lock.</summary>
    None = 0,
    /// <summary>An exclusive lock: no other session may use the resource.</summary>
    ExclusiveLock = 1,
    /// <summary>A shared lock: sessions presenting the same access key may use the resource.</summary>
    SharedLock = 2,
    /// <summary>Load the resource's configured attribute values when opening.</summary>
    LoadConfig = 4,
}
