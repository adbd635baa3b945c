using System.Text.RegularExpressions;

namespace OpenVisa.Tests.Attributes;

public class AttributeTableTests
{
    [Fact]
    public void EveryEnumMemberHasExactlyOneEntry()
    {
        var members = Enum.GetValues<VisaAttribute>();
        Assert.Equal(members.Length, VisaAttributes.All.Count);
        Assert.Equal(members.Length, VisaAttributes.All.Select(i => i.Id).Distinct().Count());
        foreach (var member in members)
            Assert.Equal(member, VisaAttributes.Info(member).Id);
        Assert.True(VisaAttributes.All.Count >= 200, $"only {VisaAttributes.All.Count} attributes");
    }

    [Fact]
    public void NamesAreUniqueAndWellFormed()
    {
        Assert.Equal(VisaAttributes.All.Count, VisaAttributes.All.Select(i => i.Name).Distinct().Count());
        foreach (var info in VisaAttributes.All)
        {
            Assert.Matches(new Regex("^VI_ATTR_[0-9A-Z_]+$"), info.Name);
            Assert.Equal(info.Name, "VI_ATTR_" + info.ShortName);
        }
    }

    [Fact]
    public void EveryEntryHasATypeADescriptionAndSomewhereToApply()
    {
        foreach (var info in VisaAttributes.All)
        {
            Assert.True(Enum.IsDefined(info.ValueType), info.Name);
            Assert.NotNull(info.ClrType);
            Assert.False(string.IsNullOrWhiteSpace(info.Description), info.Name);
            Assert.True(char.IsUpper(info.Description[0]) || char.IsDigit(info.Description[0]), info.Name);
            Assert.EndsWith(".", info.Description);
            var places = (info.AppliesToAllResources ? 1 : 0) + (info.Resources.Count > 0 ? 1 : 0) + (info.IsEventAttribute ? 1 : 0);
            Assert.True(places == 1, $"{info.Name} must apply to all resources, to listed resources, or to events");
        }
    }

