namespace OpenVisa.Managed.Sessions;

/// <summary>What a protocol needs to open a session: the parsed name, the open timeout and the library it serves.</summary>
/// <param name="Library">The library opening the session (its logger, its host resolver).</param>
/// <param name="Name">The resource name as parsed.</param>
/// <param name="OpenTimeout">How long the connection may take.</param>
/// <param name="AccessMode">The lock to take while opening; only protocols marked <see cref="ManagedProtocol.LocksOnOpen"/> see anything but None.</param>
internal sealed record SessionOpening(ManagedLibrary Library, ResourceName Name, TimeSpan OpenTimeout, AccessMode AccessMode = AccessMode.None)
{
    /// <summary>The canonical resource name, used in every message about the session.</summary>
    public string ResourceName => Name.Canonical;
}
