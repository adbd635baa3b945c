// Query rate over a loopback SOCKET with and without recording: `dotnet run -c Release docs/perf/recording-overhead.cs`.
// Serves a tiny instrument with OpenVisa's SOCKET server on 127.0.0.1 and opens it twice: through @managed plainly and
// through a RecordingLibrary writing every operation to a session file. It then alternates short batches of *IDN?
// queries between the two, many times, so both see the same machine load, and compares the totals. It also times the
// recorder alone against an in-memory instrument (the recorder's own cost per query, without the network).
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

const int Batch = 500;
const int Cycles = 200;

await using var server = new SocketInstrumentServer(new Idn(), new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
server.Start();
var file = Path.Combine(Path.GetTempPath(), $"openvisa-overhead-{Environment.ProcessId}.jsonl");

using (var plainManager = new ResourceManager("@managed"))
using (var recordingManager = new ResourceManager("@managed", new ResourceManagerOptions { RecordTo = file }))
{
    var (plain, recording) = Compare(plainManager.Open<MessageBasedResource>(server.ResourceName), recordingManager.Open<MessageBasedResource>(server.ResourceName));
    Report("loopback SOCKET", plain, recording);
}
Console.WriteLine($"  session file: {new FileInfo(file).Length / 1024} KiB for {2 * Batch * (Cycles + 10)} operations");

using (var plainManager = new ResourceManager(new Memory()))
using (var recordingManager = new ResourceManager(new RecordingLibrary(new Memory(), file, ownsInner: true)))
{
    var (plain, recording) = Compare(plainManager.Open<MessageBasedResource>(Memory.Name), recordingManager.Open<MessageBasedResource>(Memory.Name));
    Report("in-memory instrument", plain, recording);
    Console.WriteLine($"  the recorder's own cost: {(recording.Cpu - plain.Cpu) / (Batch * Cycles) * 1e6:F2} us CPU per query (one write line and one read line)");
}
File.Delete(file);

// Alternates batches (after 10 warm-up cycles); returns wall and CPU seconds spent in each.
static ((double Wall, double Cpu) Plain, (double Wall, double Cpu) Recording) Compare(MessageBasedResource plain, MessageBasedResource recording)
{
    (double Wall, double Cpu) p = default, r = default;
    for (var cycle = -10; cycle < Cycles; cycle++)
    {
        var a = Time(plain);
        var b = Time(recording);
        if (cycle < 0)
            continue;
        p = (p.Wall + a.Wall, p.Cpu + a.Cpu);
        r = (r.Wall + b.Wall, r.Cpu + b.Cpu);
    }
    return (p, r);
}

static (double Wall, double Cpu) Time(MessageBasedResource instrument)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < Batch; i++)
        instrument.Query("*IDN?");
    return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
}

static void Report(string what, (double Wall, double Cpu) plain, (double Wall, double Cpu) recording)
{
    const int Queries = Batch * Cycles;
    Console.WriteLine($"{what}, {Queries} queries each, alternating batches of {Batch} ({Environment.ProcessorCount} cores, load average {Load()}):");
    Console.WriteLine($"  plain     {Queries / plain.Wall,9:F0} queries/s   {plain.Cpu / Queries * 1e6,7:F2} us CPU/query");
    Console.WriteLine($"  recording {Queries / recording.Wall,9:F0} queries/s   {recording.Cpu / Queries * 1e6,7:F2} us CPU/query");
    Console.WriteLine($"  recording: query rate {(plain.Wall / recording.Wall - 1) * 100:+0.0;-0.0}%, CPU per query {(recording.Cpu / plain.Cpu - 1) * 100:+0.0;-0.0}%");
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
