using System.Text;

namespace OpenVisa.Sim.Tests;

public class SessionTests
{
    private const string Generator = "TCPIP0::gen.local::inst0::INSTR";

    [Fact]
    public void ReadsStopAtTheBufferThenAtEnd()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        client.Write("?IDN");
        var buffer = new byte[3];
        Assert.Equal(new ReadResult(3, StatusCode.SuccessMaxCountRead), client.Library.Read(client.Session, buffer));
        Assert.Equal("GEN", Encoding.ASCII.GetString(buffer));
        Assert.Equal(new ReadResult(3, StatusCode.Success), client.Library.Read(client.Session, buffer));
        Assert.Equal(",1\n", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void TheTerminationCharacterEndsAReadWhenEnabled()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "TCPIP0::dialog.local::inst0::INSTR");
        Assert.Equal((byte)'\n', client.Library.GetAttribute(client.Session, VisaAttribute.TerminationCharacter));
        client.Library.SetAttribute(client.Session, VisaAttribute.TerminationCharacterEnabled, true);
        client.Write("LINES?");
        var buffer = new byte[64];
        Assert.Equal(new ReadResult(4, StatusCode.SuccessTerminationCharacterRead), client.Library.Read(client.Session, buffer));
        Assert.Equal(new ReadResult(4, StatusCode.Success), client.Library.Read(client.Session, buffer));
    }

    [Fact]
    public void SuppressingEndReadsOnUntilTheTerminationCharacter()
    {
        using var client = SimClient.Open(SimClient.Spec("delimiter.yaml"), "TCPIP0::semicolon.local::inst0::INSTR");
        client.Library.SetAttribute(client.Session, VisaAttribute.SuppressEndEnabled, true);
        client.Library.SetAttribute(client.Session, VisaAttribute.TerminationCharacter, (byte)'2');
        client.Library.SetAttribute(client.Session, VisaAttribute.TerminationCharacterEnabled, true);
        client.Write("A?;B?");
        var buffer = new byte[64];
        var result = client.Library.Read(client.Session, buffer);
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, result.Status);
        Assert.Equal("1\n2", Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public void ATimeoutSaysWhyNothingCame()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        var nothing = client.ExpectNoReply();
        Assert.Equal(StatusCode.ErrorTimeout, nothing.Status);
        Assert.Contains("nothing has been written", nothing.Message, StringComparison.Ordinal);
        Assert.Contains(Generator, nothing.Message, StringComparison.Ordinal);
        client.Write("!FREQ 10.0");
        client.Read();
        client.Library.SetAttribute(client.Session, VisaAttribute.TimeoutValue, 0u);
        var noQuery = Assert.Throws<VisaException>(() => client.Library.Read(client.Session, new byte[8]));
        Assert.Contains("already read", noQuery.Message, StringComparison.Ordinal);
        using var silent = SimClient.Open(SimClient.Spec("dialogues.yaml"), "GPIB0::3::INSTR");
        silent.Write("*RST");
        Assert.Contains("the last command '*RST' is not a query", silent.ExpectNoReply().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributesHaveDefaultsAndChecks()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "ASRL1::INSTR");
        var library = client.Library;
        Assert.Equal("ASRL1::INSTR", library.GetAttribute(client.Session, VisaAttribute.ResourceName));
        Assert.Equal("INSTR", library.GetAttribute(client.Session, VisaAttribute.ResourceClass));
        Assert.Equal((ushort)InterfaceType.Asrl, library.GetAttribute(client.Session, VisaAttribute.InterfaceType));
        Assert.Equal((ushort)1, library.GetAttribute(client.Session, VisaAttribute.InterfaceNumber));
        Assert.Equal((ushort)SerialTermination.TerminationCharacter, library.GetAttribute(client.Session, VisaAttribute.AsrlEndIn));
        Assert.Equal(true, library.GetAttribute(client.Session, VisaAttribute.SendEndEnabled));
        Assert.Equal(false, library.GetAttribute(client.Session, VisaAttribute.SuppressEndEnabled));
        Assert.Equal(AccessMode.None, library.GetAttribute(client.Session, VisaAttribute.ResourceLockState));
        library.SetAttribute(client.Session, VisaAttribute.TimeoutValue, 1234);
        Assert.Equal(1234u, library.GetAttribute(client.Session, VisaAttribute.TimeoutValue));
        library.SetAttribute(client.Session, VisaAttribute.TerminationCharacter, '\r');
        Assert.Equal((byte)'\r', library.GetAttribute(client.Session, VisaAttribute.TerminationCharacter));

        var readOnly = Assert.Throws<VisaException>(() => library.SetAttribute(client.Session, VisaAttribute.ResourceName, "x"));
        Assert.Equal(StatusCode.ErrorAttributeReadOnly, readOnly.Status);
        var badValue = Assert.Throws<VisaException>(() => library.SetAttribute(client.Session, VisaAttribute.TimeoutValue, "soon"));
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, badValue.Status);
        Assert.Contains("soon", badValue.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<VisaException>(() => library.GetAttribute(client.Session, (VisaAttribute)0x3FFF0001));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, unknown.Status);
    }

    [Fact]
    public void ExclusiveLocksKeepOtherSessionsOut()
    {
        using var manager = new ResourceManager(SimClient.Spec("properties.yaml"));
        using var first = SimClient.Open(manager, Generator);
        using var second = SimClient.Open(manager, Generator);
        var library = manager.Library;
        Assert.Null(library.Lock(first.Session, AccessMode.ExclusiveLock, TimeSpan.Zero, null));
        Assert.Null(library.Lock(first.Session, AccessMode.ExclusiveLock, TimeSpan.Zero, null));
        Assert.Equal(StatusCode.SuccessNestedExclusive, library.LastStatus);
        Assert.Equal(AccessMode.ExclusiveLock, library.GetAttribute(second.Session, VisaAttribute.ResourceLockState));
        var refused = Assert.Throws<VisaException>(() => second.Write("?IDN"));
        Assert.Equal(StatusCode.ErrorResourceLocked, refused.Status);
        Assert.Contains("exclusive lock", refused.Message, StringComparison.Ordinal);
        var waited = Assert.Throws<VisaException>(() => library.Lock(second.Session, AccessMode.ExclusiveLock, TimeSpan.FromMilliseconds(30), null));
        Assert.Equal(StatusCode.ErrorResourceLocked, waited.Status);
        Assert.Contains("Waited 30 ms", waited.Message, StringComparison.Ordinal);
        Assert.Equal("GEN,1", first.Query("?IDN"));
        Assert.Equal(StatusCode.SuccessNestedExclusive, library.Unlock(first.Session));
        Assert.Equal(StatusCode.Success, library.Unlock(first.Session));
        Assert.Equal("GEN,1", second.Query("?IDN"));
        var notLocked = Assert.Throws<VisaException>(() => library.Unlock(first.Session));
        Assert.Equal(StatusCode.ErrorSessionNotLocked, notLocked.Status);
    }

    [Fact]
    public async Task ALockRequestWaitsForTheHolderToUnlock()
    {
        using var manager = new ResourceManager(SimClient.Spec("properties.yaml"));
        using var first = SimClient.Open(manager, Generator);
        using var second = SimClient.Open(manager, Generator);
        manager.Library.Lock(first.Session, AccessMode.ExclusiveLock, TimeSpan.Zero, null);
        var waiting = Task.Run(() => manager.Library.Lock(second.Session, AccessMode.ExclusiveLock, TimeSpan.FromSeconds(5), null));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        manager.Library.Unlock(first.Session);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(AccessMode.ExclusiveLock, manager.Library.GetAttribute(first.Session, VisaAttribute.ResourceLockState));
    }

    [Fact]
    public void SharedLocksAdmitHoldersOfTheKey()
    {
        using var manager = new ResourceManager(SimClient.Spec("properties.yaml"));
        using var first = SimClient.Open(manager, Generator);
        using var second = SimClient.Open(manager, Generator);
        using var third = SimClient.Open(manager, Generator);
        var library = manager.Library;
        var key = library.Lock(first.Session, AccessMode.SharedLock, TimeSpan.Zero, "bench-7");
        Assert.Equal("bench-7", key);
        Assert.Equal("bench-7", library.Lock(second.Session, AccessMode.SharedLock, TimeSpan.Zero, "bench-7"));
        Assert.Equal("GEN,1", second.Query("?IDN"));
        Assert.Equal(StatusCode.ErrorResourceLocked, Assert.Throws<VisaException>(() => third.Write("?IDN")).Status);
        var wrongKey = Assert.Throws<VisaException>(() => library.Lock(third.Session, AccessMode.SharedLock, TimeSpan.Zero, "other"));
        Assert.Contains("different access key than 'other'", wrongKey.Message, StringComparison.Ordinal);
        var invalid = Assert.Throws<VisaException>(() => library.Lock(third.Session, AccessMode.LoadConfig, TimeSpan.Zero, null));
        Assert.Equal(StatusCode.ErrorInvalidLockType, invalid.Status);
    }

    [Fact]
    public void OpeningWithAnExclusiveLockTakesIt()
    {
        using var manager = new ResourceManager(SimClient.Spec("properties.yaml"));
        var library = manager.Library;
        var locked = library.Open(manager.Session, Generator, AccessMode.ExclusiveLock, TimeSpan.FromSeconds(1));
        var refused = Assert.Throws<VisaException>(() => library.Open(manager.Session, Generator, AccessMode.ExclusiveLock, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(StatusCode.ErrorResourceLocked, refused.Status);
        library.Close(locked);
        library.Close(library.Open(manager.Session, Generator, AccessMode.ExclusiveLock, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ClearDropsPendingReplies()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        client.Write("?IDN;?FREQ");
        client.Library.Clear(client.Session);
        client.ExpectNoReply();
        Assert.Equal("100.00", client.Query("?FREQ"));
    }

    [Fact]
    public void ClosingTheManagerClosesItsSessions()
    {
        var manager = new ResourceManager(SimClient.Spec("properties.yaml"));
        var library = manager.Library;
        var session = library.Open(manager.Session, Generator, AccessMode.None, TimeSpan.FromSeconds(1));
        manager.Dispose();
        var closed = Assert.Throws<VisaException>(() => library.Write(session, "?IDN\n"u8));
        Assert.Equal(StatusCode.ErrorInvalidObject, closed.Status);
        Assert.Contains($"Session {session} is not open", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningAnUnknownResourceListsWhatIsServed()
    {
        using var manager = new ResourceManager(SimClient.Spec("resources.yaml"));
        var error = Assert.Throws<VisaException>(() => manager.Library.Open(manager.Session, "GPIB0::30::INSTR", AccessMode.None, TimeSpan.FromSeconds(1)));
        Assert.Equal(StatusCode.ErrorResourceNotFound, error.Status);
        Assert.Contains("GPIB0::30::INSTR", error.Message, StringComparison.Ordinal);
        Assert.Contains("It serves: GPIB0::1::INSTR, GPIB0::2::INSTR, TCPIP0::counter.local::inst0::INSTR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidResourceNameIsRefused()
    {
        using var manager = new ResourceManager(SimClient.Spec("resources.yaml"));
        var error = Assert.Throws<VisaException>(() => manager.Library.Open(manager.Session, "RJ45::1", AccessMode.None, TimeSpan.FromSeconds(1)));
        Assert.Equal(StatusCode.ErrorInvalidResourceName, error.Status);
        Assert.Contains("'RJ45::1' is not a valid resource name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAsynchronousReadCanBeCancelled()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        client.TimeoutMs = 10_000;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.Library.ReadAsync(client.Session, new byte[16], cancel.Token));
    }

    [Fact]
    public async Task AnAsynchronousReadTimesOut()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        client.TimeoutMs = 30;
        var error = await Assert.ThrowsAsync<VisaException>(async () => await client.Library.ReadAsync(client.Session, new byte[16]));
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
    }

    [Fact]
    public void ListResourcesFiltersByPattern()
    {
        using var manager = new ResourceManager(SimClient.Spec("dialogues.yaml"));
        Assert.Equal(4, manager.ListResources().Count);
        Assert.Equal(5, manager.ListResources("?*").Count);
        Assert.Equal(["TCPIP0::dialog.local::5025::SOCKET"], manager.ListResources("?*SOCKET"));
        Assert.Empty(manager.ListResources("VXI?*"));
    }

    [Fact]
    public void AFileWithErrorsRefusesToLoadAndSaysWhere()
    {
        var error = Assert.Throws<VisaException>(() => new ResourceManager(SimClient.Spec("missing_device.yaml")));
        Assert.Equal(StatusCode.ErrorInvalidSetup, error.Status);
        Assert.Contains("missing_device.yaml:8:29: error:", error.Message, StringComparison.Ordinal);
        Assert.Contains("ovisa sim check", error.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<VisaException>(() => new ResourceManager(SimClient.Spec("nowhere.yaml")));
        Assert.Equal(StatusCode.ErrorFileAccess, missing.Status);
        Assert.Contains("nowhere.yaml' does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventMisuseIsReported()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), Generator);
        var library = client.Library;
        Assert.Equal(StatusCode.ErrorNotEnabled, Assert.Throws<VisaException>(() => library.WaitOnEvent(client.Session, EventType.ServiceRequest, TimeSpan.Zero)).Status);
        Assert.Equal(StatusCode.ErrorHandlerNotInstalled, Assert.Throws<VisaException>(() => library.EnableEvent(client.Session, EventType.ServiceRequest, EventMechanism.Handler)).Status);
        var wrongType = Assert.Throws<VisaException>(() => library.EnableEvent(client.Session, EventType.UsbInterrupt, EventMechanism.Queue));
        Assert.Equal(StatusCode.ErrorInvalidEvent, wrongType.Status);
        Assert.Contains("ServiceRequest", wrongType.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Success, library.EnableEvent(client.Session, EventType.ServiceRequest, EventMechanism.Queue));
        Assert.Equal(StatusCode.SuccessEventEnabled, library.EnableEvent(client.Session, EventType.ServiceRequest, EventMechanism.Queue));
        Assert.Equal(StatusCode.SuccessQueueEmpty, library.DiscardEvents(client.Session, EventType.ServiceRequest, EventMechanism.Queue));
        Assert.Equal(StatusCode.Success, library.DisableEvent(client.Session, EventType.AllEnabled, EventMechanism.All));
        Assert.Equal(StatusCode.SuccessEventDisabled, library.DisableEvent(client.Session, EventType.ServiceRequest, EventMechanism.Queue));
        Assert.Equal(StatusCode.ErrorInvalidHandlerReference, Assert.Throws<VisaException>(() => library.UninstallHandler(client.Session, EventType.ServiceRequest, (_, _, _) => { }, null)).Status);
    }
}
