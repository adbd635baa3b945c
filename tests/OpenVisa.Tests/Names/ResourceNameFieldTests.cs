using OpenVisa;

namespace OpenVisa.Tests.Names;

public class ResourceNameFieldTests
{
    private static void AssertFields(ResourceName name, params (string Key, string Value)[] expected) =>
        Assert.Equal(expected.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)), name.Fields);

    [Fact]
    public void GpibInstr()
    {
        var n = ResourceName.Parse("gpib1::12::3");
        Assert.Equal(InterfaceType.Gpib, n.InterfaceType);
        Assert.Equal("GPIB", n.InterfaceTypeName);
        Assert.Equal("1", n.Board);
        Assert.Equal(1, n.BoardNumber);
        Assert.Equal("INSTR", n.ResourceClass);
        Assert.Equal(12, n.PrimaryAddress);
        Assert.Equal(3, n.SecondaryAddress);
        AssertFields(n, ("primaryAddress", "12"), ("secondaryAddress", "3"));
        Assert.Null(n.HostAddress);
        Assert.Null(n.Alias);
        Assert.Null(n.Inner);
    }

    [Fact]
    public void GpibWithoutSecondaryAddressHasNone()
    {
        var n = ResourceName.Parse("GPIB::7");
        Assert.Null(n.SecondaryAddress);
        AssertFields(n, ("primaryAddress", "7"));
    }

    [Theory]
    [InlineData("GPIB0::INTFC", InterfaceType.Gpib, "INTFC")]
    [InlineData("GPIB0::SERVANT", InterfaceType.Gpib, "SERVANT")]
    [InlineData("VXI0::MEMACC", InterfaceType.Vxi, "MEMACC")]
    [InlineData("VXI0::SERVANT", InterfaceType.Vxi, "SERVANT")]
    [InlineData("GPIB-VXI0::MEMACC", InterfaceType.GpibVxi, "MEMACC")]
    [InlineData("PXI0::MEMACC", InterfaceType.Pxi, "MEMACC")]
    [InlineData("ASRL4::INSTR", InterfaceType.Asrl, "INSTR")]
    public void ClassesWithoutPartsHaveNoFields(string name, InterfaceType type, string resourceClass)
    {
        var n = ResourceName.Parse(name);
        Assert.Equal(type, n.InterfaceType);
        Assert.Equal(resourceClass, n.ResourceClass);
        Assert.Empty(n.Fields);
    }

    [Fact]
    public void GpibVxi()
    {
        var n = ResourceName.Parse("GPIB-VXI2::128");
        Assert.Equal(InterfaceType.GpibVxi, n.InterfaceType);
        Assert.Equal("GPIB-VXI", n.InterfaceTypeName);
        Assert.Equal(2, n.BoardNumber);
        Assert.Equal(128, n.VxiLogicalAddress);
        AssertFields(n, ("vxiLogicalAddress", "128"));
        Assert.Equal(0, ResourceName.Parse("GPIB-VXI::BACKPLANE").VxiLogicalAddress);
    }

    [Fact]
    public void Vxi()
    {
        var n = ResourceName.Parse("VXI::24::BACKPLANE");
        Assert.Equal(InterfaceType.Vxi, n.InterfaceType);
        Assert.Equal("BACKPLANE", n.ResourceClass);
        Assert.Equal(24, n.VxiLogicalAddress);
        Assert.Equal(5, ResourceName.Parse("VXI1::5").VxiLogicalAddress);
    }

    [Fact]
    public void PxiDeviceForm()
    {
        var n = ResourceName.Parse("PXI3::15::2::INSTR");
        Assert.Equal(InterfaceType.Pxi, n.InterfaceType);
        Assert.Equal(3, n.BoardNumber);
        Assert.Equal(3, n.PxiBus);
        Assert.Equal(15, n.PxiDevice);
        Assert.Equal(2, n.PxiFunction);
        AssertFields(n, ("pxiBus", "3"), ("pxiDevice", "15"), ("pxiFunction", "2"));
    }

    [Fact]
    public void PxiBusDeviceForm()
    {
        var n = ResourceName.Parse("PXI1::4-12.5::INSTR");
        Assert.Equal(1, n.BoardNumber);
        AssertFields(n, ("pxiBus", "4"), ("pxiDevice", "12"), ("pxiFunction", "5"));
    }

    [Fact]
    public void PxiChassisForm()
    {
        var n = ResourceName.Parse("pxi::chassis2::slot7");
        Assert.Equal(2, n.Chassis);
        Assert.Equal(7, n.Slot);
        Assert.Equal(0, n.PxiFunction);
        Assert.Null(n.PxiBus);
        AssertFields(n, ("chassis", "2"), ("slot", "7"), ("pxiFunction", "0"));
    }

    [Fact]
    public void PxiBackplane()
    {
        var n = ResourceName.Parse("PXI0::4::BACKPLANE");
        Assert.Equal("BACKPLANE", n.ResourceClass);
        Assert.Equal(4, n.Chassis);
    }

    [Fact]
    public void TcpipVxi11()
    {
        var n = ResourceName.Parse("TCPIP::Scope.Lab::INSTR");
        Assert.Equal(InterfaceType.Tcpip, n.InterfaceType);
        Assert.Equal("Scope.Lab", n.HostAddress);
        Assert.Equal("inst0", n.LanDeviceName);
        Assert.False(n.IsHislip);
        Assert.Null(n.HislipPort);
        Assert.Null(n.Port);
        AssertFields(n, ("hostAddress", "Scope.Lab"), ("lanDeviceName", "inst0"));
    }

    [Fact]
    public void TcpipHislipWithPort()
    {
        var n = ResourceName.Parse("TCPIP0::10.1.2.3::HiSLIP0,4881::INSTR");
        Assert.True(n.IsHislip);
        Assert.Equal(4881, n.HislipPort);
        Assert.Equal("HiSLIP0,4881", n.LanDeviceName);
    }

    [Fact]
    public void TcpipHislipWithoutPortLeavesTheDefaultToTheBackend()
    {
        var n = ResourceName.Parse("TCPIP::10.1.2.3::hislip0");
        Assert.True(n.IsHislip);
        Assert.Null(n.HislipPort);
        Assert.Equal(4880, ResourceName.DefaultHislipPort);
    }

    [Fact]
    public void TcpipGpibGatewayKeepsTheDeviceNameWhole()
    {
        var n = ResourceName.Parse("TCPIP::10.1.2.3::gpib0,5::INSTR");
        Assert.Equal("gpib0,5", n.LanDeviceName);
        Assert.False(n.IsHislip);
        Assert.Null(n.PrimaryAddress);
    }

    [Theory]
    [InlineData("TCPIP::10.0.0.1,1024::inst0::INSTR", "10.0.0.1", 1024)]
    [InlineData("TCPIP::localhost:2222::INSTR", "localhost", 2222)]
    [InlineData("TCPIP::[::1],1024::inst0", "::1", 1024)]
    [InlineData("TCPIP::[fe80::1]:8080", "fe80::1", 8080)]
    public void TcpipHostWithPort(string name, string host, int port)
    {
        var n = ResourceName.Parse(name);
        Assert.Equal(host, n.HostAddress);
        Assert.Equal(port, n.Port);
        AssertFields(n, ("hostAddress", host), ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("lanDeviceName", "inst0"));
    }

    [Fact]
    public void TcpipIpv6IsOnePartAndTheHostHasNoBrackets()
    {
        var n = ResourceName.Parse("TCPIP::[2001:db8::5]::hislip0");
        Assert.Equal("2001:db8::5", n.HostAddress);
        Assert.Equal("hislip0", n.LanDeviceName);
        Assert.Equal("TCPIP0::[2001:db8::5]::hislip0::INSTR", n.Canonical);
    }

    [Fact]
    public void TcpipSocket()
    {
        var n = ResourceName.Parse("TCPIP1::[fe80::1]::5025::SOCKET");
        Assert.Equal("SOCKET", n.ResourceClass);
        Assert.Equal("fe80::1", n.HostAddress);
        Assert.Equal(5025, n.Port);
        Assert.Null(n.LanDeviceName);
        AssertFields(n, ("hostAddress", "fe80::1"), ("port", "5025"));
    }

    [Fact]
    public void UsbInstr()
    {
        var n = ResourceName.Parse("USB::0x0957::6038::MY1234::2");
        Assert.Equal(InterfaceType.Usb, n.InterfaceType);
        Assert.Equal(0x0957, n.ManufacturerId);
        Assert.Equal(6038, n.ModelCode);
        Assert.Equal("MY1234", n.SerialNumber);
        Assert.Equal(2, n.UsbInterfaceNumber);
        AssertFields(n, ("manufacturerId", "0x0957"), ("modelCode", "6038"), ("serialNumber", "MY1234"), ("usbInterfaceNumber", "2"));
    }

    [Fact]
    public void UsbRawFillsTheInterfaceNumber()
    {
        var n = ResourceName.Parse("USB::0xFFFF::0::sn::RAW");
        Assert.Equal("RAW", n.ResourceClass);
        Assert.Equal(0xFFFF, n.ManufacturerId);
        Assert.Equal(0, n.ModelCode);
        Assert.Equal(0, n.UsbInterfaceNumber);
    }

    [Fact]
    public void AsrlDevicePathHasNoBoardNumber()
    {
        var n = ResourceName.Parse("ASRL/dev/ttyUSB0::INSTR");
        Assert.Equal(InterfaceType.Asrl, n.InterfaceType);
        Assert.Equal("/dev/ttyUSB0", n.Board);
        Assert.Null(n.BoardNumber);
        Assert.Null(n.ToResourceInfo().InterfaceBoardNumber);
    }

    [Fact]
    public void AsrlNumberHasABoardNumber()
    {
        var n = ResourceName.Parse("ASRL7");
        Assert.Equal("7", n.Board);
        Assert.Equal(7, n.BoardNumber);
    }

    [Fact]
    public void ComAliasIsSerialPortWithTheAlias()
    {
        var n = ResourceName.Parse("com3");
        Assert.Equal(InterfaceType.Asrl, n.InterfaceType);
        Assert.Equal("ASRL", n.InterfaceTypeName);
        Assert.Equal(3, n.BoardNumber);
        Assert.Equal("COM3", n.Alias);
        Assert.Equal(new ResourceInfo(InterfaceType.Asrl, 3, "INSTR", "ASRL3::INSTR", "COM3"), n.ToResourceInfo());
    }

    [Fact]
    public void VicpHasNoBoard()
    {
        var n = ResourceName.Parse("VICP::192.168.0.9");
        Assert.Equal(InterfaceType.Vicp, n.InterfaceType);
        Assert.Equal("", n.Board);
        Assert.Null(n.BoardNumber);
        Assert.Equal("192.168.0.9", n.HostAddress);
        AssertFields(n, ("hostAddress", "192.168.0.9"));
    }

    [Fact]
    public void PrologixTcpipFillsThePort()
    {
        var n = ResourceName.Parse("PRLGX-TCPIP::gpib-eth.lan::INTFC");
        Assert.Equal(InterfaceType.PrologixTcpip, n.InterfaceType);
        Assert.Equal("PRLGX-TCPIP", n.InterfaceTypeName);
        Assert.Equal("INTFC", n.ResourceClass);
        Assert.Equal(1234, n.Port);
        AssertFields(n, ("hostAddress", "gpib-eth.lan"), ("port", "1234"));
    }

    [Fact]
    public void PrologixAsrl()
    {
        var n = ResourceName.Parse("PRLGX-ASRL1::/dev/ttyACM0::INTFC");
        Assert.Equal(InterfaceType.PrologixAsrl, n.InterfaceType);
        Assert.Equal("/dev/ttyACM0", n.SerialDevice);
        AssertFields(n, ("serialDevice", "/dev/ttyACM0"));
    }

    [Fact]
    public void Rsnrp()
    {
        var n = ResourceName.Parse("RSNRP::0x0003::101021::INSTR");
        Assert.Equal(InterfaceType.Rsnrp, n.InterfaceType);
        Assert.Null(n.BoardNumber);
        Assert.Equal(3, n.ModelCode);
        Assert.Equal("101021", n.SerialNumber);
        AssertFields(n, ("modelCode", "0x0003"), ("serialNumber", "101021"));
    }

    [Fact]
    public void RemoteNameWrapsTheInnerName()
    {
        var n = ResourceName.Parse("visa://LabServer:3537/tcpip::10.0.0.2::hislip0");
        Assert.True(n.IsRemote);
        Assert.Equal("LabServer", n.RemoteHost);
        Assert.Equal(3537, n.RemotePort);
        Assert.NotNull(n.Inner);
        Assert.Equal("TCPIP0::10.0.0.2::hislip0::INSTR", n.Inner!.Canonical);
        Assert.False(n.Inner.IsRemote);
        Assert.Equal(InterfaceType.Tcpip, n.InterfaceType);
        Assert.Equal("INSTR", n.ResourceClass);
        Assert.Equal(0, n.BoardNumber);
        Assert.True(n.IsHislip);
        Assert.Equal("10.0.0.2", n.HostAddress);
        AssertFields(n, ("remoteHost", "LabServer"), ("remotePort", "3537"), ("hostAddress", "10.0.0.2"), ("lanDeviceName", "hislip0"));
        Assert.Equal("visa://LabServer:3537/TCPIP0::10.0.0.2::hislip0::INSTR", n.ToResourceInfo().ResourceName);
    }

    [Fact]
    public void RemoteNameWithoutPortOrIpv6Host()
    {
        var n = ResourceName.Parse("visa://[fe80::2]/COM1");
        Assert.Equal("fe80::2", n.RemoteHost);
        Assert.Null(n.RemotePort);
        Assert.Equal("COM1", n.Alias);
        Assert.Equal("visa://[fe80::2]/ASRL1::INSTR", n.Canonical);
    }

    [Fact]
    public void LocalNamesHaveNoRemoteParts()
    {
        var n = ResourceName.Parse("GPIB::1");
        Assert.False(n.IsRemote);
        Assert.Null(n.RemoteHost);
        Assert.Null(n.RemotePort);
    }

    [Fact]
    public void GetFieldReturnsNullForAbsentFields()
    {
        var n = ResourceName.Parse("GPIB::1");
        Assert.Equal("1", n.GetField(ResourceFieldNames.PrimaryAddress));
        Assert.Null(n.GetField(ResourceFieldNames.HostAddress));
    }

    [Fact]
    public void EqualityIsByCanonicalNameIgnoringCase()
    {
        var a = ResourceName.Parse("tcpip::MyScope");
        var b = ResourceName.Parse("TCPIP0::myscope::INST0::INSTR");
        var c = ResourceName.Parse("TCPIP0::myscope::inst1::INSTR");
        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a == c);
        Assert.True(a != c);
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"TCPIP0::MyScope::inst0::INSTR"));
        Assert.True((ResourceName?)null == null);
        Assert.Single(new HashSet<ResourceName> { a, b });
    }

    [Fact]
    public void DefaultsMakeDifferentSpellingsEqual()
    {
        Assert.Equal(ResourceName.Parse("GPIB::1"), ResourceName.Parse("gpib0::01::instr"));
        Assert.Equal(ResourceName.Parse("USB::0x1234::125::A22-5"), ResourceName.Parse("USB0::0x1234::125::A22-5::0::INSTR"));
        Assert.Equal(ResourceName.Parse("COM3"), ResourceName.Parse("ASRL3::INSTR"));
    }

    [Theory]
    [InlineData(InterfaceType.Tcpip, "SOCKET", "TCPIP[board]::host address::port::SOCKET")]
    [InlineData(InterfaceType.Tcpip, "instr", "TCPIP[board]::host address[::LAN device name][::INSTR]")]
    [InlineData(InterfaceType.Gpib, "INSTR", "GPIB[board]::primary address[::secondary address][::INSTR]")]
    [InlineData(InterfaceType.GpibVxi, "BACKPLANE", "GPIB-VXI[board][::VXI logical address]::BACKPLANE")]
    [InlineData(InterfaceType.Usb, "RAW", "USB[board]::manufacturer ID::model code::serial number[::USB interface number]::RAW")]
    [InlineData(InterfaceType.PrologixAsrl, "INTFC", "PRLGX-ASRL[board]::serial device::INTFC")]
    [InlineData(InterfaceType.Rsnrp, "INSTR", "RSNRP[board]::product ID::serial number[::INSTR]")]
    public void SyntaxOfGivesTheSpecificationSyntax(InterfaceType type, string resourceClass, string syntax) =>
        Assert.Equal(syntax, ResourceName.SyntaxOf(type, resourceClass));

    [Fact]
    public void SyntaxOfPxiInstrListsAllThreeForms()
    {
        var syntax = ResourceName.SyntaxOf(InterfaceType.Pxi, "INSTR");
        Assert.Contains("PXI[bus]::device[::function][::INSTR]", syntax, StringComparison.Ordinal);
        Assert.Contains("PXI[interface]::bus-device[.function][::INSTR]", syntax, StringComparison.Ordinal);
        Assert.Contains("PXI[interface]::CHASSISn::SLOTm[::FUNCx][::INSTR]", syntax, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxOfAClassTheInterfaceLacksSaysWhichItHas()
    {
        var e = Assert.Throws<ArgumentException>(() => ResourceName.SyntaxOf(InterfaceType.Usb, "SOCKET"));
        Assert.Contains("USB has no resource class 'SOCKET'; its classes are INSTR, RAW", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxOfAnUnknownInterfaceSaysSo()
    {
        var e = Assert.Throws<ArgumentException>(() => ResourceName.SyntaxOf(InterfaceType.Unknown, "INSTR"));
        Assert.Contains("No resource names exist for the interface type Unknown", e.Message, StringComparison.Ordinal);
    }
}
