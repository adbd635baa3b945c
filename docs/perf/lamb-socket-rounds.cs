// The @lamb figures of docs/performance.md: `dotnet run -c Release docs/perf/lamb-socket-rounds.cs [ROUNDS] [QUERIES]`.
// One OpenVisa InstrumentServer in this process serves the same instrument over TCPIP SOCKET and HTTP (loopback); the
// @managed SOCKET session, the @lamb session (its own keep-alive sockets) and an @lamb session sending through HttpClient
// (the client before the keep-alive path; its internal switch, reached by reflection) take turns at *IDN? round trips,
// round after round, so all see the same load on a shared machine. Prints each round, then the median and best round of
// each and their ratios.
#:project ../../src/OpenVisa.Server/OpenVisa.Server.csproj
#:project ../../src/OpenVisa.Lamb/OpenVisa.Lamb.csproj
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using OpenVisa;
using OpenVisa.Lamb;
using OpenVisa.Managed.Server;
using OpenVisa.Server;
using OpenVisa.Server.Http;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
var queries = args.Length > 1 ? int.Parse(args[1]) : 2000;

var server = new InstrumentServer([new ServedInstrument("BENCH0::INSTR", new IdnDevice())],
    new InstrumentServerOptions { SocketPort = 0, Http = new HttpServerOptions() });
server.Start();
using var socketRm = new ResourceManager("@managed");
using var socket = socketRm.Open<MessageBasedResource>(server.Endpoints.First(e => e.Protocol == "SOCKET").ResourceName);
socket.ReadTermination = "\n";
using var lambRm = new ResourceManager(new LambLibrary(server.HttpUrl!));
using var lamb = lambRm.Open<MessageBasedResource>("BENCH0::INSTR");
var throughHttpClient = (LambLibrary)typeof(LambLibrary).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string), typeof(bool)])!
    .Invoke([server.HttpUrl!, false]);
using var httpClientRm = new ResourceManager(throughHttpClient);
using var viaHttpClient = httpClientRm.Open<MessageBasedResource>("BENCH0::INSTR");

double Rate(MessageBasedResource r, int n)
{
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < n; i++)
    {
        if (r.Query("*IDN?").Length == 0)
            throw new InvalidOperationException("empty reply");
    }
    return n / Stopwatch.GetElapsedTime(started).TotalSeconds;
}

Rate(socket, 500);
Rate(lamb, 500);
Rate(viaHttpClient, 500);
var s = new List<double>();
var l = new List<double>();
var h = new List<double>();
for (var round = 0; round < rounds; round++)
{
    // Alternate the order, so none always follows another.
    if (round % 2 == 0) { s.Add(Rate(socket, queries)); l.Add(Rate(lamb, queries)); h.Add(Rate(viaHttpClient, queries)); }
    else { h.Add(Rate(viaHttpClient, queries)); l.Add(Rate(lamb, queries)); s.Add(Rate(socket, queries)); }
    Console.WriteLine($"round {round + 1}: SOCKET {s[^1],8:F0} q/s   @lamb {l[^1],8:F0} q/s   ratio {l[^1] / s[^1]:F2}   @lamb via HttpClient {h[^1],8:F0} q/s   ratio {h[^1] / s[^1]:F2}");
}
static double Median(List<double> v) { var o = v.Order().ToArray(); return o.Length % 2 == 1 ? o[o.Length / 2] : (o[o.Length / 2 - 1] + o[o.Length / 2]) / 2; }
var ratios = s.Zip(l, (a, b) => b / a).ToList();
Console.WriteLine($"median: SOCKET {Median(s):F0} q/s ({1e6 / Median(s):F1} µs)   @lamb {Median(l):F0} q/s ({1e6 / Median(l):F1} µs)   ratio of medians {Median(l) / Median(s):F2}, median of round ratios {Median(ratios):F2}");
Console.WriteLine($"best:   SOCKET {s.Max():F0} q/s   @lamb {l.Max():F0} q/s   ratio {l.Max() / s.Max():F2}");
var ratiosHttpClient = s.Zip(h, (a, b) => b / a).ToList();
Console.WriteLine($"via HttpClient: median {Median(h):F0} q/s ({1e6 / Median(h):F1} µs), ratio of medians {Median(h) / Median(s):F2}, median of round ratios {Median(ratiosHttpClient):F2}, best {h.Max():F0} q/s");
await server.StopAsync();

sealed class IdnDevice : IMessageDevice
{
    private static readonly byte[] Identity = "OpenVisa,BenchDevice,0,1.0"u8.ToArray();

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        reply.Write(Identity);
        return ValueTask.FromResult(true);
    }
}
