using OpenVisa;

namespace OpenVisa.Tests.Names;

public class ResourceNameInvalidTests
{
    public static TheoryData<string, string> InvalidNames => new()
    {
        { "", "the resource name is empty" },
        { "   ", "the resource name is empty" },
        { "FOO0::1::INSTR", "unknown interface type 'FOO'; expected one of GPIB, GPIB-VXI, VXI, PXI, TCPIP, USB, ASRL" },
        { "USBTMC0::1::2::3", "unknown interface type 'USBTMC'" },
        { "GPIB0::x::INSTR", "the primary address 'x' is not a number from 0 to 30" },
        { "GPIB0::31::INSTR", "the primary address '31' is not a number from 0 to 30" },
        { "GPIB0::+1::INSTR", "the primary address '+1' is not a number from 0 to 30" },
        { "GPIB0::1::32::INSTR", "the secondary address '32' is not a number from 0 to 31" },
        { "GPIB0::1::96::INSTR", "looks like the bus encoding 96-126; write 0 instead" },
        { "GPIB0::1::2::3::INSTR", "too many parts: GPIB INSTR takes at most 2 parts between the board and the class, but found 3" },
        { "GPIB::::INSTR", "the primary address is empty" },
        { "GPIB0::INSTR", "missing the primary address" },
        { "GPIB-1::1::INSTR", "the board number '-1' is not a non-negative integer" },
        { "GPIB0:1::INSTR", "the board number '0:1' is not a non-negative integer (parts are separated by '::', not ':')" },
        { "GPIB0::1::SOCKET", "GPIB has no resource class 'SOCKET'; its classes are INSTR, INTFC, SERVANT" },
        { "GPIB0::5::INTFC", "too many parts: GPIB INTFC takes no parts between the board and the class" },
        { "GPIB0::1::INSTR::INSTR", "the secondary address 'INSTR' is not a number from 0 to 31" },
        { "TCPIP::1.2.3.4::SOCKET", "missing the port" },
        { "TCPIP::1.2.3.4::0::SOCKET", "the port '0' is not a number from 1 to 65535" },
        { "TCPIP::1.2.3.4::70000::SOCKET", "the port '70000' is not a number from 1 to 65535" },
        { "TCPIP::1.2.3.4::http::SOCKET", "the port 'http' is not a number from 1 to 65535" },
        { "TCPIP::h,5025::5025::SOCKET", "the host address 'h,5025' carries a port; a SOCKET name gives the port as its own part" },
        { "TCPIP::[fe80::1::INSTR", "the '[' at position 8 is never closed by ']'" },
        // Found by the resource-name fuzz target: these parsed, and their canonical forms read back as other names.
        { "ASRL3:", "it ends with a single ':' at position 6; parts are separated by '::'" },
        { "TCPIP0::myhost::inst0:", "it ends with a single ':' at position 22" },
        { "ASRL3:::INSTR", "three colons in a row at position 6; parts are separated by exactly two ('::')" },
        { "TCPIP0::host:::inst0::INSTR", "three colons in a row at position 13" },
        { "TCPIP::[1.2.3.4]::INSTR", "'1.2.3.4' in brackets is not an IPv6 address" },
        { "TCPIP::[fe80::1]x::INSTR", "unexpected 'x' after the IPv6 address '[fe80::1]'" },
        { "TCPIP::a:b:c::INSTR", "the host address 'a:b:c' looks like an IPv6 address; write it in brackets, e.g. [fe80::1]" },
        { "TCPIP::1.2.3.4::hislip0,99999::INSTR", "the HiSLIP port '99999' in 'hislip0,99999' is not a number from 1 to 65535" },
        { "TCPIP::my host::INSTR", "the host address 'my host' contains a space, which a host name cannot hold" },
        { "TCPIP::scope/1::INSTR", "the host address 'scope/1' contains '/'" },
        { "TCPIP::1.2.3.4,0::inst0::INSTR", "the port '0' is not a number from 1 to 65535" },
        { "TCPIP::INSTR", "missing the host address" },
        { "TCPIP::1.2.3.4::inst0::extra::INSTR", "too many parts: TCPIP INSTR takes at most 2 parts" },
        { "TCPIP::1.2.3.4::inst 0::INSTR", "the LAN device name 'inst 0' contains a space or control character" },
        { "USB::0x12345::1::SN::INSTR", "the manufacturer ID '0x12345' is not a 16-bit number" },
        { "USB::0x1234::abc::SN::INSTR", "the model code 'abc' is not a 16-bit number" },
        { "USB::0x1234::1::INSTR", "missing the serial number" },
        { "USB::1::2::SN::256::INSTR", "the USB interface number '256' is not a number from 0 to 255" },
        { "USB::1::2::SN::SOCKET", "USB has no resource class 'SOCKET'; its classes are INSTR, RAW" },
        { "VXI::256::INSTR", "the VXI logical address '256' is not a number from 0 to 255" },
        { "VXI::1::2::INSTR", "too many parts: VXI INSTR takes at most 1 part" },
        { "VXI0::1::MEMACC", "too many parts: VXI MEMACC takes no parts" },
        { "GPIB-VXI::x", "the VXI logical address 'x' is not a number from 0 to 255" },
        { "PXI::32::INSTR", "the device number '32' is not a number from 0 to 31" },
        { "PXI::1::8::INSTR", "the function number '8' is not a number from 0 to 7" },
        { "PXI::2-x.1::INSTR", "the device number 'x' is not a number from 0 to 31" },
        { "PXI::2-3.1::4::INSTR", "too many parts: PXI INSTR takes at most 1 part" },
        { "PXI::CHASSIS1::INSTR", "missing the slot (SLOTm) after 'CHASSIS1'" },
        { "PXI::CHASSIS1::BAY3::INSTR", "expected SLOTm after 'CHASSIS1', found 'BAY3'" },
        { "PXI::CHASSISx::SLOT1", "the chassis number 'x' is not a number from 0 to 65535" },
        { "PXI::BACKPLANE", "missing the chassis number" },
        { "PXI300::1::INSTR", "the PXI bus '300' (the board number in this form) is not a number from 0 to 255" },
        { "PRLGX-TCPIP::1.2.3.4", "missing the resource class; PRLGX-TCPIP names end with ::INTFC" },
        { "PRLGX-TCPIP::1.2.3.4::0::INTFC", "the port '0' is not a number from 1 to 65535" },
        { "PRLGX-ASRL::INTFC", "missing the serial device" },
        { "RSNRP::0x10000::1", "the product ID '0x10000' is not a 16-bit number" },
        { "ASRL my port::INSTR", "the serial port ' my port' is neither a board number nor a device path" },
        { "COM0", "'COM0' is not a serial port; COM ports are numbered from 1" },
        { "COM3::SOCKET", "the alias 'COM3' names a serial port; only ::INSTR may follow it" },
        { "VICP::1.2.3.4,1861", "the host address '1.2.3.4,1861' carries a port; VICP always uses port 1861" },
        { "visa://", "missing the host after 'visa://'" },
        { "visa:///GPIB::1", "missing the host after 'visa://'" },
        { "visa://host", "missing the '/' and the resource name after the host 'host'" },
        { "visa://host/", "missing the resource name after 'visa://host/'" },
        { "visa://host:99999/GPIB::1", "the port '99999' is not a number from 1 to 65535" },
        { "visa://host,5000/GPIB::1", "the remote host 'host,5000' gives its port after ','" },
        { "visa://host/GPIB::x", "the primary address 'x' is not a number from 0 to 30" },
        { "visa://a/visa://b/GPIB::1", "a visa:// name cannot contain another visa:// name" },
    };

