using System.Net;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Tests.Recording;

/// <summary>Record against the real @managed SOCKET backend and server on 127.0.0.1, then replay with the server gone.</summary>
public class SocketRoundTripTests
{
    private static List<string> Program(ResourceManager rm, string resource)
    {
        var results = new List<string>();
        using var instrument = rm.Open<TcpipSocketResource>(resource);
        instrument.Timeout = TimeSpan.FromSeconds(5);
        results.Add(instrument.Query("*IDN?"));
        instrument.Write("VOLT 2.5");
        results.Add(instrument.Query("VOLT?"));
        results.Add(string.Join(",", instrument.QueryBinaryValues<byte>("DATA? 300").Take(8)));
        results.Add(instrument.QueryBinaryValues<byte>("DATA? 50000").Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        results.Add(instrument.Query("ECHO done"));
        using (instrument.WithTimeout(TimeSpan.FromMilliseconds(100)))
            results.Add(Scenario.Outcome(() => instrument.Read()));
        return results;
    }

    [Fact]
    public async Task A_session_recorded_over_a_loopback_socket_replays_identically_without_the_server()
    {
        using var files = new TempFiles();
        var session = files.File("socket.jsonl");
        string resource;
        List<string> live;
        await using (var server = new SocketInstrumentServer(new LoopbackDevice(), new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }))
        {
            server.Start();
            resource = server.ResourceName;
            using var rm = new ResourceManager(RecordReplaySpec.Record(session, "@managed"));
            live = Program(rm, resource);
        }
        Assert.Equal(LoopbackDevice.Identity, live[0]);
        Assert.Equal("+2.50000000E+00", live[1]);
        Assert.StartsWith("VI_ERROR_TMO", live[^1]);

        using (var rm = new ResourceManager(session + "@replay"))
            Assert.Equal(live, Program(rm, resource));

        var log = SessionLog.Load(session);
        Assert.Contains(log.Operations, o => o.Op == SessionOps.Read && o.Data is { } d && d.AsSpan().StartsWith("#3300"u8));
        Assert.True(log.Operations.Count(o => o.Op == SessionOps.Read) > 5);
    }

    [Fact]
    public async Task A_replay_recorded_over_a_socket_catches_a_changed_program()
    {
        using var files = new TempFiles();
        var session = files.File("socket.jsonl");
        string resource;
        await using (var server = new SocketInstrumentServer(new LoopbackDevice(), new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }))
        {
            server.Start();
            resource = server.ResourceName;
            using var rm = new ResourceManager(RecordReplaySpec.Record(session, "@managed"));
            Program(rm, resource);
        }
        using var replay = new ResourceManager(session + "@replay");
        using var instrument = replay.Open<TcpipSocketResource>(resource);
        instrument.Timeout = TimeSpan.FromSeconds(5);
        instrument.Query("*IDN?");
        var e = Assert.Throws<ReplayMismatchException>(() => instrument.Write("VOLT 3.5"));
        Assert.Equal(ReplayMismatchKind.Data, e.Kind);
        Assert.Contains("'VOLT 2.5\\n'", e.Message);
        Assert.Contains("'VOLT 3.5\\n'", e.Message);
    }
}
