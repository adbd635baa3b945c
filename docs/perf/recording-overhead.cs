// Query rate over a loopback SOCKET with and without recording: `dotnet run -c Release docs/perf/recording-overhead.cs`.
// Serves a tiny instrument with OpenVisa's SOCKET server on 127.0.0.1, then times *IDN? queries through @managed
// plainly and through a RecordingLibrary writing every operation to a session file, alternating, several rounds.
// Prints the median query rate (wall clock) and the process CPU time per query (client and server together), which
// stays meaningful on a busy machine where the wall clock mostly measures waiting for a core.
#:project ../../src/OpenVisa.Managed/OpenVisa.Managed.csproj
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using OpenVisa;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Socket;

const int Warmup = 2_000;
const int Queries = 20_000;
const int Rounds = 11;

await using var server = new SocketInstrumentServer(new Idn(), new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
server.Start();
var file = Path.Combine(Path.GetTempPath(), $"openvisa-overhead-{Environment.ProcessId}.jsonl");
var plain = new List<(double Rate, double Cpu)>();
var recorded = new List<(double Rate, double Cpu)>();
for (var round = 0; round < Rounds; round++)
{
    plain.Add(Rate(new ResourceManager("@managed")));
    recorded.Add(Rate(new ResourceManager("@managed", new ResourceManagerOptions { RecordTo = file })));
}
var p = Median(plain.Select(x => x.Rate));
var r = Median(recorded.Select(x => x.Rate));
var pc = Median(plain.Select(x => x.Cpu));
var rc = Median(recorded.Select(x => x.Cpu));
Console.WriteLine($"loopback SOCKET, median of {Rounds} rounds of {Queries} queries ({Environment.ProcessorCount} cores, load average {Load()}):");
Console.WriteLine($"  plain     {p,8:F0} queries/s   {pc,6:F2} us CPU/query   (rates: {string.Join(", ", plain.Select(x => x.Rate.ToString("F0")))})");
Console.WriteLine($"  recording {r,8:F0} queries/s   {rc,6:F2} us CPU/query   (rates: {string.Join(", ", recorded.Select(x => x.Rate.ToString("F0")))})");
Console.WriteLine($"  recording: rate {(r / p - 1) * 100:+0.0;-0.0}%, CPU per query {(rc / pc - 1) * 100:+0.0;-0.0}%; session file {new FileInfo(file).Length / 1024} KiB for {Warmup + Queries} queries");

// The recorder's own cost, without the network: the same queries against an in-memory instrument.
var memoryPlain = new List<(double Rate, double Cpu)>();
var memoryRecorded = new List<(double Rate, double Cpu)>();
for (var round = 0; round < Rounds; round++)
{
    memoryPlain.Add(Rate(new ResourceManager(new Memory()), Memory.Name));
    memoryRecorded.Add(Rate(new ResourceManager(new RecordingLibrary(new Memory(), file, ownsInner: true)), Memory.Name));
}
var mp = Median(memoryPlain.Select(x => x.Cpu));
var mr = Median(memoryRecorded.Select(x => x.Cpu));
Console.WriteLine($"in-memory instrument: {mp:F2} us CPU/query plain, {mr:F2} recording: the recorder's own cost is {mr - mp:F2} us per query (a write line and a read line)");
File.Delete(file);

(double Rate, double Cpu) Rate(ResourceManager rm, string? resource = null)
{
    using (rm)
    {
        using var instrument = rm.Open<MessageBasedResource>(resource ?? server.ResourceName);
        for (var i = 0; i < Warmup; i++)
            instrument.Query("*IDN?");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Queries; i++)
            instrument.Query("*IDN?");
        var wall = watch.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (Queries / wall, used / Queries * 1e6);
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

sealed class Idn : IMessageDevice
{
    private static readonly byte[] Identity = Encoding.ASCII.GetBytes("OpenVisa,Loopback,0,1.0");

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        reply.Write(Identity);
        return ValueTask.FromResult(true);
    }
}

/// <summary>An instrument inside the process: every write is answered with the identity.</summary>
sealed class Memory() : VisaLibrary("")
{
    public const string Name = "TCPIP0::memory.invalid::5025::SOCKET";
    private static readonly byte[] Reply = Encoding.ASCII.GetBytes("OpenVisa,Memory,0,1.0\n");
    private readonly Dictionary<VisaAttribute, object> _attributes = [];
    private bool _pending;

    public override int OpenDefaultResourceManager() => 1;
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") => [Name];
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout) => 2;
    public override void Close(int session) { }
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value) { _attributes[attribute] = value; return StatusCode.Success; }
    public override object GetAttribute(int session, VisaAttribute attribute) => _attributes[attribute];
    public override int Write(int session, ReadOnlySpan<byte> data) { _pending = true; return data.Length; }
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        if (!_pending)
            throw new VisaException(StatusCode.ErrorTimeout);
        _pending = false;
        Reply.CopyTo(buffer);
        return new ReadResult(Reply.Length, StatusCode.SuccessTerminationCharacterRead);
    }
}
