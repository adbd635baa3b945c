using OpenVisa;

namespace OpenVisa.Tests.Names;

public class VisaPatternAttributeTests
{
    private static bool Matches(string pattern, string name) => VisaPattern.Parse(pattern).IsMatch(name);

    [Theory]
    [InlineData("?*{VI_ATTR_INTF_NUM == 1}", "GPIB1::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_INTF_NUM == 1}", "GPIB0::5::INSTR", false)]
    [InlineData("?*{VI_ATTR_INTF_NUM != 1}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_INTF_NUM != 1}", "GPIB1::5::INSTR", false)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR < 5}", "GPIB0::4::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR < 5}", "GPIB0::5::INSTR", false)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR <= 5}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR <= 5}", "GPIB0::6::INSTR", false)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR > 5}", "GPIB0::6::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR > 5}", "GPIB0::5::INSTR", false)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR >= 5}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR >= 5}", "GPIB0::4::INSTR", false)]
    [InlineData("?*{5 > VI_ATTR_GPIB_PRIMARY_ADDR}", "GPIB0::4::INSTR", true)]
    public void ComparisonOperators(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("?*{VI_ATTR_INTF_NUM == 0 && VI_ATTR_GPIB_PRIMARY_ADDR == 5}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_INTF_NUM == 0 && VI_ATTR_GPIB_PRIMARY_ADDR == 5}", "GPIB1::5::INSTR", false)]
    [InlineData("?*{VI_ATTR_INTF_NUM == 1 || VI_ATTR_GPIB_PRIMARY_ADDR == 5}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_INTF_NUM == 1 || VI_ATTR_GPIB_PRIMARY_ADDR == 6}", "GPIB0::5::INSTR", false)]
    [InlineData("?*{!(VI_ATTR_INTF_NUM == 1)}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{!VI_ATTR_INTF_NUM == 0}", "GPIB0::5::INSTR", false)]
    [InlineData("?*{!!(VI_ATTR_INTF_NUM == 0)}", "GPIB0::5::INSTR", true)]
    // && binds tighter than ||: false || (true && true)
    [InlineData("?*{VI_ATTR_INTF_NUM == 9 || VI_ATTR_INTF_NUM == 0 && VI_ATTR_GPIB_PRIMARY_ADDR == 5}", "GPIB0::5::INSTR", true)]
    // parentheses change it: (false || true) && false
    [InlineData("?*{(VI_ATTR_INTF_NUM == 9 || VI_ATTR_INTF_NUM == 0) && VI_ATTR_GPIB_PRIMARY_ADDR == 6}", "GPIB0::5::INSTR", false)]
    public void LogicalOperatorsAndParentheses(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("USB?*{VI_ATTR_MANF_ID == 0x1AB1}", "USB0::0x1ab1::0x04CE::DS1::0::INSTR", true)]
    [InlineData("USB?*{VI_ATTR_MANF_ID == 6833}", "USB0::0x1AB1::0x04CE::DS1::0::INSTR", true)]
    [InlineData("USB?*{VI_ATTR_MODEL_CODE == 0X04ce}", "USB0::0x1AB1::1230::DS1::0::INSTR", true)]
    [InlineData("USB?*{VI_ATTR_USB_SERIAL_NUM == \"ds1\"}", "USB0::0x1AB1::0x04CE::DS1::0::INSTR", true)]
    [InlineData("USB?*{VI_ATTR_USB_SERIAL_NUM != \"DS2\"}", "USB0::0x1AB1::0x04CE::DS1::0::INSTR", true)]
    [InlineData("USB?*{VI_ATTR_USB_INTFC_NUM == 2}", "USB0::0x1AB1::0x04CE::DS1::2::RAW", true)]
    [InlineData("?*{VI_ATTR_RSRC_CLASS == \"raw\"}", "USB0::0x1AB1::0x04CE::DS1::2::RAW", true)]
    [InlineData("?*{VI_ATTR_INTF_TYPE == VI_INTF_USB}", "USB0::0x1AB1::0x04CE::DS1::2::RAW", true)]
    [InlineData("?*{VI_ATTR_INTF_TYPE == 7}", "USB0::0x1AB1::0x04CE::DS1::2::RAW", true)]
    [InlineData("?*{VI_ATTR_INTF_TYPE == VI_INTF_GPIB}", "USB0::0x1AB1::0x04CE::DS1::2::RAW", false)]
    public void UsbAttributes(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("?*{VI_ATTR_TCPIP_ADDR == \"10.0.0.5\"}", "TCPIP0::10.0.0.5::inst0::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_HOSTNAME == \"SCOPE\"}", "TCPIP0::scope::inst0::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_DEVICE_NAME == \"hislip0\"}", "TCPIP0::scope::hislip0::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_PORT == 5025}", "TCPIP0::scope::5025::SOCKET", true)]
    [InlineData("?*{VI_ATTR_TCPIP_PORT == 4880}", "TCPIP0::scope::hislip0::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_PORT == 4881}", "TCPIP0::scope::hislip0,4881::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_PORT == 4880}", "TCPIP0::scope::inst0::INSTR", false)]
    [InlineData("?*{VI_ATTR_TCPIP_IS_HISLIP == VI_TRUE}", "TCPIP0::scope::hislip0::INSTR", true)]
    [InlineData("?*{VI_ATTR_TCPIP_IS_HISLIP == VI_FALSE}", "TCPIP0::scope::inst0::INSTR", true)]
    public void TcpipAttributes(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("?*{VI_ATTR_GPIB_SECONDARY_ADDR == VI_NO_SEC_ADDR}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_SECONDARY_ADDR == 0xFFFF}", "GPIB0::5::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_SECONDARY_ADDR == 3}", "GPIB0::5::3::INSTR", true)]
    [InlineData("?*{VI_ATTR_GPIB_SECONDARY_ADDR == VI_NO_SEC_ADDR}", "GPIB0::INTFC", false)]
    [InlineData("?*{VI_ATTR_PXI_CHASSIS == 2 && VI_ATTR_SLOT == 7}", "PXI0::CHASSIS2::SLOT7::FUNC0::INSTR", true)]
    [InlineData("?*{VI_ATTR_PXI_CHASSIS == 4}", "PXI0::4::BACKPLANE", true)]
    [InlineData("?*{VI_ATTR_MAINFRAME_LA == 24}", "VXI0::24::BACKPLANE", true)]
    [InlineData("?*{VI_ATTR_MAINFRAME_LA == 24}", "VXI0::24::INSTR", false)]
    [InlineData("?*{VI_ATTR_VXI_LA == 24}", "VXI0::24::INSTR", true)]
    [InlineData("?*{VI_ATTR_INTF_NUM == -1}", "GPIB0::24::INSTR", false)]
    public void OtherAttributes(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("?*{VI_ATTR_MANF_ID == 0x1AB1}", "GPIB0::5::INSTR")]
    [InlineData("?*{VI_ATTR_MANF_ID != 0x1AB1}", "GPIB0::5::INSTR")]
    [InlineData("?*{VI_ATTR_MANF_ID < 0x1AB1}", "GPIB0::5::INSTR")]
    [InlineData("?*{VI_ATTR_MANF_ID >= 0}", "GPIB0::5::INSTR")]
    [InlineData("?*{VI_ATTR_TCPIP_ADDR != \"x\"}", "GPIB0::5::INSTR")]
    [InlineData("?*{VI_ATTR_GPIB_PRIMARY_ADDR != 1}", "TCPIP0::h::inst0::INSTR")]
    [InlineData("?*{VI_ATTR_INTF_NUM == 0}", "ASRL/dev/ttyS0::INSTR")]
    [InlineData("?*{VI_ATTR_INTF_NUM != 0}", "ASRL/dev/ttyS0::INSTR")]
    [InlineData("?*{VI_ATTR_USB_SERIAL_NUM != \"x\"}", "RSNRP::0x0003::101021::INSTR")]
    public void AnAttributeTheNameDoesNotCarryMakesTheComparisonFalse(string pattern, string name) =>
        Assert.False(Matches(pattern, name));

    [Fact]
    public void NegatingAComparisonWithAMissingAttributeIsTrue() =>
        Assert.True(Matches("?*{!(VI_ATTR_MANF_ID == 1)}", "GPIB0::5::INSTR"));

    [Fact]
    public void ANameThatDoesNotParseCarriesNoAttributes()
    {
        var pattern = VisaPattern.Parse("?*{VI_ATTR_INTF_NUM == 0}");
        Assert.False(pattern.IsMatch("NOT A NAME"));
        Assert.True(VisaPattern.Parse("?*{!(VI_ATTR_INTF_NUM == 0)}").IsMatch("NOT A NAME"));
    }

    [Fact]
    public void TheRegularExpressionMustMatchToo() =>
        Assert.False(Matches("USB?*{VI_ATTR_INTF_NUM == 0}", "GPIB0::5::INSTR"));

    [Fact]
    public void SpacesBeforeTheBraceAreIgnored() =>
        Assert.True(Matches("?*::INSTR   {VI_ATTR_INTF_NUM == 0}", "GPIB0::5::INSTR"));

    [Fact]
    public void AnAttributeNameIsCaseInsensitive() =>
        Assert.True(Matches("?*{vi_attr_intf_num == 0}", "GPIB0::5::INSTR"));

    [Fact]
    public void AStringMayHoldBracesAndEscapedQuotes()
    {
        Assert.False(Matches("?*{VI_ATTR_USB_SERIAL_NUM == \"a}b\"}", "USB0::1::2::AB::0::INSTR"));
        Assert.False(Matches("?*{VI_ATTR_USB_SERIAL_NUM == \"a\\\"b\"}", "USB0::1::2::AB::0::INSTR"));
        Assert.True(Matches("?*{VI_ATTR_USB_SERIAL_NUM != \"a\\\"b\"}", "USB0::1::2::AB::0::INSTR"));
    }

    [Fact]
    public void ABraceInsideAListIsPartOfTheRegularExpression() =>
        Assert.True(Matches("A[{]B", "A{B"));

    [Fact]
    public void IsMatchOfAParsedNameEvaluatesItsAttributes()
    {
        var pattern = VisaPattern.Parse("?*{VI_ATTR_GPIB_PRIMARY_ADDR == 5}");
        Assert.True(pattern.IsMatch(ResourceName.Parse("GPIB::5")));
        Assert.False(pattern.IsMatch(ResourceName.Parse("GPIB::6")));
    }

    [Fact]
    public void RemoteNamesCarryTheirInnerNamesAttributes() =>
        Assert.True(Matches("visa://?*{VI_ATTR_GPIB_PRIMARY_ADDR == 5}", "visa://lab/GPIB0::5::INSTR"));

    [Fact]
    public void FilterAppliesTheAttributeExpression()
    {
        var names = new[] { "GPIB0::5::INSTR", "GPIB1::5::INSTR", "GPIB0::6::INSTR", "USB0::1::2::S::0::INSTR" };
        Assert.Equal(["GPIB0::5::INSTR", "GPIB0::6::INSTR"], VisaPattern.Parse("GPIB?*{VI_ATTR_INTF_NUM == 0}").Filter(names));
    }
}
