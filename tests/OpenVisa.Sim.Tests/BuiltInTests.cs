using System.Globalization;

namespace OpenVisa.Sim.Tests;

public class BuiltInTests
{
    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void EveryInstrumentIsServedOnEveryInterfaceType()
    {
        using var manager = new ResourceManager("@sim");
        var all = manager.ListResources("?*");
        foreach (var device in new[] { "dmm", "psu", "scope", "fg" })
            Assert.Contains($"TCPIP0::sim-{device}.local::5025::SOCKET", all);
        Assert.Contains("ASRL11::INSTR", all);
        Assert.Contains("GPIB0::22::INSTR", all);
        Assert.Contains("USB0::0x2A8D::0x1797::SIM0003::0::INSTR", all);
        Assert.Contains("TCPIP0::sim-scope.local::inst0::INSTR", all);
        Assert.Contains("USB0::0x1111::0x2222::0x4445::0::RAW", all);
        Assert.Equal(42, all.Count);
        Assert.DoesNotContain(manager.ListResources(), n => n.EndsWith("SOCKET", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ASRL11::INSTR", "OpenVisa,SIM-DMM,SIM0001,1.0")]
    [InlineData("GPIB0::6::INSTR", "OpenVisa,SIM-PSU3,SIM0002,1.0")]
    [InlineData("USB0::0x2A8D::0x1797::SIM0003::0::INSTR", "OpenVisa,SIM-SCOPE4,SIM0003,1.0")]
    [InlineData("TCPIP0::sim-fg.local::5025::SOCKET", "OpenVisa,SIM-FG,SIM0004,1.0")]
    [InlineData("GPIB0::9::INSTR", "SCPI,MOCK,VERSION_1.0")]
    public void EachInstrumentIdentifiesItself(string resource, string identity)
    {
        using var client = SimClient.Open("@sim", resource);
        Assert.Equal(identity, client.Query("*IDN?"));
    }

    [Fact]
    public void MultimeterMeasures()
    {
        using var client = SimClient.Open("@sim", "GPIB0::22::INSTR");
        Assert.InRange(Number(client.Query("MEAS:VOLT:DC?")), 4.999, 5.001);
        Assert.Equal("\"VOLT\"", client.Query("FUNC?"));
        client.Write("FUNC \"RES\"");
        Assert.Equal("\"RES\"", client.Query("FUNC?"));
        client.Write("VOLT:DC:NPLC 1");
        Assert.Equal("+1.000000000E+00", client.Query("VOLT:DC:NPLC?"));
        Assert.Equal("+1", client.Query("SAMP:COUN?"));
    }

    [Fact]
    public void PowerSupplyHasThreeChannels()
    {
        using var client = SimClient.Open("@sim", "TCPIP0::sim-psu.local::inst0::INSTR");
        client.Write("VOLT 5, (@1)");
        client.Write("SOURce:CURRent:LEVel 0.2,(@1)");
        client.Write("OUTP ON, (@1)");
        Assert.Equal("+5.000000E+00", client.Query("VOLT? (@1)"));
        Assert.Equal("+5.000000E+00", client.Query("MEAS:VOLT? (@1)"));
        Assert.Equal("+5.000000E-02", client.Query("MEASure:CURRent:DC? (@1)"));
        Assert.Equal("+0.000000E+00", client.Query("MEAS:VOLT? (@2)"));
        client.Write("INST:NSEL 2");
        client.Write("VOLT 12");
        Assert.Equal("+1.200000E+01", client.Query("VOLT? (@2)"));
        Assert.Equal("+1.200000E+01", client.Query("VOLTage?"));
        Assert.Equal("+5.000000E+00", client.Query("VOLT? (@1)"));
        client.Write("VOLT 30, (@3)");
        Assert.Equal("-222,\"Data out of range\"", client.Query("SYST:ERR?"));
        Assert.Equal("+0.000000E+00", client.Query("VOLT? (@3)"));
        client.Write("APPL CH3, 7.5, 0.1");
        Assert.Equal("+7.500000E+00", client.Query("VOLT? (@3)"));
        Assert.Equal("+1.000000E-01", client.Query("CURR? (@3)"));
        client.Write("*RST");
        Assert.Equal("+0.000000E+00", client.Query("VOLT? (@1)"));
        Assert.Equal("0", client.Query("OUTP? (@1)"));
    }

    [Fact]
    public void OscilloscopeReturnsBinaryWaveforms()
    {
        using var client = SimClient.Open("@sim", "TCPIP0::sim-scope.local::inst0::INSTR");
        client.Write(":WAV:SOUR CHAN1;:WAV:POIN 1000");
        var preamble = client.Query(":WAVeform:PREamble?").Split(',');
        Assert.Equal(["0", "0", "1000", "1"], preamble[..4]);
        Assert.Equal(1e-5, Number(preamble[4]), 12);
        Assert.Equal(0.04, Number(preamble[7]), 12);
        client.Write(":WAV:DATA?");
        var sine = Block(client.ReadBytes());
        Assert.Equal(1000, sine.Length);
        Assert.InRange(sine.Max(), 176, 178);
        Assert.InRange(sine.Min(), 78, 80);

        client.Write(":WAVeform:SOURce CHANnel2");
        client.Write(":WAV:DATA?");
        var square = Block(client.ReadBytes());
        Assert.Equal([103, 153], square.Distinct().Order().ToArray());

        client.Write(":WAV:SOUR CHAN4");
        client.Write(":WAV:DATA?");
        var noise = Block(client.ReadBytes());
        Assert.True(noise.Distinct().Count() > 10);
        Assert.InRange(noise.Average(b => (double)b), 120, 136);
    }

    private static byte[] Block(byte[] reply)
    {
        Assert.Equal((byte)'#', reply[0]);
        var digits = reply[1] - '0';
        var length = int.Parse(System.Text.Encoding.ASCII.GetString(reply, 2, digits), CultureInfo.InvariantCulture);
        Assert.Equal(2 + digits + length + 1, reply.Length);
        Assert.Equal((byte)'\n', reply[^1]);
        return reply[(2 + digits)..^1];
    }

    [Fact]
    public void FunctionGeneratorChannelsAreIndependent()
    {
        using var client = SimClient.Open("@sim", "USB0::0x2A8D::0x8D01::SIM0004::0::INSTR");
        client.Write("SOUR1:FREQ 2000");
        client.Write("SOUR2:FUNC SQU");
        Assert.Equal("+2.000000000E+03", client.Query("SOUR1:FREQ?"));
        Assert.Equal("+1.000000000E+03", client.Query("SOUR2:FREQ?"));
        Assert.Equal(("SIN", "SQU"), (client.Query("SOUR1:FUNC?"), client.Query("SOUR2:FUNC?")));
        client.Write("OUTP2 1");
        Assert.Equal(("0", "1"), (client.Query("OUTP1?"), client.Query("OUTP2?")));
    }

    // The dialogues of pyvisa-sim's test_all.py against its default devices, served by "@sim".
    [Theory]
    [InlineData("ASRL1::INSTR")]
    [InlineData("GPIB0::8::INSTR")]
    [InlineData("TCPIP0::localhost::inst0::INSTR")]
    [InlineData("TCPIP0::localhost::10001::SOCKET")]
    [InlineData("USB0::0x1111::0x2222::0x1234::0::INSTR")]
    [InlineData("USB0::0x1111::0x2222::0x4445::0::RAW")]
    public void PyvisaSimDefaultSignalGenerator(string resource)
    {
        using var client = SimClient.Open("@sim", resource);
        Assert.Equal(resource.StartsWith("ASRL", StringComparison.Ordinal) ? "\r\n" : "\n", client.WriteTermination);
        Assert.Equal("LSG Serial #1234", client.Query("?IDN"));
        Assert.Equal("OK", client.Query("!CAL"));
        Assert.Equal("100.00", client.Query("?FREQ"));
        Assert.Equal("OK", client.Query("!FREQ 10.3"));
        Assert.Equal("10.30", client.Query("?FREQ"));
        Assert.Equal("OK", client.Query("!AMP 0.5"));
        Assert.Equal("0.50", client.Query("?AMP"));
        Assert.Equal("OK", client.Query("!OFF 1.5"));
        Assert.Equal("1.50", client.Query("?OFF"));
        Assert.Equal("OK", client.Query("!OUT 1"));
        Assert.Equal("1", client.Query("?OUT"));
        Assert.Equal("OK", client.Query("!WVF 1"));
        Assert.Equal("1", client.Query("?WVF"));
        Assert.Equal("ERROR", client.Query("!WVF 23"));
        Assert.Equal("FREQ_ERROR", client.Query("!FREQ 0.0"));
        Assert.Equal("ERROR", client.Query("BOGUS_COMMAND"));
    }

    [Theory]
    [InlineData("ASRL2::INSTR")]
    [InlineData("GPIB0::9::INSTR")]
    [InlineData("TCPIP0::localhost:2222::inst0::INSTR")]
    [InlineData("USB0::0x1111::0x2222::0x2468::0::INSTR")]
    public void PyvisaSimDefaultScpiSupply(string resource)
    {
        using var client = SimClient.Open("@sim", resource);
        Assert.Equal("SCPI,MOCK,VERSION_1.0", client.Query("*IDN?"));
        Assert.Equal("+1.00000000E+00", client.Query(":VOLT:IMM:AMPL?"));
        client.Write(":VOLT:IMM:AMPL 2.3");
        Assert.Equal("+2.30000000E+00", client.Query(":VOLT:IMM:AMPL?"));
        Assert.Equal("P6V", client.Query("INST?"));
        client.Write("INST P25V");
        Assert.Equal("P25V", client.Query("INST?"));
        client.Write("OUTP 1");
        Assert.Equal("1", client.Query("OUTP?"));
        client.Write("FAKE_COMMAND");
        Assert.Equal("32", client.Query("*ESR?"));
    }

    [Fact]
    public void PyvisaSimDefaultDevicesThreeAndFour()
    {
        using var manager = new ResourceManager("@sim");
        using var three = SimClient.Open(manager, "GPIB0::10::INSTR");
        Assert.Equal("INVALID_COMMAND", three.Query("FAKE_COMMAND"));
        Assert.Equal("32", three.Query("*ESR?"));
        using var four = SimClient.Open(manager, "ASRL4::INSTR");
        Assert.Equal("0, No Error", four.Query(":SYST:ERR?"));
        four.Write("FAKE COMMAND");
        Assert.Equal("1, Command error", four.Query(":SYST:ERR?"));
        using var five = SimClient.Open(manager, "TCPIP0::localhost:5555::inst0::INSTR");
        Assert.Matches(@"^\d+\.\d\d$", five.Query(":READ?"));
        Assert.Matches(@"^(\d+\.\d\d, ){4}\d+\.\d\d$", five.Query(":SCAN?"));
    }
}
