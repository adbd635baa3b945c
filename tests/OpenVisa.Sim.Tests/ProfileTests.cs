using System.Buffers.Binary;
using System.Text;

namespace OpenVisa.Sim.Tests;

public class ProfileTests
{
    private const string Virtual = "TCPIP0::virtual.local::inst0::INSTR";

    [Fact]
    public void StaticRepliesSetGetIncDec()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        Assert.Equal("\n", client.WriteTermination);
        Assert.Equal("PyTestLab,Virtual-Instrument-1,0,1.0", client.Query("*IDN?"));
        Assert.Equal("0.0", client.Query("MEAS:VOLT?"));
        client.Write("SET:VOLT 3.3");
        Assert.Equal("3.3", client.Query("MEAS:VOLT?"));
        client.Write("COUNT:INC");
        client.Write("COUNT:INC");
        client.Write("COUNT:DEC");
        Assert.Equal("1", client.Query("COUNT?"));
        client.Write("TRIG:STATE ARMED");
        Assert.Equal("ARMED", client.Query("trig:state?"));
        client.Write("STATUS:MSG all good; really");
        Assert.Equal("all good", client.Query("STATUS:MSG?"));
        Assert.Equal("1.0", client.Query("CH1:SCALE?"));
    }

    [Fact]
    public void ExpressionsAndLambdas()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("COUNT:INC");
        Assert.Equal("3.5", client.Query("DYNAMIC:ADD 2.5"));
        // CPython: random.seed(7); random.randint(1, 100) gives 42 first.
        Assert.Equal("42", client.Query("DYNAMIC:RAND?"));
        Assert.Equal("SHOUT", client.Query("ECHO:UPPER shout"));
    }

    [Fact]
    public void ListsOfAssignmentsAndResponseWithState()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("SET:VOLT 5");
        client.Write("*RST");
        Assert.Equal("0", client.Query("MEAS:VOLT?"));
        Assert.Equal("IDLE", client.Query("TRIG:STATE?"));
        Assert.Equal("RESET", client.Query("STATUS:MSG?"));
        client.Write("ERROR:PUSH");
        Assert.Equal("-100,\"Custom Error\"", client.Query("ERROR:CHECK?"));
        Assert.Equal("+0,\"No error\"", client.Query("ERROR:CHECK?"));
    }

    [Fact]
    public void ErrorRulesWithConditionsFeedTheErrorQueue()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("SET:VOLT 5");
        Assert.Equal("+0,\"No error\"", client.Query("SYST:ERR?"));
        client.Write("SET:VOLT 12.5");
        Assert.Equal("-222,\"Data out of range; 12.5 V is above 10 V\"", client.Query("SYSTem:ERRor:NEXT?"));
        Assert.Equal("16", client.Query("*ESR?"));
    }

    [Fact]
    public void UnknownCommandsQueueUndefinedHeaderInsteadOfAnsweringNothingSilently()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("NOT:A:COMMAND?");
        var timeout = client.ExpectNoReply();
        Assert.Contains("'NOT:A:COMMAND?' was not understood by the profile 'Virtual-Instrument-1'", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("2", client.Query("SYST:ERR:COUN?"));
        Assert.Equal("-113,\"Undefined header\"", client.Query("SYST:ERR?"));
        Assert.Equal("-420,\"Query UNTERMINATED\"", client.Query("SYST:ERR?"));
    }

    [Fact]
    public void BinaryRepliesFromAFile()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        var raw = File.ReadAllBytes(SimClient.File("wave.bin"));
        client.Write("FETCH:WAV?");
        Assert.Equal([.. raw, (byte)'\n'], client.ReadBytes());
        client.Write("FETCH:BLOCK?");
        Assert.Equal([.. "#18"u8.ToArray(), .. raw, (byte)'\n'], client.ReadBytes());
    }

    [Fact]
    public void DelaysMakeRepliesLateAndRespectTheCallersTimeout()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.TimeoutMs = 50;
        var started = System.Diagnostics.Stopwatch.StartNew();
        client.Write("SLOW?");
        var error = Assert.Throws<VisaException>(() => client.Read());
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("The reply to 'SLOW?' is due in", error.Message, StringComparison.Ordinal);
        client.TimeoutMs = 5000;
        Assert.Equal("1", client.Read());
        // The 0.3 s delay is honoured: the reply never comes early.
        Assert.True(started.ElapsedMilliseconds >= 290, $"the reply came after {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task DelayedRepliesCanBeAwaited()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("SLOW?");
        var buffer = new byte[16];
        var result = await client.Library.ReadAsync(client.Session, buffer);
        Assert.Equal("1\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
        Assert.Equal(StatusCode.Success, result.Status);
    }

    [Fact]
    public void RecordedKeysMatchTheCommandsTheyWereRecordedFrom()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_recorded.yaml"), "TCPIP0::sim-edu36311a::inst0::INSTR");
        Assert.StartsWith("Keysight Technologies,EDU36311A", client.Query("*IDN?"), StringComparison.Ordinal);
        Assert.Equal("3.299812", client.Query("MEAS:VOLT? (@1)"));
        Assert.Equal("3.299812", client.Query("meas:volt? (@1)"));
        Assert.Equal("3.299812", client.Query(":MEASure:VOLTage? (@1)"));
        Assert.Equal("0.012034", client.Query("MEAS:CURR?   (@1)"));
        Assert.Equal("0.000013", client.Query("MEAS:VOLT? (@2)"));
        client.Write("VOLT 3.3, (@1)");
        client.Write("VOLTAGE 3.30,(@1)");
        client.Write("OUTP:STAT ON,(@1)");
        Assert.Equal("+0,\"No error\"", client.Query("SYST:ERR?"));
        Assert.Equal("0", client.Query("*ESR?"));
        client.Write("VOLT 3.4, (@1)");
        Assert.Equal("32", client.Query("*ESR?"));
        // The profile answers SYST:ERR? itself, in any of its forms.
        Assert.Equal("+0,\"No error\"", client.Query("SYSTEM:ERROR?"));
        Assert.Equal("-113,\"Undefined header\"", client.Query("SYSTem:ERRor:NEXT?"));
    }

    [Fact]
    public void RegexKeysAcceptShortAndLongFormsAndTheLeadingColon()
    {
        using var client = SimClient.Open(SimClient.Spec("bench_with_profile.yaml"), "USB0::0x2A8D::0x1602::SIMSCOPE::0::INSTR");
        Assert.Equal("Simulated,Keysight,DSOX1204G,SIM1.0", client.Query("*IDN?"));
        client.Write(":CHANnel2:SCALe 0.5");
        Assert.Equal("0.5", client.Query(":CHANnel2:SCALe?"));
        client.Write("CHAN2:SCAL 0.25");
        Assert.Equal("0.25", client.Query("chan2:scal?"));
        client.Write(":CHANNEL3:DISPLAY ON");
        Assert.Equal("1", client.Query(":CHAN3:DISP?"));
        Assert.Equal("1", client.Query(":CHAN1:DISP?"));
        client.Write(":TIM:SCAL 2E-3");
        Assert.Equal("0.002", client.Query(":TIMEBASE:SCALE?"));
        client.Write(":DIGitize CHANnel1");
        Assert.Equal("+0,\"No error\"", client.Query("SYST:ERR?"));
    }

    [Fact]
    public void ScopeErrorRulesBinaryExpressionsAndReset()
    {
        using var client = SimClient.Open(SimClient.Spec("bench_with_profile.yaml"), "USB0::0x2A8D::0x1602::SIMSCOPE::0::INSTR");
        client.Write(":CHAN1:SCAL 0.0001");
        Assert.Equal("-222,\"Data out of range; CH1 scale cannot be less than 1mV/div\"", client.Query(":SYST:ERR?"));
        client.Write(":TIM:SCAL 0.5");
        Assert.Equal("+0,\"No error\"", client.Query(":SYST:ERR?"));

        Assert.Equal("BYTE,8,1.000e-03", client.Query(":WAV:PRE?").Replace("5.000e-01", "1.000e-03", StringComparison.Ordinal));
        client.Write(":WAVeform:DATA?");
        var block = client.ReadBytes();
        Assert.Equal([.. "#800000008"u8.ToArray(), .. Enumerable.Repeat((byte)0x80, 8), (byte)'\n'], block);

        client.Write(":WAV:RAMP?");
        var ramp = client.ReadBytes();
        Assert.Equal("#216"u8.ToArray(), ramp[..4]);
        var samples = Enumerable.Range(0, 8).Select(k => BinaryPrimitives.ReadInt16LittleEndian(ramp.AsSpan(4 + 2 * k))).ToArray();
        Assert.Equal(new short[] { -300, -200, -100, 0, 100, 200, 300, 400 }, samples);

        client.Write("*RST");
        Assert.Equal("1.0", client.Query(":CHAN1:SCAL?"));
        Assert.Equal("0.001", client.Query(":TIM:SCAL?"));
    }

    [Fact]
    public void ProfilesAndPyvisaSimDevicesServeFromOneFile()
    {
        using var manager = new ResourceManager(SimClient.Spec("bench_with_profile.yaml"));
        Assert.Equal(["GPIB0::15::INSTR", "GPIB0::16::INSTR", "USB0::0x2A8D::0x1602::SIMSCOPE::0::INSTR"], manager.ListResources().Order(StringComparer.Ordinal));
        using var meter = SimClient.Open(manager, "GPIB0::15::INSTR");
        Assert.Equal("METER", meter.Query("*IDN?"));
        using var psu = SimClient.Open(manager, "GPIB0::16::INSTR");
        Assert.Equal("3.299812", psu.Query("MEAS:VOLT? (@1)"));
    }

    [Fact]
    public void GlobsMatchShortFormsAsTheirLongFormsAreWritten()
    {
        // PyTestLab's EDU36311A profile writes "VOLTage *"; its driver sends "VOLT 5, (@1)", which PyTestLab never matched.
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("VOLT 5, (@1)");
        Assert.Equal("5, (@1)", client.Query("GLOB:VOLT?"));
        client.Write("voltage 6, (@2)");
        Assert.Equal("6, (@2)", client.Query("GLOB:VOLT?"));
    }

    [Fact]
    public void RepliesOfOneMessageAreJoinedAsIeee4882Asks()
    {
        using var client = SimClient.Open(SimClient.Spec("profile_virtual.yaml"), Virtual);
        client.Write("SET:VOLT 1.5;MEAS:VOLT?;*IDN?");
        Assert.Equal("1.5;PyTestLab,Virtual-Instrument-1,0,1.0", client.Read());
    }
}
