namespace OpenVisa.Sim.Tests;

/// <summary>
/// Issue 19: what pyvisa-sim does with files and commands a stricter simulator would refuse or answer itself. Each expected
/// reply is read from pyvisa-sim's code (the function is named in each test) and was confirmed against pyvisa-sim
/// itself with the same transcript.
/// </summary>
public sealed class PyVisaSimFidelityTests
{
    private static SimClient Open() => SimClient.Open(SimClient.Spec("fidelity.yaml"), "GPIB0::1::INSTR");

    [Fact]
    public void ASetterWithoutAFieldMatchesTheBareCommandAndStoresAnEmptyDict()
    {
        // component.py Component._match_setters: stringparser.Parser("PAUSE")("PAUSE") returns {} (no fields), stored as is.
        using var client = Open();
        Assert.Equal("", client.Query("PAUSED?"));
        Assert.Equal("OK", client.Query("PAUSE"));
        Assert.Equal("{}", client.Query("PAUSED?"));
        Assert.Equal("ERROR", client.Query("PAUSE 1"));
    }

    [Fact]
    public void NamedAndSeveralFieldsStoreTheDictOrListAndTheGetterAnswersItsRepr()
    {
        // stringparser Parser.__call__: named fields give a dict, several unnamed ones a list; "{}".format(x) is repr(x).
        using var client = Open();
        Assert.Equal("none", client.Query("CHAN?"));
        client.Write("channel.reset(7)");
        client.ExpectNoReply();
        Assert.Equal("{'val': '7'}", client.Query("CHAN?"));
        client.Write("PAIR 1 2");
        Assert.Equal("['1', '2']", client.Query("PAIR?"));
        client.Write("channel.reset(it's)");
        Assert.Equal("{'val': \"it's\"}", client.Query("CHAN?"));
    }

