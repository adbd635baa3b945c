namespace OpenVisa.Sim.Tests;

// The scenarios of pyvisa-sim's test_channel.py, on a fixture written for OpenVisa.
public class ChannelTests
{
    [Theory]
    [InlineData("ASRL1::INSTR")]
    [InlineData("GPIB0::8::INSTR")]
    public void ChannelPreselectedByADeviceProperty(string resource)
    {
        using var client = SimClient.Open(SimClient.Spec("channels.yaml"), resource);
        Assert.Equal("1", client.Query("I?"));
        Assert.Equal("1.000", client.Query("F?"));
        client.Write("F 5.0");
        Assert.Equal("5.000", client.Query("F?"));
        Assert.Equal("1.000", client.Query("I 2;F?"));
        client.Write("F 7.5");
        Assert.Equal("7.500", client.Query("F?"));
        Assert.Equal("5.000", client.Query("I 1;F?"));
        Assert.Equal("output", client.Query("NAME?"));
    }

    [Fact]
    public void APreselectedChannelOutsideTheIdsMatchesNothing()
    {
        using var client = SimClient.Open(SimClient.Spec("channels.yaml"), "GPIB0::8::INSTR");
        client.Write("I 7");
        Assert.Equal("ERROR", client.Query("F?"));
    }

    [Fact]
    public void ARejectedChannelValueIsACommandError()
    {
        using var client = SimClient.Open(SimClient.Spec("channels.yaml"), "GPIB0::8::INSTR");
        Assert.Equal("ERROR", client.Query("F 50.000"));
        Assert.Equal("1.000", client.Query("F?"));
    }

    [Theory]
    [InlineData("ASRL2::INSTR")]
    [InlineData("GPIB0::9::INSTR")]
    public void ChannelNamedInTheCommand(string resource)
    {
        using var client = SimClient.Open(SimClient.Spec("channels.yaml"), resource);
        Assert.Equal("+1.00000000E+00", client.Query("CH 1:VOLT:IMM:AMPL?"));
        client.Write("CH 1:VOLT:IMM:AMPL 2.0");
        Assert.Equal("+2.00000000E+00", client.Query("CH 1:VOLT:IMM:AMPL?"));
        Assert.Equal("+1.00000000E+00", client.Query("CH 2:VOLT:IMM:AMPL?"));
        Assert.Equal("channel", client.Query("CH 3:NAME?"));
        Assert.Equal("OUTP_ERROR", client.Query("CH 2:OUTP 5"));
        client.Write("CH 2:OUTP 1");
        Assert.Equal("1", client.Query("CH 2:OUTP?"));
        Assert.Equal("0", client.Query("CH 1:OUTP?"));
        Assert.Equal("BAD", client.Query("CH 1:VOLT:IMM:AMPL 9.0"));
    }

    [Fact]
    public void TheResourceCanOverrideTheChannelIds()
    {
        using var manager = new ResourceManager(SimClient.Spec("channels.yaml"));
        using var fourChannels = SimClient.Open(manager, "GPIB0::9::INSTR");
        using var threeChannels = SimClient.Open(manager, "ASRL2::INSTR");
        Assert.Equal("+1.00000000E+00", fourChannels.Query("CH 4:VOLT:IMM:AMPL?"));
        Assert.Equal("BAD", threeChannels.Query("CH 4:VOLT:IMM:AMPL?"));
    }
}
