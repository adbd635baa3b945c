namespace OpenVisa.Tests.Attributes;

public class AttributeStoreTests
{
    private const string SocketName = "TCPIP0::192.0.2.1::5025::SOCKET";

    private static AttributeStore Socket() => new(InterfaceType.Tcpip, "socket", SocketName);

    [Fact]
    public void StartsWithTheIdentityOfTheSessionAndTheTableDefaults()
    {
        var store = Socket();
        Assert.Equal("SOCKET", store.ResourceClass);
        Assert.Equal("SOCKET", store.Get(VisaAttribute.ResourceClass));
        Assert.Equal((ushort)6, store.Get(VisaAttribute.InterfaceType));
        Assert.Equal(SocketName, store.Get(VisaAttribute.ResourceName));
        Assert.Equal(2000u, store.Get(VisaAttribute.TimeoutValue));
        Assert.Equal(2000u, store.TimeoutMilliseconds);
        Assert.Equal(TimeSpan.FromSeconds(2), store.Timeout);
        Assert.Equal((byte)'\n', store.TerminationCharacter);
        Assert.False(store.TerminationCharacterEnabled);
        Assert.True(store.SendEndEnabled);
        Assert.False(store.SuppressEndEnabled);
        Assert.Equal(true, store.Get(VisaAttribute.TcpipNoDelay));
    }

    [Fact]
    public void SetUpdatesTheValueAndTheHotFields()
    {
        var store = Socket();
        Assert.Equal(StatusCode.Success, store.Set(VisaAttribute.TimeoutValue, "5000"));
        Assert.Equal(5000u, store.TimeoutMilliseconds);
        Assert.Equal(TimeSpan.FromSeconds(5), store.Timeout);
        Assert.Equal(5000u, store.Get<uint>(VisaAttribute.TimeoutValue));

        store.Set(VisaAttribute.TimeoutValue, "infinite");
        Assert.Equal(Timeout.InfiniteTimeSpan, store.Timeout);

        store.Set(VisaAttribute.TerminationCharacter, "\\r");
        store.Set(VisaAttribute.TerminationCharacterEnabled, true);
        store.Set(VisaAttribute.SendEndEnabled, "false");
        store.Set(VisaAttribute.SuppressEndEnabled, 1);
        Assert.Equal((byte)13, store.TerminationCharacter);
        Assert.True(store.TerminationCharacterEnabled);
        Assert.False(store.SendEndEnabled);
        Assert.True(store.SuppressEndEnabled);
        Assert.Equal((byte)13, store.Get(VisaAttribute.TerminationCharacter));
    }

    [Fact]
    public void AttributesOfOtherResourcesAreNotSupported()
    {
        var store = Socket();
        var get = Assert.Throws<VisaException>(() => store.Get(VisaAttribute.AsrlBaudRate));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, get.Status);
        Assert.Equal("GetAttribute", get.Operation);
        Assert.Equal(SocketName, get.ResourceName);
        Assert.Contains("VI_ATTR_ASRL_BAUD does not apply to TCPIP SOCKET sessions; it applies to ASRL INSTR, PRLGX-ASRL INTFC.", get.Message);

