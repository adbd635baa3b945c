using OpenVisa;

namespace OpenVisa.Tests.Names;

public class VisaPatternErrorTests
{
    public static TheoryData<string, string> BadPatterns => new()
    {
        { "", "the pattern is empty; use ?*::INSTR for every instrument" },
        { "   ", "the pattern is empty" },
        { "*::INSTR", "the '*' at position 1 has nothing before it to repeat (use '?*' to match anything)" },
        { "+", "the '+' at position 1 has nothing before it to repeat" },
        { "(*)", "the '*' at position 2 has nothing before it to repeat" },
        { "A|*", "the '*' at position 3 has nothing before it to repeat" },
        { "?**", "the '*' at position 3 follows another '*' or '+'" },
        { "?*+", "the '+' at position 3 follows another '*' or '+'" },
        { "ASRL[1::INSTR", "the '[' at position 5 is never closed by ']'" },
        { "ASRL1]::INSTR", "the ']' at position 6 has no matching '['" },
        { "(GPIB?*", "the '(' at position 1 is never closed by ')'" },
        { "GPIB?*)", "the ')' at position 7 has no matching '('" },
        { "((A)", "the '(' at position 1 is never closed by ')'" },
        { "ASRL[]", "the list at position 5 is empty" },
        { "ASRL[^]", "the list at position 5 is empty" },
        { "ASRL[9-0]", "the range '9-0' in the list at position 5 runs backwards" },
        { "ASRL\\", "it ends with '\\', which has no character after it to escape" },
        { "?*::INSTR{VI_ATTR_INTF_NUM == 0", "the '{' at position 10 is never closed by '}' at the end of the pattern" },
        { "?*::INSTR}", "the '}' at position 10 has no matching '{'" },
        { "?*{}", "the attribute expression between '{' and '}' is empty" },
        { "?*{  }", "the attribute expression between '{' and '}' is empty" },
        { "{VI_ATTR_INTF_NUM == 0}", "nothing comes before the '{'; use ?* to match every name" },
        { "?*{VI_ATTR_FOO == 1}", "unknown attribute 'VI_ATTR_FOO' at position 4; a pattern can test VI_ATTR_INTF_NUM" },
        { "?*{FOO == 1}", "unknown attribute 'FOO' at position 4" },
        { "?*{VI_ATTR_INTF_NUM = 1}", "unexpected '=' at position 21 in the attribute expression; compare with '=='" },
        { "?*{VI_ATTR_INTF_NUM == 1 & VI_ATTR_INTF_NUM == 2}", "unexpected '&' at position 26 in the attribute expression; 'and' is '&&'" },
        { "?*{VI_ATTR_INTF_NUM == 1 | VI_ATTR_INTF_NUM == 2}", "unexpected '|' at position 26 in the attribute expression; 'or' is '||'" },
        { "?*{VI_ATTR_INTF_NUM}", "expected a comparison (==, !=, <, >, <=, >=) after VI_ATTR_INTF_NUM, found the end of the expression" },
        { "?*{VI_ATTR_INTF_NUM 1}", "expected a comparison (==, !=, <, >, <=, >=) after VI_ATTR_INTF_NUM, found '1' at position 21" },
        { "?*{VI_ATTR_INTF_NUM ==}", "expected a value after '==', found the end of the expression" },
        { "?*{VI_ATTR_INTF_NUM == == 1}", "expected a value after '==', found '==' at position 24" },
        { "?*{&& VI_ATTR_INTF_NUM == 1}", "expected a comparison, found '&&' at position 4" },
        { "?*{VI_ATTR_INTF_NUM == 1 VI_ATTR_INTF_NUM == 2}", "unexpected 'VI_ATTR_INTF_NUM' at position 26; expected '&&', '||' or the end of the expression" },
        { "?*{(VI_ATTR_INTF_NUM == 1}", "the '(' at position 4 is never closed by ')' (found the end of the expression)" },
        { "?*{VI_ATTR_INTF_NUM == 1)}", "unexpected ')' at position 25; expected '&&', '||' or the end of the expression" },
        { "?*{VI_ATTR_INTF_NUM == \"0\"}", "cannot compare VI_ATTR_INTF_NUM (a number) with \"0\" (a string)" },
        { "?*{VI_ATTR_RSRC_CLASS == 1}", "cannot compare VI_ATTR_RSRC_CLASS (a string) with 1 (a number)" },
        { "?*{VI_ATTR_RSRC_CLASS < \"INSTR\"}", "'<' at position 23 orders numbers; strings such as VI_ATTR_RSRC_CLASS can only be compared with == or !=" },
        { "?*{VI_ATTR_RSRC_CLASS == \"INSTR}", "the string starting at position 26 is never closed by '\"'" },
        { "?*{VI_ATTR_MANF_ID == 0xZZ}", "'0xZZ' at position 23 is not a number (write decimal, or hex like 0x1AB1)" },
        { "?*{VI_ATTR_MANF_ID == 12ab}", "'12ab' at position 23 is not a number" },
        { "?*{VI_ATTR_MANF_ID == 0x}", "'0x' at position 23 is not a number" },
        { "?*{VI_ATTR_INTF_NUM == 1 # x}", "unexpected '#' at position 26 in the attribute expression" },
    };

    [Theory]
    [MemberData(nameof(BadPatterns))]
    public void ABadPatternFailsWithAMessageSayingWhatIsWrong(string pattern, string reason)
    {
        var e = Assert.Throws<VisaException>(() => VisaPattern.Parse(pattern));
        Assert.Equal(StatusCode.ErrorInvalidExpression, e.Status);
        Assert.Equal("ListResources", e.Operation);
        Assert.Contains($"Invalid resource pattern '{pattern}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("VI_ERROR_INV_EXPR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullPatternIsAnEmptyOne()
    {
        var e = Assert.Throws<VisaException>(() => VisaPattern.Parse(null!));
        Assert.Equal(StatusCode.ErrorInvalidExpression, e.Status);
        Assert.Contains("the pattern is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadPatternIsNotCachedAndFailsEveryTime()
    {
        Assert.Throws<VisaException>(() => VisaPattern.Parse("(x"));
        Assert.Throws<VisaException>(() => VisaPattern.Parse("(x"));
    }
}
