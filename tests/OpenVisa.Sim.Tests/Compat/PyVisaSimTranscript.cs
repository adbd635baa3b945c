using System.Text;
using System.Text.Json;
using OpenVisa.Sim.Loading;
using OpenVisa.Sim.Runtime;
using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim.Tests.Compat;

/// <summary>One write of a recorded transcript and what pyvisa-sim answered: the replies it queued and whether the write raised.</summary>
/// <param name="Write">The bytes written, the device's query terminator included, as Latin-1 text.</param>
/// <param name="Replies">The messages pyvisa-sim queued, each with its reply terminator, as Latin-1 text.</param>
/// <param name="Error">The Python exception type the write raised, or null.</param>
internal sealed record TranscriptStep(string Write, IReadOnlyList<string> Replies, string? Error);

/// <summary>The steps written to one resource of a file, in order, on one instrument.</summary>
internal sealed record TranscriptResource(string Resource, IReadOnlyList<TranscriptStep> Steps);

/// <summary>
/// A transcript recorded once by running pyvisa-sim (git main, 7c3b9c0, with PyVISA 1.11.3) over a corpus file: each
/// resource gets a fresh device, Python's <c>random.seed(42)</c>, and the steps in order (see Compat/README.md).
/// </summary>
internal sealed record PyVisaSimTranscript(string File, string? LoadError, IReadOnlyList<TranscriptResource> Resources)
{
    /// <summary>The folder of the corpus files.</summary>
    public static string FilesFolder => Path.Combine(AppContext.BaseDirectory, "Compat", "Files");

    /// <summary>The names of every recorded transcript.</summary>
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Compat", "Transcripts"), "*.transcript.json")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static PyVisaSimTranscript Load(string name)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Compat", "Transcripts", name)));
        var root = document.RootElement;
        var resources = new List<TranscriptResource>();
        foreach (var resource in root.GetProperty("resources").EnumerateArray())
        {
            var steps = resource.GetProperty("steps").EnumerateArray().Select(s => new TranscriptStep(
                s.GetProperty("write").GetString()!,
                [.. s.GetProperty("replies").EnumerateArray().Select(r => r.GetString()!)],
                s.TryGetProperty("error", out var error) ? error.GetString() : null)).ToList();
            resources.Add(new TranscriptResource(resource.GetProperty("resource").GetString()!, steps));
        }
        return new PyVisaSimTranscript(root.GetProperty("file").GetString()!, root.GetProperty("loadError").GetString(), resources);
    }
}

/// <summary>What the simulator did differently from pyvisa-sim at one step.</summary>
internal sealed record TranscriptDifference(string File, string Resource, int Step, string Write, string Expected, string Actual)
{
    public override string ToString() => $"{File} {Resource} step {Step}: write {Show(Write)}: pyvisa-sim {Expected}, @sim {Actual}";

    public static string Show(string latin1) => JsonSerializer.Serialize(latin1);
}

/// <summary>Plays transcripts against the simulator's own instruments, exactly as the recording drove pyvisa-sim's devices.</summary>
internal static class TranscriptPlayer
{
    /// <summary>The seed the recording gave Python's <c>random</c> before each resource.</summary>
    public const long Seed = 42;

    /// <summary>Plays every step; returns the step count and the differences.</summary>
    public static (int Steps, List<TranscriptDifference> Differences) Play(PyVisaSimTranscript transcript) =>
        Play(transcript, Path.Combine(PyVisaSimTranscript.FilesFolder, transcript.File));

    /// <summary>Plays every step against the file <paramref name="path"/> (e.g. a bundled copy of the recorded file).</summary>
    public static (int Steps, List<TranscriptDifference> Differences) Play(PyVisaSimTranscript transcript, string path)
    {
        var differences = new List<TranscriptDifference>();
        var catalog = SimCatalogLoader.Load(path);
        var errors = catalog.Problems.Where(p => p.Severity == SimProblemSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{transcript.File} loads in pyvisa-sim but the simulator refuses it:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        var steps = 0;
        for (var r = 0; r < transcript.Resources.Count; r++)
        {
            var recorded = transcript.Resources[r];
            // A fresh manager per resource: its instrument draws RANDOM values from its own generator seeded as the recording was.
            var manager = new ResourceManagerSession(1, catalog, Seed);
            Assert.True(SimResourceNames.TryDescribe(recorded.Resource, out var name, out var problem), problem);
            Assert.True(catalog.TryFind(name.Canonical, out var entry), $"{path} serves no resource {recorded.Resource}");
            var instrument = manager.Instrument(entry);
            for (var s = 0; s < recorded.Steps.Count; s++)
            {
                var step = recorded.Steps[s];
                steps++;
                string? raised = null;
                try
                {
                    instrument.Write(Encoding.Latin1.GetBytes(step.Write), end: true);
                }
                catch (SimDeviceException e)
                {
                    raised = e.Message;
                }
                var replies = Drain(instrument);
                var expected = Describe(step.Replies, step.Error);
                var actual = Describe(replies, raised);
                if ((step.Error is null) != (raised is null) || !step.Replies.SequenceEqual(replies))
                    differences.Add(new TranscriptDifference(transcript.File, recorded.Resource, s, step.Write, expected, actual));
            }
            manager.DisposeInstruments();
        }
        return (steps, differences);
    }

    private static string Describe(IReadOnlyList<string> replies, string? error) =>
        "[" + string.Join(", ", replies.Select(TranscriptDifference.Show)) + "]" + (error is null ? "" : $" and raised ({error})");

    // Every queued reply, one per read: each ends with END, as pyvisa-sim's device flags its last byte.
    private static List<string> Drain(SimInstrument instrument)
    {
        var replies = new List<string>();
        var buffer = new byte[1 << 16];
        var options = new ReadOptions((byte)'\n', false, false, null, 0x80, TimeSpan.FromSeconds(5));
        while (instrument.HasQueuedReply)
        {
            var result = instrument.Read(buffer, options);
            replies.Add(Encoding.Latin1.GetString(buffer, 0, result.Count));
        }
        return replies;
    }
}
