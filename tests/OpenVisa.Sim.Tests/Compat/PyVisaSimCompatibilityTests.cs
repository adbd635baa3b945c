namespace OpenVisa.Sim.Tests.Compat;

/// <summary>
/// The simulator against pyvisa-sim itself: real pyvisa-sim files (pyvisa-sim's own default.yaml and test fixture, and
/// the QCoDeS and PyMeasure driver simulations) played with transcripts whose expected replies pyvisa-sim gave (Compat/README.md).
/// </summary>
public sealed class PyVisaSimCompatibilityTests
{
    public static TheoryData<string> Transcripts => [.. PyVisaSimTranscript.Names];

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void Every_reply_is_the_one_pyvisa_sim_gives(string name)
    {
        var transcript = PyVisaSimTranscript.Load(name);
        Assert.Null(transcript.LoadError);
        var (steps, differences) = TranscriptPlayer.Play(transcript);
        Assert.True(steps > 0, $"{name} has no steps");
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {steps} steps differ from pyvisa-sim:{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(40))}");
    }

    [Fact]
    public void TheBundledDefaultFileServesPyVisaSimsDefaultDevicesExactly()
    {
        // ResourceManager("@sim") in PyVISA serves pyvisa-sim's default.yaml; OpenVisa bundles its own copy of those devices.
        var transcript = PyVisaSimTranscript.Load("pyvisa_sim_default.transcript.json");
        var (steps, differences) = TranscriptPlayer.Play(transcript, "bundled:default.yaml");
        Assert.True(steps > 1000, $"only {steps} steps");
        Assert.True(differences.Count == 0,
            $"{differences.Count} of {steps} steps differ from pyvisa-sim:{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(40))}");
    }

    [Fact]
    public void ADifferentReplyIsReportedWithTheStepThatShowsIt()
    {
        // The player must be able to fail: one recorded reply altered is one difference, named with its write.
        var transcript = PyVisaSimTranscript.Load("pyvisa_sim_default.transcript.json");
        var first = transcript.Resources[0];
        var index = first.Steps.ToList().FindIndex(s => s.Replies.Count == 1);
        var altered = first.Steps.Select((s, k) => k == index ? s with { Replies = ["altered\n"] } : s).ToList();
        var (_, differences) = TranscriptPlayer.Play(transcript with { Resources = [first with { Steps = altered }] });
        var difference = Assert.Single(differences);
        Assert.Equal(index, difference.Step);
        Assert.Contains("altered", difference.Expected, StringComparison.Ordinal);
    }
}
