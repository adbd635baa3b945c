namespace OpenVisa.Tests.Backends;

/// <summary>What the backend contract does for a backend that does not override an optional member.</summary>
public sealed class VisaLibraryDefaultsTests
{
    [Fact]
    public void A_backend_without_a_cancellable_synchronous_read_says_so_and_reads_nothing()
    {
        using var library = new ScriptedLibrary("defaults");
        var rm = library.OpenDefaultResourceManager();
        var session = library.Open(rm, ScriptedLibrary.SocketName, AccessMode.None, TimeSpan.FromSeconds(1));
        var buffer = new byte[8];

        Assert.False(library.TryReadCancellable(session, buffer, new CancellationTokenSource().Token, out var result));

        Assert.Equal(0, result.Count);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
