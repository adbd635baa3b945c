namespace OpenVisa.Tests.Attributes;

public class AttributeConversionTests
{
    public static TheoryData<VisaAttribute, object, object> GoodValues => new()
    {
        { VisaAttribute.TimeoutValue, "5000", 5000u },
        { VisaAttribute.TimeoutValue, "infinite", uint.MaxValue },
        { VisaAttribute.TimeoutValue, "INFINITE", uint.MaxValue },
        { VisaAttribute.TimeoutValue, "immediate", 0u },
        { VisaAttribute.TimeoutValue, 250, 250u },
        { VisaAttribute.TimeoutValue, TimeSpan.FromSeconds(1.5), 1500u },
        { VisaAttribute.TimeoutValue, Timeout.InfiniteTimeSpan, uint.MaxValue },
        { VisaAttribute.TerminationCharacter, "0x0A", (byte)10 },
        { VisaAttribute.TerminationCharacter, "13", (byte)13 },
        { VisaAttribute.TerminationCharacter, "\\n", (byte)10 },
        { VisaAttribute.TerminationCharacter, "'\\r'", (byte)13 },
        { VisaAttribute.TerminationCharacter, "'A'", (byte)'A' },
        { VisaAttribute.TerminationCharacter, ";", (byte)';' },
        { VisaAttribute.TerminationCharacter, "\\x7E", (byte)0x7E },
        { VisaAttribute.TerminationCharacter, '\r', (byte)13 },
        { VisaAttribute.TerminationCharacterEnabled, "true", true },
        { VisaAttribute.TerminationCharacterEnabled, "On", true },
        { VisaAttribute.TerminationCharacterEnabled, "0", false },
        { VisaAttribute.TerminationCharacterEnabled, 1, true },
        { VisaAttribute.TerminationCharacterEnabled, false, false },
        { VisaAttribute.AsrlParity, "even", (ushort)2 },
        { VisaAttribute.AsrlParity, "EVEN", (ushort)2 },
        { VisaAttribute.AsrlParity, "4", (ushort)4 },
        { VisaAttribute.AsrlStopBits, "one_and_a_half", (ushort)15 },
        { VisaAttribute.AsrlStopBits, "one-and-a-half", (ushort)15 },
        { VisaAttribute.AsrlFlowControl, "xon_xoff|rts_cts", (ushort)3 },
        { VisaAttribute.AsrlFlowControl, "rts_cts, dtr_dsr", (ushort)6 },
        { VisaAttribute.AsrlFlowControl, 5, (ushort)5 },
        { VisaAttribute.AsrlFlowControl, "none", (ushort)0 },
        { VisaAttribute.AsrlEndOut, "break", (ushort)3 },
        { VisaAttribute.AsrlBaudRate, 115200L, 115200u },
        { VisaAttribute.AsrlBaudRate, 9600.0, 9600u },
        { VisaAttribute.AsrlBaudRate, (byte)200, 200u },
        { VisaAttribute.AsrlBaudRate, 19200m, 19200u },
        { VisaAttribute.GpibSecondaryAddress, "none", (ushort)0xFFFF },
        { VisaAttribute.GpibSecondaryAddress, "5", (ushort)5 },
        { VisaAttribute.UsbBulkInPipe, "0x81", (short)0x81 },
        { VisaAttribute.UsbBulkInPipe, "none", (short)-1 },
        { VisaAttribute.UsbBulkInPipe, "0xFFFF", (short)-1 },
        { VisaAttribute.Status, "VI_ERROR_TMO", (int)StatusCode.ErrorTimeout },
        { VisaAttribute.Status, "0xBFFF0015", (int)StatusCode.ErrorTimeout },
        { VisaAttribute.Status, StatusCode.ErrorTimeout, (int)StatusCode.ErrorTimeout },
        { VisaAttribute.EventType, EventType.Trigger, 0xBFFF200Au },
        { VisaAttribute.EventType, "service_request", 0x3FFF200Bu },
        { VisaAttribute.InterfaceType, InterfaceType.Tcpip, (ushort)6 },
        { VisaAttribute.InterfaceType, "usb", (ushort)7 },
        { VisaAttribute.TcpipHislipVersion, "1.0", 0x00100000u },
        { VisaAttribute.TcpipHislipVersion, "2.0.1", 0x00200001u },
        { VisaAttribute.TcpipHislipVersion, "0x00100000", 0x00100000u },
        { VisaAttribute.ResourceSpecVersion, 0x00700000u, 0x00700000u },
        { VisaAttribute.UserData64, ulong.MaxValue, ulong.MaxValue },
        { VisaAttribute.UserData64, "0xFFFFFFFFFFFFFFFF", ulong.MaxValue },
        { VisaAttribute.ResourceName, "TCPIP0::h::inst0::INSTR", "TCPIP0::h::inst0::INSTR" },
        { VisaAttribute.AsrlBreakLength, TimeSpan.FromMilliseconds(100), (short)100 },
    };

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void ConvertsGoodValuesToTheClrType(VisaAttribute attribute, object value, object expected)
    {
        var converted = VisaAttributes.Convert(attribute, value);
        Assert.Equal(expected, converted);
        Assert.IsType(VisaAttributes.Info(attribute).ClrType, converted);
    }