    [Fact]
    public void DefaultsHaveTheClrTypeAndAreValidValues()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.Default is not null))
        {
            Assert.IsType(info.ClrType, info.Default);
            Assert.Equal(info.Default, VisaAttributes.Convert(info.Id, info.Default!));
        }
    }

    [Fact]
    public void ValueNamesFitTheTypeAndAreUnique()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.ValueNames is not null))
        {
            Assert.True(info.ValueType.IsInteger(), info.Name);
            var names = info.ValueNames!;
            Assert.Equal(names.Count, names.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            foreach (var (value, name) in names)
            {
                Assert.False(string.IsNullOrWhiteSpace(name));
                Assert.Equal(value, ToLong(VisaAttributes.Convert(info.Id, value)));
                Assert.Equal(ToLong(VisaAttributes.Convert(info.Id, name)), ToLong(VisaAttributes.Convert(info.Id, value)));
            }
        }
    }

    [Fact]
    public void RangesLieWithinTheirTypes()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.Minimum is not null || i.Maximum is not null))
        {
            Assert.True(info.ValueType.IsInteger(), info.Name);
            if (info.Minimum is { } min)
                VisaAttributes.Convert(info.Id, min);
            if (info.Maximum is { } max)
                VisaAttributes.Convert(info.Id, max);
            if (info.Minimum is { } lo && info.Maximum is { } hi)
                Assert.True(lo <= hi, info.Name);
        }
    }

    [Fact]
    public void EventAttributesAreReadOnlyAndApplyToNoSession()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.IsEventAttribute))
        {
            Assert.Equal(AttributeAccess.ReadOnly, info.Access);
            Assert.False(info.AppliesTo(InterfaceType.Tcpip, "INSTR"), info.Name);
        }
        Assert.True(VisaAttributes.Info(VisaAttribute.EventType).AppliesTo(EventType.ServiceRequest));
    }

    [Fact]
    public void ReadOnlyExceptionsAreAmongTheResourcesOfReadWriteAttributes()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.ReadOnlyOn.Count > 0))
        {
            Assert.Equal(AttributeAccess.ReadWrite, info.Access);
            Assert.All(info.ReadOnlyOn, r => Assert.Contains(r, info.Resources));
        }
    }

    [Theory]
    [InlineData(VisaAttribute.ResourceClass, 0xBFFF0001, "VI_ATTR_RSRC_CLASS")]
    [InlineData(VisaAttribute.ResourceName, 0xBFFF0002, "VI_ATTR_RSRC_NAME")]
    [InlineData(VisaAttribute.ResourceLockState, 0x3FFF0004, "VI_ATTR_RSRC_LOCK_STATE")]
    [InlineData(VisaAttribute.SendEndEnabled, 0x3FFF0016, "VI_ATTR_SEND_END_EN")]
    [InlineData(VisaAttribute.TerminationCharacter, 0x3FFF0018, "VI_ATTR_TERMCHAR")]
    [InlineData(VisaAttribute.TimeoutValue, 0x3FFF001A, "VI_ATTR_TMO_VALUE")]
    [InlineData(VisaAttribute.SuppressEndEnabled, 0x3FFF0036, "VI_ATTR_SUPPRESS_END_EN")]
    [InlineData(VisaAttribute.TerminationCharacterEnabled, 0x3FFF0038, "VI_ATTR_TERMCHAR_EN")]
    [InlineData(VisaAttribute.InterfaceType, 0x3FFF0171, "VI_ATTR_INTF_TYPE")]
    [InlineData(VisaAttribute.InterfaceNumber, 0x3FFF0176, "VI_ATTR_INTF_NUM")]
    [InlineData(VisaAttribute.AsrlBaudRate, 0x3FFF0021, "VI_ATTR_ASRL_BAUD")]
    [InlineData(VisaAttribute.AsrlWireMode, 0x3FFF01BF, "VI_ATTR_ASRL_WIRE_MODE")]
    [InlineData(VisaAttribute.TcpipIsHislip, 0x3FFF0303, "VI_ATTR_TCPIP_IS_HISLIP")]
    [InlineData(VisaAttribute.TcpipHislipEncryptionEnabled, 0x3FFF0304, "VI_ATTR_TCPIP_HISLIP_ENCRYPTION_EN")]
    [InlineData(VisaAttribute.TcpipServerCert, 0xBFFF0276, "VI_ATTR_TCPIP_SERVER_CERT")]
    [InlineData(VisaAttribute.TcpipServerCertSize, 0x3FFF0277, "VI_ATTR_TCPIP_SERVER_CERT_SIZE")]
    [InlineData(VisaAttribute.TcpipSaslMechanism, 0xBFFF0274, "VI_ATTR_TCPIP_SASL_MECHANISM")]
    [InlineData(VisaAttribute.UsbReceivedInterruptData, 0xBFFF41B1, "VI_ATTR_USB_RECV_INTR_DATA")]
    [InlineData(VisaAttribute.UsbReceivedInterruptSize, 0x3FFF41B0, "VI_ATTR_USB_RECV_INTR_SIZE")]
    [InlineData(VisaAttribute.ReturnCount32, 0x3FFF4026, "VI_ATTR_RET_COUNT_32")]
    [InlineData(VisaAttribute.ReturnCount64, 0x3FFF4028, "VI_ATTR_RET_COUNT_64")]
    [InlineData(VisaAttribute.JobId, 0x3FFF4006, "VI_ATTR_JOB_ID")]
    [InlineData(VisaAttribute.ReceivedTriggerId, 0x3FFF4012, "VI_ATTR_RECV_TRIG_ID")]
    [InlineData(VisaAttribute.Status, 0x3FFF4025, "VI_ATTR_STATUS")]
    [InlineData(VisaAttribute.OperationName, 0xBFFF4042, "VI_ATTR_OPER_NAME")]
    [InlineData(VisaAttribute.PxiMemorySize64Bar5, 0x3FFF023D, "VI_ATTR_PXI_MEM_SIZE_BAR5_64")]
    [InlineData(VisaAttribute.VxiTriggerDirection, 0x3FFF4044, "VI_ATTR_VXI_TRIG_DIR")]
    [InlineData(VisaAttribute.GpibReaddressEnabled, 0x3FFF001B, "VI_ATTR_GPIB_READDR_EN")]
    public void IdsAndNamesMatchVisaH(VisaAttribute attribute, uint id, string name)
    {
        Assert.Equal(id, unchecked((uint)attribute));
        Assert.Equal(name, VisaAttributes.Info(attribute).Name);
    }

    [Fact]
    public void CommonAttributesHaveTheirVisaTypeAccessAndDefault()
    {
        var timeout = VisaAttributes.Info(VisaAttribute.TimeoutValue);
        Assert.Equal((AttributeValueType.UInt32, AttributeAccess.ReadWrite, AttributeScope.Local, (object?)2000u),
            (timeout.ValueType, timeout.Access, timeout.Scope, timeout.Default));
        Assert.Equal(typeof(uint), timeout.ClrType);
        Assert.True(timeout.AppliesToAllResources);

        var termChar = VisaAttributes.Info(VisaAttribute.TerminationCharacter);
        Assert.Equal((AttributeValueType.Byte, (object?)(byte)0x0A), (termChar.ValueType, termChar.Default));

        var baud = VisaAttributes.Info(VisaAttribute.AsrlBaudRate);
        Assert.Equal((AttributeAccess.ReadWrite, AttributeScope.Global, (object?)9600u), (baud.Access, baud.Scope, baud.Default));

        var name = VisaAttributes.Info(VisaAttribute.ResourceName);
        Assert.Equal((AttributeValueType.String, AttributeAccess.ReadOnly), (name.ValueType, name.Access));

        Assert.Equal(typeof(byte[]), VisaAttributes.Info(VisaAttribute.TcpipServerCert).ClrType);
        Assert.Equal(typeof(uint), VisaAttributes.Info(VisaAttribute.TcpipHislipVersion).ClrType);
        Assert.Equal("ViVersion", AttributeValueType.Version.VisaTypeName());
        Assert.Equal((object?)true, VisaAttributes.Info(VisaAttribute.SendEndEnabled).Default);
        Assert.Equal((object?)(ushort)2, VisaAttributes.Info(VisaAttribute.AsrlEndIn).Default);
    }

    [Fact]
    public void DescribesWhereAnAttributeApplies()
    {
        Assert.Equal("ASRL INSTR, PRLGX-ASRL INTFC", VisaAttributes.Info(VisaAttribute.AsrlBaudRate).DescribeWhereItApplies());
        Assert.Equal("every resource", VisaAttributes.Info(VisaAttribute.TimeoutValue).DescribeWhereItApplies());
        Assert.Equal("VI_EVENT_USB_INTR events", VisaAttributes.Info(VisaAttribute.UsbReceivedInterruptData).DescribeWhereItApplies());
    }

    private static long ToLong(object value) => value switch
    {
        byte b => b, short s => s, ushort u => u, int i => i, uint u => u, long l => l,
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
