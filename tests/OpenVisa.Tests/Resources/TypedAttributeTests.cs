
namespace OpenVisa.Tests.Resources;

public class TypedAttributeTests
{
    [Fact]
    public void Typed_reads_convert_the_attribute_value()
    {
        using var rm = ScriptedLibrary.Manager(nameof(Typed_reads_convert_the_attribute_value));
        var res = rm.Open<TcpipSocketResource>(ScriptedLibrary.SocketName);
        res.NoDelay = true;
        Assert.True(res.NoDelay);
        res.SetAttribute(VisaAttribute.TcpipPort, (ushort)5025);
        Assert.Equal(5025, res.Port);
        Assert.Equal(5025L, res.GetAttribute<long>(VisaAttribute.TcpipPort));
        res.SetAttributeValue(VisaAttribute.TimeoutValue, "750");
        Assert.Equal(TimeSpan.FromMilliseconds(750), res.Timeout);
    }

    [Fact]
    public void A_value_the_attribute_cannot_take_is_refused_with_the_valid_range()
    {
        using var rm = ScriptedLibrary.Manager(nameof(A_value_the_attribute_cannot_take_is_refused_with_the_valid_range));
        var res = rm.Open<TcpipSocketResource>(ScriptedLibrary.SocketName);
        var e = Assert.Throws<VisaException>(() => res.SetAttributeValue(VisaAttribute.TcpipNoDelay, "maybe"));
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, e.Status);
        Assert.Contains("maybe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attribute_the_backend_does_not_know_names_the_attribute()
    {
        using var rm = ScriptedLibrary.Manager(nameof(An_attribute_the_backend_does_not_know_names_the_attribute));
        var res = rm.Open<TcpipSocketResource>(ScriptedLibrary.SocketName);
        var e = Assert.Throws<VisaException>(() => res.KeepAlive);
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, e.Status);
        Assert.Contains(nameof(VisaAttribute.TcpipKeepAlive), e.Message, StringComparison.Ordinal);
        Assert.Contains(ScriptedLibrary.SocketName, e.Message, StringComparison.Ordinal);
    }
}