    [Fact]
    public void CopiesBuffers()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var converted = Assert.IsType<byte[]>(VisaAttributes.Convert(VisaAttribute.TcpipServerCert, bytes));
        Assert.Equal(bytes, converted);
        Assert.NotSame(bytes, converted);
        Assert.Equal(bytes, VisaAttributes.Convert(VisaAttribute.TcpipServerCert, new ReadOnlyMemory<byte>(bytes)));
    }

    [Theory]
    [InlineData(VisaAttribute.AsrlParity, "weird", "VI_ATTR_ASRL_PARITY cannot be \"weird\": expected one of none (0), odd (1), even (2), mark (3), space (4).")]
    [InlineData(VisaAttribute.AsrlDataBits, 9, "VI_ATTR_ASRL_DATA_BITS cannot be 9 (Int32): expected an integer from 5 to 8.")]
    [InlineData(VisaAttribute.TimeoutValue, -1, "VI_ATTR_TMO_VALUE cannot be -1 (Int32): expected an integer from 0 to 4294967295 (ms), or immediate (0), infinite (4294967295).")]
    [InlineData(VisaAttribute.TimeoutValue, "5 s", "VI_ATTR_TMO_VALUE cannot be \"5 s\"")]
    [InlineData(VisaAttribute.TerminationCharacter, 300, "expected an integer from 0x00 to 0xFF, or a character such as 'A' or \\n.")]
    [InlineData(VisaAttribute.TerminationCharacter, "\\q", "VI_ATTR_TERMCHAR cannot be \"\\q\"")]
    [InlineData(VisaAttribute.TerminationCharacterEnabled, "maybe", "VI_ATTR_TERMCHAR_EN cannot be \"maybe\": expected true or false (also 1/0, yes/no, on/off).")]
    [InlineData(VisaAttribute.TerminationCharacterEnabled, 2, "VI_ATTR_TERMCHAR_EN cannot be 2 (Int32)")]
    [InlineData(VisaAttribute.AsrlBaudRate, true, "VI_ATTR_ASRL_BAUD cannot be True (Boolean): expected an integer from 1 to 4294967295 (baud).")]
    [InlineData(VisaAttribute.AsrlBaudRate, 9600.5, "VI_ATTR_ASRL_BAUD cannot be 9600.5 (Double)")]
    [InlineData(VisaAttribute.AsrlBaudRate, "0", "VI_ATTR_ASRL_BAUD cannot be \"0\": expected an integer from 1 to")]
    [InlineData(VisaAttribute.AsrlFlowControl, 8, "expected one of none (0), xon_xoff (1), rts_cts (2), dtr_dsr (4), or several joined with '|' (e.g. xon_xoff|rts_cts).")]
    [InlineData(VisaAttribute.AsrlFlowControl, "xon_xoff|bogus", "VI_ATTR_ASRL_FLOW_CNTRL cannot be \"xon_xoff|bogus\"")]
    [InlineData(VisaAttribute.ResourceName, 5, "VI_ATTR_RSRC_NAME cannot be 5 (Int32): expected text.")]
    [InlineData(VisaAttribute.TcpipServerCert, "abc", "VI_ATTR_TCPIP_SERVER_CERT cannot be \"abc\": expected a byte array.")]
    [InlineData(VisaAttribute.TcpipHislipVersion, "1.x", "VI_ATTR_TCPIP_HISLIP_VERSION cannot be \"1.x\": expected a version such as 1.0")]
    [InlineData(VisaAttribute.TcpipHislipVersion, "4096.0", "cannot be \"4096.0\"")]
    [InlineData(VisaAttribute.Status, "VI_ERROR_NOPE", "VI_ATTR_STATUS cannot be \"VI_ERROR_NOPE\": expected one of")]
    [InlineData(VisaAttribute.UsbBulkInPipe, "0x01", "expected an integer from 0x81 to 0x8F, or none (-1).")]
    [InlineData(VisaAttribute.GpibPrimaryAddress, 31, "VI_ATTR_GPIB_PRIMARY_ADDR cannot be 31 (Int32): expected an integer from 0 to 30.")]
    [InlineData(VisaAttribute.UserData32, "-1", "VI_ATTR_USER_DATA_32 cannot be \"-1\"")]
    public void RejectsBadValuesSayingWhatIsValid(VisaAttribute attribute, object value, string message)
    {
        var error = Assert.Throws<VisaException>(() => VisaAttributes.Convert(attribute, value));
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, error.Status);
        Assert.Equal("SetAttribute", error.Operation);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RejectsNull()
    {
        var error = Assert.Throws<VisaException>(() => VisaAttributes.Convert(VisaAttribute.TimeoutValue, null!));
        Assert.Contains("VI_ATTR_TMO_VALUE cannot be null", error.Message);
    }

    public static TheoryData<VisaAttribute, object, string> Formats => new()
    {
        { VisaAttribute.AsrlParity, (ushort)2, "even" },
        { VisaAttribute.AsrlParity, "2", "even" },
        { VisaAttribute.AsrlFlowControl, (ushort)3, "xon_xoff|rts_cts" },
        { VisaAttribute.AsrlFlowControl, (ushort)0, "none" },
        { VisaAttribute.TimeoutValue, uint.MaxValue, "infinite" },
        { VisaAttribute.TimeoutValue, 2000u, "2000" },
        { VisaAttribute.TerminationCharacter, (byte)10, "0x0A" },
        { VisaAttribute.ManufacturerId, (ushort)0x0957, "0x0957" },
        { VisaAttribute.VxiTriggerStatus, 5u, "0x00000005" },
        { VisaAttribute.TcpipHislipVersion, 0x00100000u, "1.0.0" },
        { VisaAttribute.Status, (int)StatusCode.ErrorTimeout, "VI_ERROR_TMO" },
        { VisaAttribute.EventType, 0x3FFF200Bu, "service_request" },
        { VisaAttribute.TcpipServerCert, new byte[] { 0x01, 0xAB }, "01 AB" },
        { VisaAttribute.TerminationCharacterEnabled, true, "true" },
        { VisaAttribute.UsbBulkInPipe, (short)-1, "none" },
        { VisaAttribute.UsbBulkInPipe, (short)0x81, "0x81" },
        { VisaAttribute.ResourceLockState, 2u, "shared_lock" },
        { VisaAttribute.AsrlBaudRate, 9600, "9600" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void FormatsForDisplay(VisaAttribute attribute, object value, string expected)
    {
        Assert.Equal(expected, VisaAttributes.Format(attribute, value));
    }

    [Fact]
    public void FormattedDefaultsConvertBack()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.Default is not null))
            Assert.Equal(info.Default, VisaAttributes.Convert(info.Id, VisaAttributes.Format(info.Id, info.Default!)));
    }

    [Fact]
    public void FormattedNamedValuesConvertBack()
    {
        foreach (var info in VisaAttributes.All.Where(i => i.ValueNames is not null))
        {
            foreach (var value in info.ValueNames!.Keys)
            {
                var typed = VisaAttributes.Convert(info.Id, value);
                Assert.Equal(typed, VisaAttributes.Convert(info.Id, VisaAttributes.Format(info.Id, typed)));
            }
        }
    }

    [Fact]
    public void ReadOnlyAttributesCannotBeWritten()
    {
        var error = Assert.Throws<VisaException>(() => VisaAttributes.CheckWritable(VisaAttribute.ResourceName));
        Assert.Equal(StatusCode.ErrorAttributeReadOnly, error.Status);
        Assert.Equal("SetAttribute", error.Operation);
        Assert.Contains("VI_ATTR_RSRC_NAME is read-only: it reports the canonical name of the resource", error.Message);
        Assert.Contains("It can be read but not set.", error.Message);
        VisaAttributes.CheckWritable(VisaAttribute.TimeoutValue);
    }

    [Fact]
    public void SomeAttributesAreReadOnlyOnlyOnSomeResources()
    {
        var error = Assert.Throws<VisaException>(() =>
            VisaAttributes.CheckWritable(VisaAttribute.GpibPrimaryAddress, InterfaceType.Gpib, "INSTR"));
        Assert.Equal(StatusCode.ErrorAttributeReadOnly, error.Status);
        Assert.Contains("VI_ATTR_GPIB_PRIMARY_ADDR is read-only on GPIB INSTR sessions", error.Message);
        VisaAttributes.CheckWritable(VisaAttribute.GpibPrimaryAddress, InterfaceType.Gpib, "INTFC");
        VisaAttributes.CheckWritable(VisaAttribute.GpibPrimaryAddress);
    }

    [Fact]
    public void DescribesValidValues()
    {
        Assert.Equal("an integer from 5 to 8", VisaAttributes.Info(VisaAttribute.AsrlDataBits).DescribeValidValues());
        Assert.StartsWith("one of ", VisaAttributes.Info(VisaAttribute.Status).DescribeValidValues());
        Assert.Contains("or a number", VisaAttributes.Info(VisaAttribute.Status).DescribeValidValues());
    }
}
