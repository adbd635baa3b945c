using OpenVisa.Sim;

namespace OpenVisa.Tests.Recording;

/// <summary>Record against @sim (the built-in instruments), replay, and turn recordings into pyvisa-sim files that @sim serves.</summary>
public class SimRoundTripTests
{
    private const string Psu = "TCPIP0::sim-psu.local::5025::SOCKET";
    private const string Scope = "TCPIP0::sim-scope.local::5025::SOCKET";

    private static List<string> Program(ResourceManager rm)
    {
        var results = new List<string>();
        using var psu = rm.Open<MessageBasedResource>(Psu);
        results.Add(psu.Query("*IDN?"));
        psu.Write("VOLT 2.5");
        results.Add(psu.Query("VOLT?"));
        psu.Write("VOLT 1.25");
        results.Add(psu.Query("VOLT?"));
        psu.Write("OUTP ON");
        results.Add(psu.Query("OUTP?"));
        results.Add(psu.Query("MEAS:CURR?"));
        using var scope = rm.Open<MessageBasedResource>(Scope);
        results.Add(scope.Query("*IDN?"));
        scope.Write(":WAVeform:FORMat BYTE");
        var block = scope.QueryBinaryValues<byte>(":WAVeform:DATA?");
        results.Add(Convert.ToHexString(block));
        return results;
    }

    [Fact]
    public void A_session_recorded_against_sim_replays_identically()
    {
        using var files = new TempFiles();
        var session = files.File("sim.jsonl");
        List<string> live;
        using (var rm = new ResourceManager("@sim", new ResourceManagerOptions { RecordTo = session }))
            live = Program(rm);
        Assert.StartsWith("OpenVisa,SIM-PSU3", live[0]);
        Assert.Equal("+2.500000E+00", live[1]);
        using (var rm = new ResourceManager(session + "@replay"))
            Assert.Equal(live, Program(rm));
        // Binary blocks are stored exactly, as base64.
        Assert.Contains(SessionLog.Load(session).Operations, o => o.Op == SessionOps.Read && o.Fields.TryGetProperty("base64", out _));
    }

    [Fact]
    public void A_recording_turned_into_a_sim_file_answers_the_recorded_queries_the_same_way_through_sim()
    {
        using var files = new TempFiles();
        var session = files.File("sim.jsonl");
        List<string> live;
        using (var rm = new ResourceManager("@sim", new ResourceManagerOptions { RecordTo = session }))
            live = Program(rm);

        var conversion = SessionToSim.Convert(SessionLog.Load(session));
        var simFile = files.File("recorded.yaml");
        File.WriteAllText(simFile, conversion.Yaml);
        var report = SimFileChecker.Check(simFile);
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Empty(report.Problems);
        Assert.Equal([Psu, Scope], report.Resources.Select(r => r.Name).Order());
        // VOLT 2.5 then VOLT? answering +2.500000E+00 is a property, printed the way the instrument did.
        Assert.Contains("r: \"{:+.6E}\"", conversion.Yaml);
        Assert.Contains("BYTES(", conversion.Yaml);

        using var sim = new ResourceManager(simFile + "@sim");
        Assert.Equal(live, Program(sim));
    }

    [Fact]
    public void A_sim_file_property_follows_settings_the_recording_never_made()
    {
        using var files = new TempFiles();
        var session = files.File("sim.jsonl");
        using (var rm = new ResourceManager("@sim", new ResourceManagerOptions { RecordTo = session }))
            Program(rm);
        var simFile = files.File("recorded.yaml");
        File.WriteAllText(simFile, SessionToSim.Convert(SessionLog.Load(session)).Yaml);
        using var sim = new ResourceManager(simFile + "@sim");
        using var psu = sim.Open<MessageBasedResource>(Psu);
        psu.Write("VOLT 3.75");
        Assert.Equal("+3.750000E+00", psu.Query("VOLT?"));
    }
}
