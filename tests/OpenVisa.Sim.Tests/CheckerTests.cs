namespace OpenVisa.Sim.Tests;

public class CheckerTests
{
    [Theory]
    [InlineData("dialogues.yaml", 5)]
    [InlineData("properties.yaml", 1)]
    [InlineData("channels.yaml", 4)]
    [InlineData("errors.yaml", 3)]
    [InlineData("resources.yaml", 3)]
    [InlineData("include_main.yaml", 2)]
    [InlineData("random.yaml", 1)]
    [InlineData("delimiter.yaml", 3)]
    [InlineData("bytes.yaml", 1)]
    [InlineData("qcodes_style.yaml", 1)]
    [InlineData("profile_virtual.yaml", 1)]
    [InlineData("profile_recorded.yaml", 1)]
    [InlineData("bench_with_profile.yaml", 3)]
    public void GoodFilesHaveNoErrors(string file, int resources)
    {
        var report = SimFileChecker.Check(SimClient.File(file));
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        Assert.Equal(resources, report.Resources.Count);
    }

    [Fact]
    public void BundledFilesCheckClean()
    {
        var builtin = SimFileChecker.Check(SimLibrary.BuiltInFile);
        // Only pyvisa-sim's own quirks in its default devices: OUTP? of device 3 and the two malformed RANDOM replies.
        Assert.All(builtin.Problems, p => Assert.Equal(SimProblemSeverity.Warning, p.Severity));
        Assert.Equal(3, builtin.Problems.Count);
        Assert.Contains(builtin.Problems, p => p.Message.Contains("querying 'OUTP?' fails", StringComparison.Ordinal));
        Assert.Equal(2, builtin.Problems.Count(p => p.Message.Contains("RANDOM", StringComparison.Ordinal)));
        Assert.Equal(0, builtin.ExitCode);
        Assert.Equal(2, builtin.ExitCodeFor(strict: true));
        Assert.Equal(3, SimFileChecker.Check("bundled:default.yaml").Problems.Count);
        Assert.Equal(42, builtin.Resources.Count);
        Assert.Contains(builtin.Devices, d => d.Name == "SIM-PSU3" && d.Dialect == "profile");
    }

    [Fact]
    public void ReportListsResourcesAndDialogues()
    {
        var report = SimFileChecker.Check(SimClient.File("dialogues.yaml"));
        Assert.Equal(0, report.ExitCode);
        var asrl = Assert.Single(report.Resources, r => r.Name == "ASRL1::INSTR");
        Assert.Equal(("lab", "pyvisa-sim", "\\r\\n", "\\n"), (asrl.Device, asrl.Dialect, asrl.QueryTermination, asrl.ReplyTermination));
        var device = Assert.Single(report.Devices);
        Assert.Contains(device.Dialogues, d => d.Kind == "dialogue" && d.Query == "?IDN" && d.Reply == "LAB Serial #42");
        Assert.Contains(device.Dialogues, d => d.Query == "*RST" && d.Reply is null);
    }