    [Fact]
    public void TheTableCoversAtLeastThirtyFiveNames() => Assert.True(InvalidNames.Count >= 35, $"only {InvalidNames.Count} names");

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void FailsWithAMessageNamingTheWrongPart(string name, string reason)
    {
        var e = Assert.Throws<VisaException>(() => ResourceName.Parse(name));
        Assert.Equal(StatusCode.ErrorInvalidResourceName, e.Status);
        Assert.Equal("Parse", e.Operation);
        Assert.Equal(name, e.ResourceName);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains($"Cannot parse '{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("The syntax is ", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("VI_ERROR_INV_RSRC_NAME", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void TryParseReturnsFalse(string name, string reason)
    {
        _ = reason;
        Assert.False(ResourceName.TryParse(name, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void TryParseOfNullReturnsFalse()
    {
        Assert.False(ResourceName.TryParse(null, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("TCPIP::1.2.3.4::SOCKET", "The syntax is TCPIP[board]::host address::port::SOCKET.")]
    [InlineData("GPIB0::x", "The syntax is GPIB[board]::primary address[::secondary address][::INSTR].")]
    [InlineData("USB::1::INSTR", "The syntax is USB[board]::manufacturer ID::model code::serial number[::USB interface number][::INSTR].")]
    [InlineData("PRLGX-TCPIP::h", "The syntax is PRLGX-TCPIP[board]::host address[::port]::INTFC.")]
    [InlineData("visa://h", "The syntax is visa://host[:port]/resource name.")]
    [InlineData("visa://h/TCPIP::x::0::SOCKET", "The syntax is TCPIP[board]::host address::port::SOCKET.")]
    [InlineData("COM3::RAW", "The syntax is COMn[::INSTR] (an alias of ASRLn::INSTR).")]
    public void TheMessageShowsTheSyntaxOfTheClassBeingParsed(string name, string syntax)
    {
        var e = Assert.Throws<VisaException>(() => ResourceName.Parse(name));
        Assert.EndsWith(syntax, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeTheClassIsKnownTheMessageShowsEverySyntaxOfTheInterface()
    {
        var e = Assert.Throws<VisaException>(() => ResourceName.Parse("GPIB0::1::SOCKET"));
        Assert.Contains("GPIB[board]::INTFC", e.Message, StringComparison.Ordinal);
        Assert.Contains("GPIB[board]::SERVANT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownInterfaceShowsAGenericExample()
    {
        var e = Assert.Throws<VisaException>(() => ResourceName.Parse("FOO::1"));
        Assert.Contains("INTERFACE[board]::…::CLASS", e.Message, StringComparison.Ordinal);
    }
}
