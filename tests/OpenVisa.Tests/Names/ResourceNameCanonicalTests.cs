using OpenVisa;

namespace OpenVisa.Tests.Names;

public class ResourceNameCanonicalTests
{
    public static TheoryData<string, string> ValidNames => new()
    {
        // GPIB
        { "GPIB::1", "GPIB0::1::INSTR" },
        { "GPIB0::1::INSTR", "GPIB0::1::INSTR" },
        { "gpib1::5::instr", "GPIB1::5::INSTR" },
        { "GPIB::1::1::INSTR", "GPIB0::1::1::INSTR" },
        { "GPIB2::30::31", "GPIB2::30::31::INSTR" },
        { "GPIB::01::INSTR", "GPIB0::1::INSTR" },
        { "GPIB00::1", "GPIB0::1::INSTR" },
        { "Gpib0::0::0::Instr", "GPIB0::0::0::INSTR" },
        { "GPIB::INTFC", "GPIB0::INTFC" },
        { "gpib3::intfc", "GPIB3::INTFC" },
        { "GPIB::SERVANT", "GPIB0::SERVANT" },
        // GPIB-VXI
        { "GPIB-VXI::1", "GPIB-VXI0::1::INSTR" },
        { "gpib-vxi2::255::instr", "GPIB-VXI2::255::INSTR" },
        { "GPIB-VXI::MEMACC", "GPIB-VXI0::MEMACC" },
        { "GPIB-VXI1::BACKPLANE", "GPIB-VXI1::0::BACKPLANE" },
        { "GPIB-VXI::5::backplane", "GPIB-VXI0::5::BACKPLANE" },
        // VXI
        { "VXI::1::INSTR", "VXI0::1::INSTR" },
        { "vxi1::0", "VXI1::0::INSTR" },
        { "VXI::MEMACC", "VXI0::MEMACC" },
        { "VXI::BACKPLANE", "VXI0::0::BACKPLANE" },
        { "VXI0::2::BACKPLANE", "VXI0::2::BACKPLANE" },
        { "VXI::SERVANT", "VXI0::SERVANT" },
        // PXI: the three INSTR forms, MEMACC, BACKPLANE
        { "PXI::15::INSTR", "PXI0::15::0::INSTR" },
        { "PXI1::15::3", "PXI1::15::3::INSTR" },
        { "PXI0::2-12.1::INSTR", "PXI0::2-12.1::INSTR" },
        { "PXI::2-12", "PXI0::2-12.0::INSTR" },
        { "PXI::CHASSIS1::SLOT3", "PXI0::CHASSIS1::SLOT3::FUNC0::INSTR" },
        { "pxi2::chassis1::slot3::func2::instr", "PXI2::CHASSIS1::SLOT3::FUNC2::INSTR" },
        { "PXI::MEMACC", "PXI0::MEMACC" },
        { "PXI::1::BACKPLANE", "PXI0::1::BACKPLANE" },
        { "PXI3::2::backplane", "PXI3::2::BACKPLANE" },
        // TCPIP INSTR: VXI-11, HiSLIP, gateway, host,port, host:port, IPv6
        { "TCPIP::1.2.3.4::INSTR", "TCPIP0::1.2.3.4::inst0::INSTR" },
        { "TCPIP::192.168.134.102", "TCPIP0::192.168.134.102::inst0::INSTR" },
        { "tcpip1::myhost.example.com::inst1::instr", "TCPIP1::myhost.example.com::inst1::INSTR" },
        { "TCPIP::1.2.3.4::hislip0", "TCPIP0::1.2.3.4::hislip0::INSTR" },
        { "TCPIP0::1.2.3.4::hislip0,4880::INSTR", "TCPIP0::1.2.3.4::hislip0,4880::INSTR" },
        { "TCPIP::1.2.3.4::hislip_CHASSIS1_SLOT3", "TCPIP0::1.2.3.4::hislip_CHASSIS1_SLOT3::INSTR" },
        { "TCPIP::1.2.3.4::gpib0,5::INSTR", "TCPIP0::1.2.3.4::gpib0,5::INSTR" },
        { "TCPIP::10.0.0.1,1024::inst0::INSTR", "TCPIP0::10.0.0.1,1024::inst0::INSTR" },
        { "TCPIP::localhost:2222::INSTR", "TCPIP0::localhost:2222::inst0::INSTR" },
        { "TCPIP::[fe80::1]::INSTR", "TCPIP0::[fe80::1]::inst0::INSTR" },
        { "TCPIP::[fe80::1%eth0]::hislip0::INSTR", "TCPIP0::[fe80::1%eth0]::hislip0::INSTR" },
        { "TCPIP::[::1],1024::inst0", "TCPIP0::[::1],1024::inst0::INSTR" },
        { "TCPIP::MyScope::INST0::INSTR", "TCPIP0::MyScope::INST0::INSTR" },
        { "TCPIP::1.2.3.4::usb0[2391::1031::MY44001234::0]::INSTR", "TCPIP0::1.2.3.4::usb0[2391::1031::MY44001234::0]::INSTR" },
        // TCPIP SOCKET
        { "TCPIP::1.2.3.4::999::SOCKET", "TCPIP0::1.2.3.4::999::SOCKET" },
        { "tcpip3::scope.lan::5025::socket", "TCPIP3::scope.lan::5025::SOCKET" },
        { "TCPIP::[2001:db8::5]::5025::SOCKET", "TCPIP0::[2001:db8::5]::5025::SOCKET" },
        { "TCPIP::host::05025::SOCKET", "TCPIP0::host::5025::SOCKET" },
        // USB
        { "USB::0x1234::125::A22-5::INSTR", "USB0::0x1234::125::A22-5::0::INSTR" },
        { "USB2::0x1234::125::A22-5::RAW", "USB2::0x1234::125::A22-5::0::RAW" },
        { "usb::0x0957::0x1796::MY12345678", "USB0::0x0957::0x1796::MY12345678::0::INSTR" },
        { "USB0::2391::6038::MY123::1::INSTR", "USB0::2391::6038::MY123::1::INSTR" },
        { "usb1::0X1AB1::0x04CE::ds1zA::3::raw", "USB1::0X1AB1::0x04CE::ds1zA::3::RAW" },
        // ASRL and the COM alias
        { "ASRL1", "ASRL1::INSTR" },
        { "asrl2::instr", "ASRL2::INSTR" },
        { "ASRL::INSTR", "ASRL0::INSTR" },
        { "ASRL/dev/ttyUSB0::INSTR", "ASRL/dev/ttyUSB0::INSTR" },
        { "ASRLCOM3::INSTR", "ASRLCOM3::INSTR" },
        { "ASRL/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0::INSTR", "ASRL/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0::INSTR" },
        { "COM3", "ASRL3::INSTR" },
        { "com12::instr", "ASRL12::INSTR" },
        // VICP
        { "VICP::1.2.3.4", "VICP::1.2.3.4::INSTR" },
        { "vicp::scope::instr", "VICP::scope::INSTR" },
        { "VICP1::1.2.3.4", "VICP1::1.2.3.4::INSTR" },
        // Prologix
        { "PRLGX-TCPIP::1.2.3.4::INTFC", "PRLGX-TCPIP0::1.2.3.4::1234::INTFC" },
        { "prlgx-tcpip1::gpib-eth::1234::intfc", "PRLGX-TCPIP1::gpib-eth::1234::INTFC" },
        { "PRLGX-ASRL2::/dev/cu.usbserial-5678::INTFC", "PRLGX-ASRL2::/dev/cu.usbserial-5678::INTFC" },
        { "prlgx-asrl::COM4::intfc", "PRLGX-ASRL0::COM4::INTFC" },
        // RSNRP
        { "RSNRP::0x0003::101021::INSTR", "RSNRP::0x0003::101021::INSTR" },
        { "rsnrp::0x000C::100123", "RSNRP::0x000C::100123::INSTR" },
        // remote
        { "visa://host/ASRL1::INSTR", "visa://host/ASRL1::INSTR" },
        { "visa://192.168.1.5:3537/GPIB::1", "visa://192.168.1.5:3537/GPIB0::1::INSTR" },
        { "VISA://[fe80::1]:5000/tcpip::1.2.3.4", "visa://[fe80::1]:5000/TCPIP0::1.2.3.4::inst0::INSTR" },
        { "visa://server/COM3", "visa://server/ASRL3::INSTR" },
        // surrounding spaces
        { "  GPIB::1  ", "GPIB0::1::INSTR" },
    };

