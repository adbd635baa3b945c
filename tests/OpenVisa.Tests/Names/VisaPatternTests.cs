using OpenVisa;

namespace OpenVisa.Tests.Names;

public class VisaPatternTests
{
    private static bool Matches(string pattern, string name) => VisaPattern.Parse(pattern).IsMatch(name);

    [Theory]
    [InlineData("?*::INSTR", "GPIB0::1::INSTR", true)]
    [InlineData("?*::INSTR", "TCPIP0::h::5025::SOCKET", false)]
    [InlineData("?*", "anything at all", true)]
    [InlineData("?*", "", true)]
    [InlineData("GPIB?::1::INSTR", "GPIB0::1::INSTR", true)]
    [InlineData("GPIB?::1::INSTR", "GPIB10::1::INSTR", false)]
    [InlineData("GPIB?::1::INSTR", "GPIB::1::INSTR", false)]
    public void QuestionMarkIsExactlyOneCharacter(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("AB*C", "AC", true)]
    [InlineData("AB*C", "ABBBC", true)]
    [InlineData("AB*C", "AXC", false)]
    [InlineData("AB+C", "AC", false)]
    [InlineData("AB+C", "ABC", true)]
    [InlineData("AB+C", "ABBC", true)]
    [InlineData("GPIB[0-9]*::?*", "GPIB::1::INSTR", true)]
    [InlineData("GPIB[0-9]+::?*", "GPIB::1::INSTR", false)]
    [InlineData("GPIB[0-9]+::?*", "GPIB12::1::INSTR", true)]
    public void StarAndPlusRepeatThePreviousElement(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("ASRL[13]::INSTR", "ASRL1::INSTR", true)]
    [InlineData("ASRL[13]::INSTR", "ASRL3::INSTR", true)]
    [InlineData("ASRL[13]::INSTR", "ASRL2::INSTR", false)]
    [InlineData("ASRL[^13]::INSTR", "ASRL2::INSTR", true)]
    [InlineData("ASRL[^13]::INSTR", "ASRL1::INSTR", false)]
    [InlineData("GPIB[0-2]::?*", "GPIB2::5::INSTR", true)]
    [InlineData("GPIB[0-2]::?*", "GPIB3::5::INSTR", false)]
    [InlineData("GPIB[^0-2]::?*", "GPIB3::5::INSTR", true)]
    [InlineData("X[a-c-]Y", "X-Y", true)]
    [InlineData("X[\\]]Y", "X]Y", true)]
    [InlineData("X[.]Y", "XzY", false)]
    public void ListsMatchOneCharacterFromOrOutsideTheList(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("(GPIB|USB)?*::INSTR", "GPIB0::1::INSTR", true)]
    [InlineData("(GPIB|USB)?*::INSTR", "USB0::1::2::3::0::INSTR", true)]
    [InlineData("(GPIB|USB)?*::INSTR", "ASRL1::INSTR", false)]
    [InlineData("GPIB?*|ASRL1::INSTR", "ASRL1::INSTR", true)]
    [InlineData("GPIB?*|ASRL1::INSTR", "ASRL1::INSTR::X", false)]
    [InlineData("(AB)+", "ABAB", true)]
    [InlineData("(AB)+", "ABA", false)]
    [InlineData("(AB)*C", "C", true)]
    public void AlternationAndGroups(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("ASRL\\?::INSTR", "ASRL?::INSTR", true)]
    [InlineData("ASRL\\?::INSTR", "ASRL1::INSTR", false)]
    [InlineData("A\\*", "A*", true)]
    [InlineData("A\\*", "AA", false)]
    [InlineData("\\(x\\)", "(x)", true)]
    [InlineData("a\\[b", "a[b", true)]
    public void BackslashTakesTheNextCharacterLiterally(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("TCPIP0::1.2.3.4::?*", "TCPIP0::1.2.3.4::inst0::INSTR", true)]
    [InlineData("TCPIP0::1.2.3.4::?*", "TCPIP0::1x2x3x4::inst0::INSTR", false)]
    [InlineData("a^b$c", "a^b$c", true)]
    [InlineData("USB0::0x1234::?*", "USB0::0x1234::1::S::0::INSTR", true)]
    public void OtherCharactersAreLiteral(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("ASRL1", "ASRL11::INSTR", false)]
    [InlineData("ASRL1", "ASRL1", true)]
    [InlineData("ASRL1::INSTR", "ASRL1::INSTR", true)]
    [InlineData("ASRL1::INSTR", "XASRL1::INSTR", false)]
    [InlineData("GPIB?*", "GPIB0::1::INSTR", true)]
    [InlineData("?*INSTR", "GPIB0::1::INSTR::X", false)]
    public void MatchesCoverTheWholeName(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Matches(pattern, name));

    [Theory]
    [InlineData("gpib?*instr", "GPIB0::1::INSTR")]
    [InlineData("GPIB?*INSTR", "gpib0::1::instr")]
    [InlineData("tcpip0::MYSCOPE::?*", "TCPIP0::myscope::inst0::INSTR")]
    [InlineData("ASRL[a-c]::INSTR", "ASRLB::INSTR")]
    public void MatchingIgnoresCase(string pattern, string name) => Assert.True(Matches(pattern, name));

    [Fact]
    public void FilterKeepsTheOriginalOrder()
    {
        var names = new[] { "USB0::1::2::A::0::INSTR", "ASRL1::INSTR", "TCPIP0::h::5025::SOCKET", "GPIB0::3::INSTR", "ASRL11::INSTR" };
        Assert.Equal(["USB0::1::2::A::0::INSTR", "ASRL1::INSTR", "GPIB0::3::INSTR", "ASRL11::INSTR"], VisaPattern.Parse("?*::INSTR").Filter(names));
        Assert.Equal(["ASRL1::INSTR"], VisaPattern.Parse("ASRL1::INSTR").Filter(names));
        Assert.Empty(VisaPattern.Parse("VXI?*").Filter(names));
    }

    [Fact]
    public void IsMatchOfAParsedNameUsesItsCanonicalForm()
    {
        var pattern = VisaPattern.Parse("TCPIP0::?*::inst0::INSTR");
        Assert.True(pattern.IsMatch(ResourceName.Parse("TCPIP::1.2.3.4")));
        Assert.False(pattern.IsMatch("TCPIP::1.2.3.4"));
    }

    [Fact]
    public void ParsedPatternsAreCached()
    {
        Assert.Same(VisaPattern.Parse("GPIB?*::INSTR"), VisaPattern.Parse("GPIB?*::INSTR"));
    }

    [Fact]
    public void ThePatternIsKept()
    {
        var pattern = VisaPattern.Parse("?*::INSTR{VI_ATTR_INTF_NUM==0}");
        Assert.Equal("?*::INSTR{VI_ATTR_INTF_NUM==0}", pattern.Pattern);
        Assert.Equal(pattern.Pattern, pattern.ToString());
        Assert.True(pattern.HasAttributeExpression);
        Assert.False(VisaPattern.Parse("?*").HasAttributeExpression);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        var pattern = VisaPattern.Parse("?*");
        Assert.Throws<ArgumentNullException>(() => pattern.IsMatch((string)null!));
        Assert.Throws<ArgumentNullException>(() => pattern.IsMatch((ResourceName)null!));
        Assert.Throws<ArgumentNullException>(() => pattern.Filter(null!));
    }
}
