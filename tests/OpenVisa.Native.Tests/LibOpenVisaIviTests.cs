using System.Diagnostics;

namespace OpenVisa.Native.Tests;

/// <summary>@ivi → libopenvisa → @sim and @managed: OpenVisa's own resource API through the VISA C API and back.</summary>
[Collection(LibOpenVisaCollection.Name)]
public sealed class LibOpenVisaIviTests
{
    private const string Scope = "TCPIP0::sim-scope.local::inst0::INSTR";

    [Fact]
    public void Sim_QueryBlockAttributesLockStbAndClear()
    {
        using var rm = new ResourceManager(LibOpenVisaBuild.For("@sim") + "@ivi");
        Assert.Contains(Scope, rm.ListResources());
        using var scope = rm.Open<MessageBasedResource>(Scope);
        scope.ReadTermination = "\n";
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", scope.Query("*IDN?"));
        var samples = scope.QueryBinaryValues<byte>(":WAVeform:DATA?");
        Assert.Equal(int.Parse(scope.Query(":WAVeform:POINts?"), System.Globalization.CultureInfo.InvariantCulture), samples.Length);
        scope.SetAttribute(VisaAttribute.TimeoutValue, 4321u);
        Assert.Equal(4321u, scope.GetAttribute(VisaAttribute.TimeoutValue));
        Assert.Equal("OpenVisa", scope.ResourceManufacturerName);
        scope.LockExclusive(TimeSpan.FromSeconds(5));
        Assert.Equal(AccessMode.ExclusiveLock, scope.LockState);
        scope.Unlock();
        Assert.Equal(0, scope.ReadStb());
        scope.Clear();
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", scope.Query("*IDN?"));
    }

    [Fact]
    public void Sim_ServiceRequest_ReachesTheQueueAndAnInstalledHandler()
    {
        using var rm = new ResourceManager(LibOpenVisaBuild.For("@sim") + "@ivi");
        using var scope = rm.Open<MessageBasedResource>(Scope);
        scope.ReadTermination = "\n";
        scope.EnableEvent(EventType.ServiceRequest);
        scope.Write("*SRE 16");
        scope.Write("*IDN?");
        Assert.Equal(EventType.ServiceRequest, scope.WaitOnEvent(EventType.ServiceRequest, TimeSpan.FromSeconds(30)).Type);
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", scope.Read());
        scope.DisableEvent(EventType.ServiceRequest);

        using var raised = new ManualResetEventSlim();
        scope.ServiceRequested += (_, _) => raised.Set();
        scope.Write("*IDN?");
        Assert.True(raised.Wait(TimeSpan.FromSeconds(30)), "ServiceRequested did not fire through viInstallHandler");
    }

    [Fact]
    public async Task Managed_Socket_QueryBlockTimeoutAndTerminate()
    {
        await using var server = TestSocketDevice.Serve();
        using var rm = new ResourceManager(LibOpenVisaBuild.For("@managed") + "@ivi");
        using (var instrument = rm.Open<MessageBasedResource>(server.ResourceName))
        {
            Assert.Equal(TestSocketDevice.Identity, instrument.Query("*IDN?"));
            instrument.Write("BLOCK?");
            Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, instrument.ReadBinaryValues<byte>());
            instrument.Timeout = TimeSpan.FromMilliseconds(500);
            instrument.Write("SLOW?");
            var clock = Stopwatch.StartNew();
            var timeout = Assert.Throws<VisaException>(() => instrument.Read());
            Assert.Equal(StatusCode.ErrorTimeout, timeout.Status);
            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(2), $"the timeout took {clock.Elapsed}");
        }

        var library = (IviLibrary)rm.Library;
        var session = library.Open(rm.Session, server.ResourceName, AccessMode.None, TimeSpan.FromSeconds(10));
        library.SetAttribute(session, VisaAttribute.TimeoutValue, 60_000u);
        library.Write(session, "SLOW?\n"u8);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await library.ReadAsync(session, new byte[64], cancel.Token));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"viTerminate did not end the read promptly ({stopwatch.Elapsed})");
        library.Close(session);
    }

    [Fact]
    public void LoopThroughIvi_IsRefusedWithAClearStatus()
    {
        var e = Assert.Throws<VisaException>(() => LibOpenVisaBuild.For("@ivi"));
        Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        Assert.Contains("a loop", e.Message, StringComparison.Ordinal);
    }
}
