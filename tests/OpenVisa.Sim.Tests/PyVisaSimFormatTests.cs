using System.Text;

namespace OpenVisa.Sim.Tests;

public class PyVisaSimFormatTests
{
    [Theory]
    [InlineData("ASRL1::INSTR", "\r\n")]
    [InlineData("TCPIP0::dialog.local::inst0::INSTR", "\n")]
    [InlineData("TCPIP0::dialog.local::5025::SOCKET", "\r")]
    [InlineData("GPIB0::3::INSTR", "\n")]
    [InlineData("USB0::0x1234::0x5678::SN1::0::INSTR", "\n")]
    public void DialoguesAnswerOnEveryInterface(string resource, string queryTermination)
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), resource);
        Assert.Equal(queryTermination, client.WriteTermination);
        Assert.Equal("LAB Serial #42", client.Query("?IDN"));
        Assert.Equal("PONG", client.Query("PING"));
        if (resource.StartsWith("ASRL", StringComparison.Ordinal))
        {
            // Serial has no END: the termination character (LF, the eom's) ends each read.
            Assert.Equal("one", client.Query("LINES?"));
            Assert.Equal("two", client.Read());
        }
        else
        {
            Assert.Equal("one\ntwo", client.Query("LINES?"));
        }
        Assert.Equal("", client.Query("EMPTY?"));
        client.Write("*RST");
        client.ExpectNoReply();
    }

    [Fact]
    public void RepliesEndWithTheEomOfTheInterface()
    {
        using var gpib = SimClient.Open(SimClient.Spec("dialogues.yaml"), "GPIB0::3::INSTR");
        gpib.Write("?IDN");
        Assert.Equal("LAB Serial #42\r\n", Encoding.ASCII.GetString(gpib.ReadBytes()));
        using var socket = SimClient.Open(SimClient.Spec("dialogues.yaml"), "TCPIP0::dialog.local::5025::SOCKET");
        socket.Write("?IDN");
        Assert.Equal("LAB Serial #42\r", Encoding.ASCII.GetString(socket.ReadBytes()));
        Assert.Equal(new MessageTerminations("\r", "\r"), socket.Library.DefaultTerminations(socket.Session, socket.Library.ParseResource(socket.Manager.Session, "TCPIP0::dialog.local::5025::SOCKET")));
    }

    [Fact]
    public void MatchingIsExactAndCaseSensitive()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "TCPIP0::dialog.local::inst0::INSTR");
        Assert.Equal("upper", client.Query("CASE?"));
        Assert.Equal("ERROR", client.Query("case?"));
        Assert.Equal("ERROR", client.Query("?IDN "));
        // pyvisa-sim answers commands the file does not define, SYST:ERR? among them, with the error response.
        Assert.Equal("ERROR", client.Query("SYST:ERR?"));
    }

    [Fact]
    public void AWrongWriteTerminationIsAnUnknownCommandAsInPyvisaSim()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "TCPIP0::dialog.local::inst0::INSTR", writeTermination: "\r\n");
        Assert.Equal("ERROR", client.Query("?IDN"));
    }

    [Fact]
    public void WithoutEndAMessageWaitsForTheQueryTerminator()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "ASRL1::INSTR");
        client.Library.SetAttribute(client.Session, VisaAttribute.SendEndEnabled, false);
        client.WriteRaw("?ID"u8.ToArray());
        client.WriteRaw("N\r"u8.ToArray());
        client.ExpectNoReply();
        client.WriteRaw("\n"u8.ToArray());
        Assert.Equal("LAB Serial #42", client.Read());
    }

    [Fact]
    public void EndCompletesAMessageSoTheTerminationNeedNotBeRepeated()
    {
        using var client = SimClient.Open(SimClient.Spec("dialogues.yaml"), "GPIB0::3::INSTR", writeTermination: "");
        Assert.Equal("LAB Serial #42", client.Query("?IDN"));
    }

    [Fact]
    public void PropertiesFollowSpecsAndFormats()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), "TCPIP0::gen.local::inst0::INSTR");
        Assert.Equal("100.00", client.Query("?FREQ"));
        Assert.Equal("OK", client.Query("!FREQ 10.3"));
        Assert.Equal("10.30", client.Query("?FREQ"));
        Assert.Equal("OK", client.Query("!FREQ 50"));
        Assert.Equal("50.00", client.Query("?FREQ"));
        Assert.Equal("FREQ_ERROR", client.Query("!FREQ 0.0"));
        Assert.Equal("FREQ_ERROR", client.Query("!FREQ 100001.0"));
        Assert.Equal("ERROR", client.Query("!FREQ 5"));
        Assert.Equal("50.00", client.Query("?FREQ"));

        Assert.Equal("+1.00000000E+00", client.Query("?AMP"));
        Assert.Equal("OK", client.Query("!AMP 2.5"));
        Assert.Equal("+2.50000000E+00", client.Query("?AMP"));

        Assert.Equal("0", client.Query("?WVF"));
        Assert.Equal("OK", client.Query("!WVF 3"));
        Assert.Equal("ERROR", client.Query("!WVF 23"));
        Assert.Equal("ERROR", client.Query("!WVF 1.0"));
        Assert.Equal("3", client.Query("?WVF"));

        Assert.Equal("NORMAL", client.Query("?MODE"));
        Assert.Equal("OK", client.Query("!MODE BURST"));
        Assert.Equal("ERROR", client.Query("!MODE burst"));
        Assert.Equal("BURST", client.Query("?MODE"));

        Assert.Equal("[untitled]", client.Query("?LABEL"));
        Assert.Equal("OK", client.Query("!LABEL bench 3 µs"));
        Assert.Equal("[bench 3 µs]", client.Query("?LABEL"));

        Assert.Equal("0003.142", client.Query("?PAD"));
        Assert.Equal("OK", client.Query("!PAD 1e3"));
        Assert.Equal("1000.000", client.Query("?PAD"));

        Assert.Equal("0x00ff", client.Query("?CODE"));
        Assert.Equal("OK", client.Query("!CODE a0"));
        Assert.Equal("0x00a0", client.Query("?CODE"));

        Assert.Equal("+0.000", client.Query("?OFFS"));
        Assert.Equal("ERROR", client.Query("!OFFS 1.50"));
        Assert.Equal("OK", client.Query("!OFFS -1.50"));
        Assert.Equal("-1.500", client.Query("?OFFS"));
    }

    [Fact]
    public void ARejectedValueFallsThroughToTheNextSetter()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), "TCPIP0::gen.local::inst0::INSTR");
        Assert.Equal("LOW", client.Query("!LEVEL 5"));
        Assert.Equal("HIGH", client.Query("!LEVEL 42"));
        Assert.Equal("ERROR", client.Query("!LEVEL 420"));
        Assert.Equal(("5", "42"), (client.Query("?LOW"), client.Query("?HIGH")));
    }

    [Fact]
    public void CompoundMessagesQueueOneReplyEach()
    {
        using var client = SimClient.Open(SimClient.Spec("properties.yaml"), "TCPIP0::gen.local::inst0::INSTR");
        client.Write("!FREQ 12.5;?FREQ;?IDN");
        Assert.Equal("OK", client.Read());
        Assert.Equal("12.50", client.Read());
        Assert.Equal("GEN,1", client.Read());
        client.ExpectNoReply();
    }

    [Theory]
    [InlineData("TCPIP0::semicolon.local::inst0::INSTR", "A?;B?", new[] { "1", "2" })]
    [InlineData("TCPIP0::comma.local::inst0::INSTR", "A?,B?", new[] { "1", "2" })]
    [InlineData("TCPIP0::comma.local::inst0::INSTR", "A?;B?", new[] { "both" })]
    [InlineData("TCPIP0::whole.local::inst0::INSTR", "A?;B?", new[] { "one message" })]
    [InlineData("TCPIP0::semicolon.local::inst0::INSTR", "A?;", new[] { "1", "ERROR" })]
    public void DelimitersSplitMessages(string resource, string message, string[] replies)
    {
        using var client = SimClient.Open(SimClient.Spec("delimiter.yaml"), resource);
        client.Write(message);
        foreach (var reply in replies)
            Assert.Equal(reply, client.Read());
        client.ExpectNoReply();
    }

    [Fact]
    public void ErrorQueuePopsEntriesThenTheDefault()
    {
        using var client = SimClient.Open(SimClient.Spec("errors.yaml"), "USB0::0x1111::0x2222::0x0001::0::INSTR");
        Assert.Equal("0, No Error", client.Query(":SYST:ERR?"));
        client.Write("FAKE COMMAND");
        client.ExpectNoReply();
        client.Write("ANOTHER");
        // A read with nothing to read adds no query error: pyvisa-sim's devices.py never raises query_error.
        Assert.Equal("1, Command error", client.Query(":SYST:ERR?"));
        Assert.Equal("1, Command error", client.Query(":SYST:ERR?"));
        Assert.Equal("0, No Error", client.Query(":SYST:ERR?"));
    }

    [Fact]
    public void StatusRegisterCollectsBitsAndClearsWhenRead()
    {
        using var client = SimClient.Open(SimClient.Spec("errors.yaml"), "USB0::0x1111::0x2222::0x0002::0::INSTR");
        Assert.Equal("0", client.Query("*ESR?"));
        Assert.Equal("INVALID_COMMAND", client.Query("FAKE_COMMAND"));
        Assert.Equal("32", client.Query("*ESR?"));
        Assert.Equal("0", client.Query("*ESR?"));
        client.ExpectNoReply();
        // pyvisa-sim never sets the query_error bits (devices.py raises only command_error), whatever its docs say.
        Assert.Equal("0", client.Query("*ESR?"));
        Assert.Equal("INVALID_COMMAND", client.Query(":VOLT 9.000"));
        Assert.Equal("+1.00000000E+00", client.Query(":VOLT?"));
        client.Write(":VOLT 2.500");
        Assert.Equal("+2.50000000E+00", client.Query(":VOLT?"));
    }

    [Fact]
    public void WithoutAnErrorReplyUnknownCommandsAreSilentAndTheTimeoutSaysWhy()
    {
        using var client = SimClient.Open(SimClient.Spec("errors.yaml"), "USB0::0x1111::0x2222::0x0003::0::INSTR");
        client.Write("BOGUS?");
        var error = client.ExpectNoReply();
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("'BOGUS?' was not understood", error.Message, StringComparison.Ordinal);
        Assert.Contains("pyvisa-sim device 'silent'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no error response to send", error.Message, StringComparison.Ordinal);
        // SYST:ERR? is not defined by the file, so it is one more unknown command, silent too.
        client.Write("SYST:ERR?");
        Assert.Equal(StatusCode.ErrorTimeout, client.ExpectNoReply().Status);
    }

    [Fact]
    public void EachResourceOfOneDeviceHasItsOwnState()
    {
        using var manager = new ResourceManager(SimClient.Spec("resources.yaml"));
        using var first = SimClient.Open(manager, "GPIB0::1::INSTR");
        using var second = SimClient.Open(manager, "GPIB0::2::INSTR");
        using var third = SimClient.Open(manager, "TCPIP0::counter.local::inst0::INSTR");
        Assert.Equal("OK", first.Query("COUNT 7"));
        Assert.Equal("OK", third.Query("COUNT 9"));
        Assert.Equal(("7", "0", "9"), (first.Query("COUNT?"), second.Query("COUNT?"), third.Query("COUNT?")));
    }

    [Fact]
    public void TwoSessionsToOneResourceShareTheInstrument()
    {
        using var manager = new ResourceManager(SimClient.Spec("resources.yaml"));
        using var first = SimClient.Open(manager, "GPIB0::1::INSTR");
        using var second = SimClient.Open(manager, "GPIB0::1::INSTR");
        Assert.Equal("OK", first.Query("COUNT 5"));
        Assert.Equal("5", second.Query("COUNT?"));
    }

    [Fact]
    public void StateIsResetForEachResourceManager()
    {
        using (var client = SimClient.Open(SimClient.Spec("resources.yaml"), "GPIB0::1::INSTR"))
            Assert.Equal("OK", client.Query("COUNT 99"));
        using var again = SimClient.Open(SimClient.Spec("resources.yaml"), "GPIB0::1::INSTR");
        Assert.Equal("0", again.Query("COUNT?"));
    }

    [Fact]
    public void DevicesComeFromOtherFilesAndFromBundledFiles()
    {
        using var manager = new ResourceManager(SimClient.Spec("include_main.yaml"));
        using var meter = SimClient.Open(manager, "GPIB0::20::INSTR");
        Assert.Equal("INCLUDED,METER", meter.Query("*IDN?"));
        using var bundled = SimClient.Open(manager, "GPIB0::21::INSTR");
        Assert.Equal("SCPI,MOCK,VERSION_1.0", bundled.Query("*IDN?"));
        Assert.Equal("+1.00000000E+00", bundled.Query(":VOLT:IMM:AMPL?"));
    }

    [Fact]
    public void RandomRepliesFollowTheSeed()
    {
        using var client = SimClient.Open(SimClient.Spec("random.yaml"), "TCPIP0::noisy.local::inst0::INSTR");
        // CPython after random.seed(42): uniform(0, 10.5) draws 6.71, 0.26, 2.89, 2.34, 7.73, 7.11.
        Assert.Equal("6.71", client.Query(":READ?"));
        Assert.Equal("0.26, 2.89, 2.34, 7.73, 7.11", client.Query(":SCAN?"));
        Assert.Matches(@"^V=[-+]\d\.\d{3}$", client.Query(":VOLT?"));
    }

    [Fact]
    public void AMalformedRandomReplyFailsTheWriteAsPyvisaSimDoes()
    {
        using var client = SimClient.Open(SimClient.Spec("random.yaml"), "TCPIP0::noisy.local::inst0::INSTR");
        var error = Assert.Throws<VisaException>(() => client.Write(":BAD?"));
        Assert.Equal(StatusCode.ErrorIO, error.Status);
        Assert.Contains("Wrong RANDOM directive", error.Message, StringComparison.Ordinal);
        Assert.Contains(":BAD?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesDirectivesCarryRawBytes()
    {
        using var client = SimClient.Open(SimClient.Spec("bytes.yaml"), "TCPIP0::bytes.local::inst0::INSTR");
        client.WriteRaw([0xaa, 0x55, 0x00, 0x02]);
        Assert.Equal(new byte[] { 0xaa, 0x55, 0x80, 0xff }, client.ReadBytes());
        client.WriteRaw("STATUS"u8.ToArray());
        Assert.Equal(new byte[] { (byte)'o', (byte)'k', 1, 2, (byte)'e', (byte)'n', (byte)'d' }, client.ReadBytes());
    }

    [Fact]
    public void QcodesStyleTextProperties()
    {
        using var client = SimClient.Open(SimClient.Spec("qcodes_style.yaml"), "GPIB0::12::INSTR");
        Assert.Equal("QCoDeS, SimSource, 1337, 0.0.01", client.Query("*IDN?"));
        Assert.Equal("\"\"", client.Query("INNAME? A"));
        client.Write("INNAME A,\"Sensor 1\"");
        Assert.Equal("\"Sensor 1\"", client.Query("INNAME? A"));
        client.Write(":SOUR:RANG 1e-3");
        Assert.Equal("1e-3", client.Query(":SOUR:RANG?"));
        client.Write(":OUTP:STAT ON");
        Assert.Equal("ON", client.Query(":OUTP:STAT?"));
        Assert.Equal("ERROR", client.Query(":OUTP:STAT MAYBE"));
    }
}
