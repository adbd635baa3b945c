namespace OpenVisa.Sim.Tests;

/// <summary>The simulator through the front end, as user code meets it.</summary>
public class FrontEndTests
{
    [Fact]
    public void TerminationsDefaultToTheDevicesEom()
    {
        using var manager = new ResourceManager("@sim");
        using var serial = manager.Open<MessageBasedResource>("ASRL1::INSTR");
        Assert.Equal("\r\n", serial.WriteTermination);
        Assert.Equal("\n", serial.ReadTermination);
        Assert.Equal("LSG Serial #1234", serial.Query("?IDN"));
        using var gpib = manager.Open<MessageBasedResource>("GPIB0::8::INSTR");
        Assert.Equal("\n", gpib.WriteTermination);
        Assert.Equal("OK", gpib.Query("!FREQ 10.3"));
        Assert.Equal("10.30", gpib.Query("?FREQ"));
    }

    [Fact]
    public void ReadTerminationOfTwoCharactersIsStripped()
    {
        using var manager = new ResourceManager(SimClient.Spec("dialogues.yaml"));
        using var gpib = manager.Open<MessageBasedResource>("GPIB0::3::INSTR");
        Assert.Equal("\r\n", gpib.ReadTermination);
        Assert.Equal("LAB Serial #42", gpib.Query("?IDN"));
    }

    [Fact]
    public void ShortResourceNamesAreCanonicalised()
    {
        using var manager = new ResourceManager("bundled:default.yaml@sim");
        var names = manager.ListResources("?*");
        Assert.Equal(22, names.Count);
        Assert.Contains("TCPIP0::localhost:2222::inst0::INSTR", names);
        Assert.Contains("USB0::0x1111::0x2222::0x4445::0::RAW", names);
        Assert.Contains("GPIB0::8::INSTR", names);
        using var client = SimClient.Open(manager, "TCPIP::localhost:2222::INSTR");
        Assert.Equal("SCPI,MOCK,VERSION_1.0", client.Query("*IDN?"));
    }

    [Fact]
    public void SerialLastBitWithoutEndStillAnswersAsInPyvisaSim()
    {
        using var client = SimClient.Open("@sim", "ASRL4::INSTR");
        client.Library.SetAttribute(client.Session, VisaAttribute.AsrlEndOut, (ushort)SerialTermination.LastBit);
        client.Library.SetAttribute(client.Session, VisaAttribute.SendEndEnabled, false);
        Assert.Equal("SCPI,MOCK,VERSION_1.0", client.Query("*IDN?"));
    }

    [Fact]
    public void SerialTerminationCharacterOutAppendsTheEom()
    {
        using var client = SimClient.Open("@sim", "ASRL4::INSTR", writeTermination: "\r");
        client.Library.SetAttribute(client.Session, VisaAttribute.AsrlEndOut, (ushort)SerialTermination.TerminationCharacter);
        Assert.Equal("SCPI,MOCK,VERSION_1.0", client.Query("*IDN?"));
    }

    [Fact]
    public void SerialReadsWithoutAnEndConditionStopAtTheCount()
    {
        using var client = SimClient.Open("@sim", "ASRL2::INSTR");
        client.Library.SetAttribute(client.Session, VisaAttribute.AsrlEndIn, (ushort)SerialTermination.None);
        client.Write("*IDN?");
        var buffer = new byte[22];
        Assert.Equal(new ReadResult(22, StatusCode.SuccessMaxCountRead), client.Library.Read(client.Session, buffer));
        client.TimeoutMs = 20;
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => client.Library.Read(client.Session, new byte[8])).Status);
    }
}
