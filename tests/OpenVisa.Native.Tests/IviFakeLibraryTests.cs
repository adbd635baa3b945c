namespace OpenVisa.Native.Tests;

/// <summary>@ivi against the fake C VISA library built with gcc: the lowest layer, with no libopenvisa involved.</summary>
public sealed class IviFakeLibraryTests
{
    private const string Instrument = "TCPIP0::fake::INSTR";

    [Fact]
    public void Query_GoesThroughViWriteAndViRead()
    {
        using var rm = new ResourceManager(NativeBuild.FakeVisa() + "@ivi");
        using var instrument = rm.Open<MessageBasedResource>(Instrument);
        instrument.ReadTermination = "\n";
        Assert.Equal("FAKE,VISA,1,0", instrument.Query("*IDN?"));
        Assert.Equal("ivi", rm.Library.BackendName);
    }

    [Fact]
    public void Read_ReportsTerminationCharacterAndMaxCount()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        var rm = library.OpenDefaultResourceManager();
        var vi = library.Open(rm, Instrument, AccessMode.None, TimeSpan.FromSeconds(2));
        library.SetAttribute(vi, VisaAttribute.TerminationCharacterEnabled, true);
        library.Write(vi, "abc\ndef"u8);
        var buffer = new byte[16];
        var first = library.Read(vi, buffer);
        Assert.Equal((4, StatusCode.SuccessTerminationCharacterRead), (first.Count, first.Status));
        var second = library.Read(vi, buffer.AsSpan(0, 2));
        Assert.Equal((2, StatusCode.SuccessMaxCountRead), (second.Count, second.Status));
        Assert.Equal("de", System.Text.Encoding.ASCII.GetString(buffer, 0, 2));
        library.Close(rm);
    }

    [Fact]
    public void Attributes_HaveTheirCTypes_AndVendorIdsPassThroughAs64Bits()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        var rm = library.OpenDefaultResourceManager();
        var vi = library.Open(rm, Instrument, AccessMode.None, TimeSpan.FromSeconds(2));
        library.SetAttribute(vi, VisaAttribute.TimeoutValue, 1234u);
        Assert.Equal(1234u, library.GetAttribute(vi, VisaAttribute.TimeoutValue));
        library.SetAttribute(vi, VisaAttribute.TerminationCharacter, (byte)'\r');
        Assert.Equal((byte)'\r', library.GetAttribute(vi, VisaAttribute.TerminationCharacter));
        Assert.Equal(false, library.GetAttribute(vi, VisaAttribute.TerminationCharacterEnabled));
        Assert.Equal("Fake VISA Inc.", library.GetAttribute(rm, VisaAttribute.ResourceManufacturerName));
        var vendor = (VisaAttribute)0x3FFF8001;
        Assert.Equal(0x1122334455667788ul, library.GetAttribute(vi, vendor));
        library.SetAttribute(vi, vendor, 0x0102030405060708ul);
        Assert.Equal(0x0102030405060708ul, library.GetAttribute(vi, vendor));
        var unsupported = Assert.Throws<VisaException>(() => library.GetAttribute(vi, VisaAttribute.SendEndEnabled));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, unsupported.Status);
        Assert.Contains(Instrument, unsupported.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVendorStatus_CarriesTheLibrarysDescription()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        var rm = library.OpenDefaultResourceManager();
        var vi = library.Open(rm, Instrument, AccessMode.None, TimeSpan.FromSeconds(2));
        var e = Assert.Throws<VisaException>(() => library.Write(vi, "VENDOR"u8));
        Assert.Equal(unchecked((int)0xBFFF8001), (int)e.Status);
        Assert.Contains("Fake vendor failure: the fake instrument refused VENDOR.", e.Message, StringComparison.Ordinal);
        Assert.Contains("OpenVisa does not know", e.Message, StringComparison.Ordinal);
        Assert.Equal("Write", e.Operation);
        Assert.Equal(Instrument, e.ResourceName);
    }

    [Fact]
    public void ListResources_WalksViFindNext_AndNotFoundIsEmpty()
    {
        using var rm = new ResourceManager(NativeBuild.FakeVisa() + "@ivi");
        Assert.Equal([Instrument, "ASRL1::INSTR"], rm.ListResources());
        Assert.Empty(rm.ListResources("?*::INTFC"));
    }

    [Fact]
    public void OpenUnknownResource_IsResourceNotFound_WithTheName()
    {
        using var rm = new ResourceManager(NativeBuild.FakeVisa() + "@ivi");
        var e = Assert.Throws<VisaException>(() => rm.Open("TCPIP0::nothing::INSTR"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("TCPIP0::nothing::INSTR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StbClearLockAndUnlock_ReachTheLibrary()
    {
        using var rm = new ResourceManager(NativeBuild.FakeVisa() + "@ivi");
        using var instrument = rm.Open<MessageBasedResource>(Instrument);
        Assert.Equal(0, instrument.ReadStb());
        instrument.Clear();
        Assert.Equal("fake-key-1", instrument.Lock());
        instrument.Unlock();
        var e = Assert.Throws<VisaException>(instrument.Unlock);
        Assert.Equal(StatusCode.ErrorSessionNotLocked, e.Status);
    }

    [Fact]
    public void WaitOnEvent_ReturnsTheQueuedServiceRequest_AndTimesOutOtherwise()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        var rm = library.OpenDefaultResourceManager();
        var vi = library.Open(rm, Instrument, AccessMode.None, TimeSpan.FromSeconds(2));
        library.EnableEvent(vi, EventType.ServiceRequest, EventMechanism.Queue);
        var timeout = Assert.Throws<VisaException>(() => library.WaitOnEvent(vi, EventType.ServiceRequest, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(StatusCode.ErrorTimeout, timeout.Status);
        library.Write(vi, "SRQ"u8);
        var visaEvent = library.WaitOnEvent(vi, EventType.ServiceRequest, TimeSpan.FromSeconds(30));
        Assert.Equal(EventType.ServiceRequest, visaEvent.Type);
        Assert.Equal(0x40, library.ReadStb(vi));
    }

    [Fact]
    public void InstalledHandler_IsCalledFromTheLibrarysThread_AfterGarbageCollection()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        var rm = library.OpenDefaultResourceManager();
        var vi = library.Open(rm, Instrument, AccessMode.None, TimeSpan.FromSeconds(2));
        using var called = new ManualResetEventSlim();
        int? seenSession = null;
        object? seenUser = null;
        InstallLocalHandler(library, vi, (s, e, u) =>
        {
            seenSession = s;
            seenUser = u;
            called.Set();
        });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        library.EnableEvent(vi, EventType.ServiceRequest, EventMechanism.Handler);
        library.Write(vi, "SRQ"u8);
        Assert.True(called.Wait(TimeSpan.FromSeconds(30)), "the handler was not called");
        Assert.Equal(vi, seenSession);
        Assert.Equal("user state", seenUser);
        library.UninstallHandler(vi, EventType.ServiceRequest, null, null);
    }

    [Fact]
    public void ServiceRequested_OnTheResource_FiresThroughTheNativeHandler()
    {
        using var rm = new ResourceManager(NativeBuild.FakeVisa() + "@ivi");
        using var instrument = rm.Open<MessageBasedResource>(Instrument);
        using var raised = new ManualResetEventSlim();
        instrument.ServiceRequested += (_, _) => raised.Set();
        instrument.Write("SRQ");
        Assert.True(raised.Wait(TimeSpan.FromSeconds(30)), "ServiceRequested was not raised");
    }

    [Fact]
    public void MissingExport_IsNonsupportedOperation_NamingTheFunction()
    {
        var path = NativeBuild.FakeVisaMinimal();
        using var rm = new ResourceManager(path + "@ivi");
        using var instrument = rm.Open<MessageBasedResource>(Instrument);
        instrument.ReadTermination = "\n";
        Assert.Equal("FAKE,VISA,1,0", instrument.Query("*IDN?"));
        var e = Assert.Throws<VisaException>(() => instrument.ReadStb());
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
        Assert.Contains("does not export viReadSTB", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAVisaLibrary_IsLibraryNotFound_SayingSo()
    {
        var e = Assert.Throws<VisaException>(() => new IviLibrary(NativeBuild.NotVisaLibrary()));
        Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        Assert.Contains("not a VISA library", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_And_NonLibraryFile_AreLibraryNotFound()
    {
        var missing = Assert.Throws<VisaException>(() => new IviLibrary("/nonexistent/libvisa.so"));
        Assert.Equal(StatusCode.ErrorLibraryNotFound, missing.Status);
        Assert.Contains("/nonexistent/libvisa.so (no such file)", missing.Message, StringComparison.Ordinal);
        var text = Path.GetTempFileName();
        try
        {
            File.WriteAllText(text, "not an ELF file");
            var bad = Assert.Throws<VisaException>(() => new IviLibrary(text));
            Assert.Contains("not a loadable shared library", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(text);
        }
    }

    [Fact]
    public void DebugInfo_ShowsPathManufacturerAndVersions()
    {
        var path = NativeBuild.FakeVisa();
        using var library = new IviLibrary(path);
        var info = library.GetDebugInfo().ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(path, info["library"]);
        Assert.Equal("Fake VISA Inc.", info["manufacturer"]);
        Assert.Equal("1.2.0", info["implementation version"]);
        Assert.Equal("7.0.0", info["specification version"]);
        Assert.Equal("none", info["interfaces"]);
    }

    [Fact]
    public void StatusDescription_AsksTheLibrary()
    {
        using var library = new IviLibrary(NativeBuild.FakeVisa());
        Assert.Equal("Fake vendor failure: the fake instrument refused VENDOR.", library.StatusDescription(1, (StatusCode)unchecked((int)0xBFFF8001)));
    }

    // A separate method so the lambda and its closure have no reference left on the test's stack when GC runs.
    private static void InstallLocalHandler(IviLibrary library, int vi, VisaEventHandler handler) =>
        library.InstallHandler(vi, EventType.ServiceRequest, handler, "user state");
}
