// Record a session, then replay it without the instrument. The same code runs both times; only the backend spec
// changes. A replay that is asked something the recording never saw fails at once, saying where and what differed.
//
//   dotnet run --project examples/RecordReplay -- session.jsonl
//
// To record a real instrument, record "@managed" instead of "@sim" (or run: ovisa record --to session.jsonl -- query …).
using OpenVisa;

var sessionFile = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"openvisa-example-{Environment.ProcessId}.jsonl");
const string Psu = "TCPIP0::sim-psu.local::inst0::INSTR";

static IReadOnlyList<string> Measure(ResourceManager rm)
{
    using var psu = rm.OpenMessageBased(Psu);
    var replies = new List<string> { psu.Query("*IDN?") };
    psu.Write("VOLT 3.3, (@1)");
    replies.Add(psu.Query("VOLT? (@1)"));
    return replies;
}

IReadOnlyList<string> recorded;
using (var rm = new ResourceManager(RecordReplaySpec.Record(sessionFile, "@sim")))
    recorded = Measure(rm);
Console.WriteLine($"recorded {File.ReadLines(sessionFile).Count()} lines to {sessionFile}: {string.Join(" | ", recorded)}");

IReadOnlyList<string> replayed;
using (var rm = new ResourceManager(RecordReplaySpec.Replay(sessionFile)))
    replayed = Measure(rm);
Console.WriteLine($"replayed without the instrument: {string.Join(" | ", replayed)}");
if (!recorded.SequenceEqual(replayed))
{
    Console.Error.WriteLine("the replay answered differently from the recording");
    return 1;
}

// Something the recording did not do: the replay refuses it with a message naming the place and the difference.
using (var rm = new ResourceManager(RecordReplaySpec.Replay(sessionFile)))
{
    using var psu = rm.OpenMessageBased(Psu);
    try
    {
        psu.Query("MEAS:CURR? (@2)");
        Console.Error.WriteLine("the replay answered a command it never recorded");
        return 1;
    }
    catch (ReplayMismatchException e)
    {
        Console.WriteLine($"a query the recording never saw fails: {e.Message.Split('\n')[0]}");
    }
}
return 0;