    [Fact]
    public void ADictForFloatSpecsMakesTheWriteFailAndKeepsTheValue()
    {
        // component.py Property.validate_value: float({'val': '2'}) raises TypeError, which _match_setters does not catch.
        using var client = Open();
        var error = Assert.Throws<VisaException>(() => client.Write("LEV 2"));
        Assert.Equal(StatusCode.ErrorIO, error.Status);
        Assert.Contains("TypeError", error.Message, StringComparison.Ordinal);
        Assert.Contains("'level'", error.Message, StringComparison.Ordinal);
        Assert.Contains("one unnamed field", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.00", client.Query("LEV?"));
    }

    [Fact]
    public void AGetterThatCannotFormatTheTextDefaultFailsOnlyUntilTheFirstSet()
    {
        // component.py Component._match_getters: "{:d}".format("0") raises ValueError; after "OUT 1" the value is int 1.
        using var client = Open();
        var error = Assert.Throws<VisaException>(() => client.Write("OUT?"));
        Assert.Equal(StatusCode.ErrorIO, error.Status);
        Assert.Contains("Unknown format code 'd' for object of type 'str'", error.Message, StringComparison.Ordinal);
        Assert.Equal("SHAPES,1", client.Query("*IDN?"));
        client.Write("OUT 1");
        Assert.Equal("1", client.Query("OUT?"));
    }

    [Fact]
    public void CommonCommandsTheFileDoesNotDefineGetTheErrorResponseAndRstKeepsTheState()
    {
        // devices.py Device.write: a query nothing matches gets error_response("command_error"); *RST is just such a query.
        using var client = Open();
        client.Write("SOUR:POW 20");
        Assert.Equal("ERROR", client.Query("*RST"));
        Assert.Equal("20", client.Query("SOUR:POW?"));
        foreach (var command in new[] { "*OPC?", "*idn?", "*CLS", "*ESR?", "*STB?", "SYST:ERR?", ":SYSTem:ERRor?" })
            Assert.Equal("ERROR", client.Query(command));
    }

    [Fact]
    public void ATimeoutAfterAnUnknownCommandSaysItsErrorResponseWasRead()
    {
        using var client = Open();
        Assert.Equal("ERROR", client.Query("*CLS"));
        var error = client.ExpectNoReply();
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("'*CLS' was not understood by the pyvisa-sim device 'shapes', and its error response was already read", error.Message, StringComparison.Ordinal);
        Assert.Contains("common commands it does not define are unknown too", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommonCommandsAnswerWhenTheFileOptsIn()
    {
        // OpenVisa's key common_commands: true: the IEEE 488.2 extras, *RST back to the defaults.
        using var client = SimClient.Open(SimClient.SpecWithCommonCommands("fidelity.yaml"), "GPIB0::1::INSTR");
        Assert.Equal("SHAPES,1", client.Query("*IDN?"));
        Assert.Equal("1", client.Query("*OPC?"));
        client.Write("SOUR:POW 20");
        client.Write("*RST");
        Assert.Equal("10.0", client.Query("SOUR:POW?"));
        Assert.Equal("+0,\"No error\"", client.Query("SYST:ERR?"));
    }

    [Fact]
    public void AMalformedRandomDirectiveFailsTheWriteAfterTheEarlierReplies()
    {
        // component.py random_response raises "pyvisa-sim: Wrong RANDOM directive"; Device.write has queued the replies
        // before it, and clears its input buffer.
        using var client = Open();
        var error = Assert.Throws<VisaException>(() => client.Write("*IDN?;:BAD?;*IDN?"));
        Assert.Equal(StatusCode.ErrorIO, error.Status);
        Assert.Equal("Write", error.Operation);
        Assert.Contains("malformed RANDOM directive", error.Message, StringComparison.Ordinal);
        Assert.Contains("{RANDOM(0, 1):.2f}", error.Message, StringComparison.Ordinal);
        Assert.Equal("SHAPES,1", client.Read());
        client.ExpectNoReply();
        Assert.Equal("SHAPES,1", client.Query("*IDN?"));
    }

    [Fact]
    public void AChannelSetterWithATypedChannelIdStoresWhereNoQueryReads()
    {
        // channels.py Channels._match_setters: self._selected = parsed["ch_id"], the int 1 for {ch_id:d}; the getters of
        // ChDict expand the text ids, and ChannelProperty.get_value then finds nothing under "1": the default stays.
        using var client = SimClient.Open(SimClient.Spec("channel_typed_id.yaml"), "GPIB0::1::INSTR");
        client.Write("V1 5.0");
        client.ExpectNoReply();
        Assert.Equal("1.0", client.Query("V1?"));
        Assert.Equal("1.0", client.Query("V2?"));
    }

    [Fact]
    public void ADeviceNoResourceUsesCannotStopTheFileFromLoading()
    {
        // parser.py get_devices builds only the devices resources name: the invalid default of 'broken' is never seen.
        var report = SimFileChecker.Check(SimClient.File("fidelity.yaml"));
        Assert.True(report.IsValid);
        var broken = Assert.Single(report.Problems, p => p.Message.Contains("device 'broken'", StringComparison.Ordinal) && p.Message.Contains("invalid", StringComparison.Ordinal));
        Assert.Equal(SimProblemSeverity.Warning, broken.Severity);
        Assert.Contains("no resource uses device 'broken'", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALoadedFileWarnsAboutTheShapesThatBehaveOddly()
    {
        var report = SimFileChecker.Check(SimClient.File("fidelity.yaml"));
        Assert.Contains(report.Problems, p => p.Message.Contains("'channel.reset({val})'", StringComparison.Ordinal) && p.Message.Contains("{'val': '7'}", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Message.Contains("'LEV {val}'", StringComparison.Ordinal) && p.Message.Contains("TypeError", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Message.Contains("querying 'OUT?' fails until a setter stores a value", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Problems, p => p.Message.Contains("'PAUSE'", StringComparison.Ordinal));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public void CommonCommandsMustBeTrueOrFalse()
    {
        var folder = Directory.CreateTempSubdirectory("sim-common-").FullName;
        try
        {
            var path = Path.Combine(folder, "bad.yaml");
            File.WriteAllText(path, "spec: \"1.1\"\ncommon_commands: sometimes\ndevices: {}\nresources: {}\n");
            var problem = Assert.Single(SimFileChecker.Check(path).Problems);
            Assert.Equal(SimProblemSeverity.Error, problem.Severity);
            Assert.Equal((2, 18), (problem.Line, problem.Column));
            Assert.Contains("common_commands: 'sometimes' must be true or false", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
