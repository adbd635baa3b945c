namespace OpenVisa.Tests.Attributes;

public class VisaAttributesLookupTests
{
    [Theory]
    [InlineData("VI_ATTR_TMO_VALUE")]
    [InlineData("vi_attr_tmo_value")]
    [InlineData("TMO_VALUE")]
    [InlineData("tmo_value")]
    [InlineData("TimeoutValue")]
    [InlineData("timeoutvalue")]
    [InlineData("0x3FFF001A")]
    [InlineData("0x3fff001a")]
    [InlineData("1073676314")]
    [InlineData("  TMO_VALUE ")]
    public void ParsesEverySpellingOfTheTimeout(string text)
    {
        Assert.True(VisaAttributes.TryParse(text, out var attribute));
        Assert.Equal(VisaAttribute.TimeoutValue, attribute);
    }

    [Theory]
    [InlineData("0xBFFF0001")]
    [InlineData("3221159937")]
    [InlineData("-1073807359")]
    [InlineData("RSRC_CLASS")]
    public void ParsesIdsAboveInt32AsUnsignedOrSigned(string text)
    {
        Assert.True(VisaAttributes.TryParse(text, out var attribute));
        Assert.Equal(VisaAttribute.ResourceClass, attribute);
    }

    [Fact]
    public void EveryAttributeParsesByEachOfItsNames()
    {
        foreach (var info in VisaAttributes.All)
        {
            foreach (var text in new[] { info.Name, info.ShortName, info.Id.ToString(), $"0x{(uint)info.Id:X8}", info.Name.ToLowerInvariant() })
            {
                Assert.True(VisaAttributes.TryParse(text, out var parsed), text);
                Assert.Equal(info.Id, parsed);
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("TMO")]
    [InlineData("VI_ATTR_NOPE")]
    [InlineData("0x12345678")]
    [InlineData("0xZZ")]
    [InlineData("99999999999")]
    [InlineData("12")]
    public void RejectsWhatIsNotAKnownAttribute(string? text)
    {
        Assert.False(VisaAttributes.TryParse(text, out _));
    }

    [Fact]
    public void ParseSuggestsSimilarNames()
    {
        var error = Assert.Throws<VisaException>(() => VisaAttributes.Parse("TMO"));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, error.Status);
        Assert.Contains("\"TMO\" is not a VISA attribute", error.Message);
        Assert.Contains("Did you mean VI_ATTR_TMO_VALUE", error.Message);

        var nothingLike = Assert.Throws<VisaException>(() => VisaAttributes.Parse("qqqq"));
        Assert.Contains("Use a VISA name such as VI_ATTR_TMO_VALUE", nothingLike.Message);
        Assert.Equal(VisaAttribute.AsrlParity, VisaAttributes.Parse("asrl_parity"));
    }

    [Fact]
    public void UnknownIdentifiersFailWithTheirNumber()
    {
        var unknown = (VisaAttribute)0x12345678;
        Assert.False(VisaAttributes.TryGetInfo(unknown, out var none));
        Assert.Null(none);
        var error = Assert.Throws<VisaException>(() => VisaAttributes.Info(unknown));
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, error.Status);
        Assert.Contains("0x12345678 is not a VISA attribute", error.Message);
        Assert.True(VisaAttributes.TryGetInfo(VisaAttribute.TimeoutValue, out var info));
        Assert.Equal("VI_ATTR_TMO_VALUE", info.Name);
    }

    [Fact]
    public void ListsTheAttributesOfASocketSession()
    {
        var ids = VisaAttributes.For(InterfaceType.Tcpip, "SOCKET").Select(i => i.Id).ToHashSet();
        Assert.Contains(VisaAttribute.TimeoutValue, ids);
        Assert.Contains(VisaAttribute.TerminationCharacter, ids);
        Assert.Contains(VisaAttribute.SuppressEndEnabled, ids);
        Assert.Contains(VisaAttribute.TcpipPort, ids);
        Assert.Contains(VisaAttribute.TcpipNoDelay, ids);
        Assert.Contains(VisaAttribute.TcpipTlsCipherSuite, ids);
        Assert.DoesNotContain(VisaAttribute.AsrlBaudRate, ids);
        Assert.DoesNotContain(VisaAttribute.TcpipDeviceName, ids);
        Assert.DoesNotContain(VisaAttribute.TcpipHislipVersion, ids);
        Assert.DoesNotContain(VisaAttribute.JobId, ids);
    }

    [Fact]
    public void ResourceClassesMatchWhateverTheirCase()
    {
        var ids = VisaAttributes.For(InterfaceType.Asrl, "instr").Select(i => i.Id).ToList();
        Assert.Contains(VisaAttribute.AsrlBaudRate, ids);
        Assert.Contains(VisaAttribute.AsrlEndIn, ids);
        Assert.DoesNotContain(VisaAttribute.UsbSerialNumber, ids);
    }

    [Fact]
    public void ListsTheAttributesOfAnEvent()
    {
        var ids = VisaAttributes.For(EventType.IOCompletion).Select(i => i.Id).ToList();
        Assert.Contains(VisaAttribute.EventType, ids);
        Assert.Contains(VisaAttribute.Status, ids);
        Assert.Contains(VisaAttribute.JobId, ids);
        Assert.Contains(VisaAttribute.ReturnCount32, ids);
        Assert.Contains(VisaAttribute.Buffer, ids);
        Assert.DoesNotContain(VisaAttribute.ReceivedTriggerId, ids);
        Assert.Contains(VisaAttribute.UsbReceivedInterruptData, VisaAttributes.For(EventType.UsbInterrupt).Select(i => i.Id));
    }
}