        var set = Assert.Throws<VisaException>(() => store.Set(VisaAttribute.TcpipHislipMaxMessageKB, 64));
        Assert.Equal("SetAttribute", set.Operation);
        Assert.Contains("VI_ATTR_TCPIP_HISLIP_MAX_MESSAGE_KB does not apply to TCPIP SOCKET sessions; it applies to TCPIP INSTR.", set.Message);
        Assert.False(store.AppliesTo(VisaAttribute.AsrlBaudRate));
        Assert.False(store.TryGet(VisaAttribute.AsrlBaudRate, out _));
    }

    [Fact]
    public void EventAttributesPointToTheEvent()
    {
        var error = Assert.Throws<VisaException>(() => Socket().Get(VisaAttribute.JobId));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, error.Status);
        Assert.Contains("VI_ATTR_JOB_ID belongs to VI_EVENT_IO_COMPLETION events: read it from the event, not from the session.", error.Message);
    }

    [Fact]
    public void UnknownAttributesAreNotSupported()
    {
        var error = Assert.Throws<VisaException>(() => Socket().Get((VisaAttribute)0x0FFF002B));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, error.Status);
        Assert.Contains("0x0FFF002B is not a VISA attribute OpenVisa knows", error.Message);
    }

    [Fact]
    public void ReadOnlyAttributesRefuseUserValues()
    {
        var error = Assert.Throws<VisaException>(() => Socket().Set(VisaAttribute.ResourceName, "TCPIP0::other::1::SOCKET"));
        Assert.Equal(StatusCode.ErrorAttributeReadOnly, error.Status);
        Assert.Equal(SocketName, error.ResourceName);
        Assert.Contains("VI_ATTR_RSRC_NAME is read-only", error.Message);
    }

    [Fact]
    public void BadValuesAreRefusedWithTheResourceNamed()
    {
        var store = Socket();
        var error = Assert.Throws<VisaException>(() => store.Set(VisaAttribute.TimeoutValue, "soon"));
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, error.Status);
        Assert.Equal(SocketName, error.ResourceName);
        Assert.Contains("VI_ATTR_TMO_VALUE cannot be \"soon\"", error.Message);
        Assert.Equal(2000u, store.TimeoutMilliseconds);
    }

    [Fact]
    public void ValuesTheBackendOwnsAreSetInternally()
    {
        var store = Socket();
        var missing = Assert.Throws<VisaException>(() => store.Get(VisaAttribute.TcpipHostname));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, missing.Status);
        Assert.Contains("VI_ATTR_TCPIP_HOSTNAME has no value on this TCPIP SOCKET session: the backend has not reported it.", missing.Message);
        Assert.False(store.TryGet(VisaAttribute.TcpipHostname, out _));

        store.SetInternal(VisaAttribute.TcpipHostname, "scope.lab");
        store.SetInternal(VisaAttribute.TcpipPort, 5025);
        Assert.Equal("scope.lab", store.Get(VisaAttribute.TcpipHostname));
        Assert.Equal((ushort)5025, store.Get(VisaAttribute.TcpipPort));

        var elsewhere = Assert.Throws<VisaException>(() => store.SetInternal(VisaAttribute.AsrlBaudRate, 9600));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, elsewhere.Status);
    }

    [Fact]
    public void ValidateConvertsWithoutStoring()
    {
        var store = Socket();
        Assert.Equal(100u, store.Validate(VisaAttribute.TimeoutValue, "100"));
        Assert.Equal(2000u, store.TimeoutMilliseconds);
        Assert.Throws<VisaException>(() => store.Validate(VisaAttribute.TcpipPort, 80));
    }

    [Fact]
    public void TypedReadsCheckTheType()
    {
        var store = Socket();
        Assert.True(store.Get<bool>(VisaAttribute.SendEndEnabled));
        var error = Assert.Throws<InvalidCastException>(() => store.Get<int>(VisaAttribute.TimeoutValue));
        Assert.Equal("VI_ATTR_TMO_VALUE holds a UInt32, not a Int32.", error.Message);
    }

    [Fact]
    public void SerialSessionsHaveFramingAndEndModes()
    {
        var store = new AttributeStore(InterfaceType.Asrl, "INSTR", "ASRL1::INSTR");
        Assert.Equal((ushort)2, store.AsrlEndIn);
        Assert.Equal((ushort)0, store.AsrlEndOut);
        store.Set(VisaAttribute.AsrlEndIn, "none");
        store.Set(VisaAttribute.AsrlEndOut, "termchar");
        store.Set(VisaAttribute.AsrlBaudRate, "115200");
        store.Set(VisaAttribute.AsrlParity, "even");
        Assert.Equal((ushort)0, store.AsrlEndIn);
        Assert.Equal((ushort)2, store.AsrlEndOut);
        Assert.Equal(115200u, store.Get(VisaAttribute.AsrlBaudRate));
        Assert.Equal("even", VisaAttributes.Format(VisaAttribute.AsrlParity, store.Get(VisaAttribute.AsrlParity)));
    }

    [Fact]
    public void GpibAddressesAreWritableOnlyOnTheInterface()
    {
        var device = new AttributeStore(InterfaceType.Gpib, "INSTR", "GPIB0::5::INSTR", initialValues: [new(VisaAttribute.GpibPrimaryAddress, 5)]);
        Assert.Equal((ushort)5, device.Get(VisaAttribute.GpibPrimaryAddress));
        var error = Assert.Throws<VisaException>(() => device.Set(VisaAttribute.GpibPrimaryAddress, 7));
        Assert.Equal(StatusCode.ErrorAttributeReadOnly, error.Status);
        Assert.Contains("VI_ATTR_GPIB_PRIMARY_ADDR is read-only on GPIB INSTR sessions", error.Message);

        var board = new AttributeStore(InterfaceType.Gpib, "INTFC", "GPIB0::INTFC");
        board.Set(VisaAttribute.GpibPrimaryAddress, 7);
        Assert.Equal((ushort)7, board.Get(VisaAttribute.GpibPrimaryAddress));
    }

    [Fact]
    public void InitialValuesAndBoardNumberOverrideDefaults()
    {
        var store = new AttributeStore(InterfaceType.Tcpip, "SOCKET", SocketName, interfaceNumber: 3,
            initialValues: [new(VisaAttribute.SuppressEndEnabled, true), new(VisaAttribute.TcpipPort, 5025)]);
        Assert.True(store.SuppressEndEnabled);
        Assert.Equal((ushort)5025, store.Get(VisaAttribute.TcpipPort));
        Assert.Equal((ushort)3, store.Get(VisaAttribute.InterfaceNumber));
        var bad = Assert.Throws<VisaException>(() =>
            new AttributeStore(InterfaceType.Tcpip, "SOCKET", initialValues: [new(VisaAttribute.TcpipPort, 70000)]));
        Assert.Contains("VI_ATTR_TCPIP_PORT cannot be 70000", bad.Message);
    }

    [Fact]
    public void ListsAndSnapshotsItsAttributes()
    {
        var store = Socket();
        var ids = store.Attributes.Select(i => i.Id).ToList();
        Assert.Contains(VisaAttribute.TimeoutValue, ids);
        Assert.DoesNotContain(VisaAttribute.AsrlBaudRate, ids);
        Assert.DoesNotContain(VisaAttribute.Status, ids);
        var snapshot = store.Snapshot();
        Assert.Equal(ids, snapshot.Select(p => p.Key.Id));
        Assert.Equal(2000u, snapshot.Single(p => p.Key.Id == VisaAttribute.TimeoutValue).Value);
        Assert.Null(snapshot.Single(p => p.Key.Id == VisaAttribute.TcpipHostname).Value);
    }

    [Fact]
    public void InterfaceTypesBeyondViUInt16HaveNoInterfaceTypeValue()
    {
        var store = new AttributeStore(InterfaceType.PrologixTcpip, "INTFC");
        var error = Assert.Throws<VisaException>(() => store.Get(VisaAttribute.InterfaceType));
        Assert.Contains("VI_ATTR_INTF_TYPE has no value", error.Message);
        Assert.Equal("INTFC", store.Get(VisaAttribute.ResourceClass));
    }

    [Fact]
    public async Task ConcurrentSetsNeverShowAHalfWrittenTimeout()
    {
        var store = Socket();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2000 && !cancel.IsCancellationRequested; i++)
                store.Set(VisaAttribute.TimeoutValue, (i + w) % 2 == 0 ? 1000u : 3000u);
        })).ToArray();
        var seen = new HashSet<uint>();
        while (!writers.All(t => t.IsCompleted) && !cancel.IsCancellationRequested)
            seen.Add(store.TimeoutMilliseconds);
        await Task.WhenAll(writers).WaitAsync(cancel.Token);
        Assert.Subset(new HashSet<uint> { 1000u, 2000u, 3000u }, seen);
        Assert.Contains(store.TimeoutMilliseconds, new[] { 1000u, 3000u });
        Assert.Equal(store.TimeoutMilliseconds, store.Get(VisaAttribute.TimeoutValue));
    }
}