    [Fact]
    public void MalformedYamlIsReportedWithItsPlace()
    {
        var report = SimFileChecker.Check(SimClient.File("bad_yaml.yaml"));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(SimProblemSeverity.Error, problem.Severity);
        Assert.EndsWith("bad_yaml.yaml", problem.File, StringComparison.Ordinal);
        Assert.Contains("YAML", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, 4, 5);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public void UnsupportedSpecVersion()
    {
        var problem = Assert.Single(SimFileChecker.Check(SimClient.File("bad_spec.yaml")).Problems);
        Assert.Equal((1, 7), (problem.Line, problem.Column));
        Assert.Contains("2.0", problem.Message, StringComparison.Ordinal);
        Assert.Contains("1.1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeysAreWarningsWithAHint()
    {
        var report = SimFileChecker.Check(SimClient.File("unknown_key.yaml"));
        Assert.True(report.IsValid);
        // Warnings only: the file loads, so the check passes unless --strict.
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(2, report.ExitCodeFor(strict: true));
        var dialogue = Assert.Single(report.Problems, p => p.Message.Contains("'dialogue'", StringComparison.Ordinal));
        Assert.Equal((6, 5), (dialogue.Line, dialogue.Column));
        Assert.Contains("known keys are", dialogue.Message, StringComparison.Ordinal);
        var getter = Assert.Single(report.Problems, p => p.Message.Contains("'Getter'", StringComparison.Ordinal));
        Assert.Contains("did you mean 'getter'", getter.Message, StringComparison.Ordinal);
        Assert.Equal(SimProblemSeverity.Warning, getter.Severity);
    }

    [Fact]
    public void BadSetterAndInvalidDefault()
    {
        var report = SimFileChecker.Check(SimClient.File("bad_setter.yaml"));
        var setter = Assert.Single(report.Problems, p => p.Message.Contains("RANG {:q}", StringComparison.Ordinal));
        Assert.Equal((10, 21), (setter.Line, setter.Column));
        Assert.Contains("not a type stringparser knows", setter.Message, StringComparison.Ordinal);
        var limit = Assert.Single(report.Problems, p => p.Message.Contains("limit", StringComparison.Ordinal));
        Assert.Equal(SimProblemSeverity.Error, limit.Severity);
        Assert.Contains("20.0 is more than the maximum 10.0", limit.Message, StringComparison.Ordinal);
        Assert.Equal(13, limit.Line);
    }

    [Fact]
    public void MissingDeviceNamesTheDevicesThatExist()
    {
        var report = SimFileChecker.Check(SimClient.File("missing_device.yaml"));
        var problem = Assert.Single(report.Problems, p => p.Severity == SimProblemSeverity.Error);
        Assert.Equal((8, 29), (problem.Line, problem.Column));
        Assert.Contains("'mete'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'meter'", problem.Message, StringComparison.Ordinal);
        Assert.Single(report.Resources);
    }

    [Fact]
    public void ProfileExpressionsThatNeedPythonAreErrors()
    {
        var report = SimFileChecker.Check(SimClient.File("bad_profile.yaml"));
        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Line == 5 && p.Message.Contains("'__import__' is not available", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Line == 7 && p.Message.Contains("'for' is not available", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingFileIsAProblemNotAnException()
    {
        var report = SimFileChecker.Check(SimClient.File("no_such_file.yaml"));
        var problem = Assert.Single(report.Problems);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeProfileWarnsAboutARuleWithoutCondition()
    {
        var report = SimFileChecker.Check(SimClient.File("profile_scope.yaml"));
        Assert.True(report.IsValid, string.Join(Environment.NewLine, report.Problems));
        var warning = Assert.Single(report.Problems);
        Assert.Contains("never fires", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedInOneRun()
    {
        // Two of each kind, in two devices and four resources: a check lists all of them, not the first of each kind.
        var folder = Directory.CreateTempSubdirectory("sim-many-").FullName;
        try
        {
            var path = Path.Combine(folder, "many.yaml");
            File.WriteAllText(path, """
                spec: "1.1"
                devices:
                  a:
                    eom: {"GPIB": {q: "\n", r: "\n"}, "FOO INSTR": {q: "\n", r: "\n"}}
                    properties:
                      x: {default: 1, specs: {type: number}}
                      y: {default: 9, specs: {type: int, max: 5}}
                  b:
                    properties:
                      x: {default: 1, specs: {type: number}}
                      y: {default: 9, specs: {type: int, max: 5}}
                resources:
                  GPIB0::1::INSTR: {device: a}
                  GPIB0::2::INSTR: {device: b}
                  GPIB0::3::INSTR: {device: missing1}
                  GPIB0::4::INSTR: {device: missing2}
                """);
            var errors = SimFileChecker.Check(path).Problems.Where(p => p.Severity == SimProblemSeverity.Error).ToList();
            Assert.Equal(2, errors.Count(e => e.Message.Contains("eom key", StringComparison.Ordinal)));
            Assert.Equal(2, errors.Count(e => e.Message.Contains("Invalid property type 'number'", StringComparison.Ordinal)));
            Assert.Equal(2, errors.Count(e => e.Message.Contains("the default of property 'y'", StringComparison.Ordinal)));
            Assert.Equal(2, errors.Count(e => e.Message.Contains("which " + path + " does not define", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