    [Fact]
    public void TheTableCoversAtLeastSeventyNames() => Assert.True(ValidNames.Count >= 70, $"only {ValidNames.Count} names");

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void ParsesToItsCanonicalForm(string name, string canonical)
    {
        var parsed = ResourceName.Parse(name);
        Assert.Equal(canonical, parsed.Canonical);
        Assert.Equal(canonical, parsed.ToString());
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void CanonicalFormIsAFixedPoint(string name, string canonical)
    {
        _ = name;
        var again = ResourceName.Parse(canonical);
        Assert.Equal(canonical, again.Canonical);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void TryParseAgreesWithParse(string name, string canonical)
    {
        Assert.True(ResourceName.TryParse(name, out var parsed));
        Assert.Equal(canonical, parsed!.Canonical);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void ToResourceInfoCarriesTheParsedParts(string name, string canonical)
    {
        var parsed = ResourceName.Parse(name);
        var info = parsed.ToResourceInfo();
        Assert.Equal(parsed.InterfaceType, info.InterfaceType);
        Assert.Equal(parsed.BoardNumber, info.InterfaceBoardNumber);
        Assert.Equal(parsed.ResourceClass, info.ResourceClass);
        Assert.Equal(canonical, info.ResourceName);
        Assert.Equal(parsed.Alias, info.Alias);
        Assert.NotEqual(InterfaceType.Unknown, info.InterfaceType);
    }
}
