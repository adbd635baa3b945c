namespace OpenVisa.Managed.Tests;

/// <summary>
/// Tests never broadcast on this computer's networks: tests/test.runsettings turns discovery off for every test
/// process and the children it starts. The discovery tests turn it on for libraries inside network namespaces.
/// </summary>
public sealed class NoNetworkDiscoveryTests
{
    [Fact]
    public void Discovery_is_off_for_the_test_run()
    {
        Assert.Equal("0", Environment.GetEnvironmentVariable(ManagedLibrary.DiscoveryTimeoutVariable));
        using var library = new ManagedLibrary("");
        Assert.Equal(TimeSpan.Zero, library.DiscoveryTimeout);
    }
}
