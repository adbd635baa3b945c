namespace OpenVisa.Managed.Sessions;

/// <summary>What a protocol needs to open a session: the parsed name, the open timeout and the library it serves.</summary>
/// <param name="Library">The library opening the session (its logger, its host resolver).</param>
/// <param name="Name">The resource name as parsed.</param>
/// <param name="OpenTimeout">How long the connection may take.</param>
/// <param name="AccessMode">
/// The lock the caller asked for. A protocol that can lock as it connects (VXI-11) does so and says
/// <see cref="ManagedSession.LockedOnOpen"/>; otherwise the library locks the open session.
/// </param>
internal sealed record SessionOpening(ManagedLibrary Library, ResourceName Name, TimeSpan OpenTimeout, AccessMode AccessMode = AccessMode.None)
{
    /// <summary>The canonical resource name, used in every message about the session.</summary>
    public string ResourceName => Name.Canonical;
}
