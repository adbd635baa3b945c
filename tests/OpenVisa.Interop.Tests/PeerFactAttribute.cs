namespace OpenVisa.Interop.Tests;

/// <summary>
/// A fact that needs third-party programs. When one is missing it is skipped with a message naming the Debian package,
/// except in CI (<c>CI=true</c>), where it runs and fails with that message (the test starts with <see cref="Peers.Require"/>).
/// xunit 2 cannot skip once a test runs, so the decision is made here, when the test list is built.
/// </summary>
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(params Peer[] peers)
    {
        if (Peers.InCi)
            return;
        var missing = peers.Select(Peers.Check).FirstOrDefault(reason => reason is not null);
        if (missing is not null)
            Skip = missing;
    }
}
